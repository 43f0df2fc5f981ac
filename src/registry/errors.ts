/**
 * The codes of the registry domain; their words are in src/ui/shared/error-messages-data.ts.
 * Eligibility refusals (rules.ts) and import problems (transfer.ts) still carry their own ja/en
 * text: they are lists shown by app/kiosk-session.ts and the kiosk and registry panels, and move
 * to codes with those in issue #9 phase 2.
 */
import type { LocalizedText } from '../bytes/errors.ts';

export const REGISTRY_ERROR_CODES = ['registry.not-found', 'registry.import-invalid'] as const;
export type RegistryErrorCode = (typeof REGISTRY_ERROR_CODES)[number];

export interface RegistryErrorParams {
  /** The id or code that was looked up. */
  'registry.not-found': { readonly what: string };
  /** The first problem (file, 1-based line or 0, field path or ''), and how many more there are. */
  'registry.import-invalid': { readonly file: string; readonly line: number; readonly field: string; readonly problem: LocalizedText; readonly more: number };
}
