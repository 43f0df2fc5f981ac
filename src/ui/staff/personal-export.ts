/**
 * Exports carrying residents' 個人番号 ask twice (docs/security.md, "Exports with 個人番号"): first
 * what the file holds and the law on it, then a final check that says the export is logged with
 * the staff credential. Either answer "no" stops it.
 */
import { t } from '../shared/i18n.ts';

export function confirmPersonalNumberExport(what: string, ask: (message: string) => boolean = (message) => confirm(message)): boolean {
  return ask(t('staff.export.personal-first', { what })) && ask(t('staff.export.personal-second', { what }));
}
