/**
 * What the kiosk screens offer, for ui/: each certificate's title and each kind's option form
 * (src/documents/options.ts; card-reading.md §5.1, §5.2). ui/ takes domain values only through
 * app/; this module is kept apart from kiosk.ts, which loads the card layer and IndexedDB, so the
 * kiosk's first paint stays light.
 */
import type { LocalizedText } from '../bytes/errors.ts';
import { OPTIONS, type OptionDescriptor } from '../documents/options.ts';
import { CERTIFICATE_KINDS, CERTIFICATE_TITLES, type CertificateKind } from '../documents/types.ts';

export type { OptionDescriptor };

/** The six certificates in the order every screen lists them. */
export { CERTIFICATE_KINDS };

/** 住民票の写し, 各種税証明書 … — the one name per certificate (documents/types.ts CERTIFICATE_TITLES). */
export function certificateTitle(kind: CertificateKind): LocalizedText {
  return CERTIFICATE_TITLES[kind];
}

/** The option `id` ('scope', 'myNumber', 'taxKind' …) of `kind`'s form: label, choices, warning. */
export function kioskOption(kind: CertificateKind, id: string): OptionDescriptor | undefined {
  return OPTIONS[kind].find((option) => option.id === id);
}
