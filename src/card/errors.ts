/**
 * Every failure of the card domain: one `CardError` class, one table of codes. A card error has
 * two messages in the catalogue (src/ui/shared/error-messages-card.ts): what the resident should
 * do, and for staff what the card or reader did (`params.detail`, a status word …).
 */
import { KofuError, type NoParams, type ParamsOf } from '../bytes/errors.ts';

export const CARD_ERROR_CODES = [
  // USB transport and reader protocols (transport/, ccid/, rcs300/, rcs380/)
  'card.removed',
  'card.absent',
  'card.reader-unplugged',
  'card.reader-protocol',
  'card.usb-blocked',
  'card.reader-unsupported',
  'card.no-reader-chosen',
  // RF and T=CL (isodep/)
  'card.rf-timeout',
  'card.rf-error',
  'card.unresponsive',
  // PIN (ISO 7816-4 VERIFY, apdu/status.ts, mynumber/files.ts)
  'card.pin-incorrect',
  'card.pin-locked-now',
  'card.pin-locked',
  'card.pin-last-try',
  'card.pin-format',
  // Status words other than 9000 (apdu/status.ts)
  'card.security-status',
  'card.file-not-found',
  'card.end-of-file',
  'card.wrong-length',
  'card.wrong-parameters',
  'card.ins-not-supported',
  'card.cla-not-supported',
  'card.channel-not-supported',
  'card.sm-not-supported',
  'card.no-current-ef',
  'card.file-structure',
  'card.reference-not-found',
  'card.status',
  // The My Number card's APs and certificate (mynumber/)
  'card.not-my-number-card',
  'card.cert-expired',
  'card.cert-not-yet-valid',
  'card.cert-malformed',
  'card.cert-untrusted',
  'card.cert-bad-signature',
  'card.signature-invalid',
] as const;
export type CardErrorCode = (typeof CARD_ERROR_CODES)[number];

/** Byte-level format errors of card data (thrown as ByteFormatError, not CardError). */
export const CARD_FORMAT_ERROR_CODES = ['apdu.malformed', 'tlv.truncated', 'card.basic-info-malformed'] as const;
export type CardFormatErrorCode = (typeof CARD_FORMAT_ERROR_CODES)[number];

/** What happened, in technical words, for the staff line. */
interface Detail {
  readonly detail: string;
}
/** A status word the card answered, as 4 hex digits, and the command it answered. */
interface StatusWord {
  readonly context: string;
  readonly sw: string;
}

export interface CardErrorParams {
  'card.removed': Detail;
  'card.absent': Detail;
  'card.reader-unplugged': Detail;
  'card.reader-protocol': Detail;
  'card.usb-blocked': Detail;
  'card.reader-unsupported': Detail;
  'card.rf-timeout': Detail;
  'card.rf-error': Detail;
  'card.unresponsive': Detail;
  'card.pin-incorrect': { readonly triesLeft: number; readonly sw: string };
  'card.pin-locked-now': { readonly triesLeft: number; readonly sw: string };
  /** `sw` is absent when no VERIFY was sent (0 tries reported by the card). */
  'card.pin-locked': { readonly sw?: string };
  'card.security-status': StatusWord;
  'card.file-not-found': StatusWord;
  'card.end-of-file': StatusWord;
  'card.wrong-length': StatusWord;
  'card.wrong-parameters': StatusWord;
  'card.ins-not-supported': StatusWord;
  'card.cla-not-supported': StatusWord;
  'card.channel-not-supported': StatusWord;
  'card.sm-not-supported': StatusWord;
  'card.no-current-ef': StatusWord;
  'card.file-structure': StatusWord;
  'card.reference-not-found': StatusWord;
  'card.status': StatusWord;
  'card.not-my-number-card': { readonly label: string };
  'card.cert-expired': Detail;
  'card.cert-not-yet-valid': Detail;
  'card.cert-malformed': Detail;
  'card.cert-untrusted': Detail;
  'card.cert-bad-signature': Detail;
  'card.signature-invalid': Detail;
  'apdu.malformed': Detail;
  'tlv.truncated': Detail;
  'card.basic-info-malformed': Detail;
}

export type CardErrorParamsOf<Code extends string> = ParamsOf<CardErrorParams, Code>;

/** A card-side error. `sw` is set when the card answered with a status word. */
export class CardError<Code extends CardErrorCode = CardErrorCode> extends KofuError<Code, CardErrorParamsOf<Code>> {
  override readonly name: string = 'CardError';
  readonly sw?: number;

  constructor(code: Code, params: CardErrorParamsOf<Code>, options?: { sw?: number; cause?: unknown }) {
    super(code, params, options);
    this.sw = options?.sw;
  }
}

/** True for a card error, narrowed to `code` (or any of `codes`) when given. */
export function isCardError<Code extends CardErrorCode>(error: unknown, code?: Code | readonly Code[]): error is CardError<Code> {
  if (!(error instanceof CardError)) return false;
  if (code === undefined) return true;
  return typeof code === 'string' ? error.code === code : (code as readonly string[]).includes(error.code);
}

export const pinLockedError = (sw?: string): CardError<'card.pin-locked'> => new CardError('card.pin-locked', { sw });
export const pinLastTryError = (): CardError<'card.pin-last-try'> => new CardError('card.pin-last-try', {} as NoParams);
