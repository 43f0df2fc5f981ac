/**
 * Status words (ISO 7816-4 §5.6, JICSAP Table 25 as reported by soltia48/myna-card src/apdu.rs)
 * mapped to typed errors. Each code has two messages in the catalogue: one for the resident at
 * the kiosk (what to do, no jargon) and one for the clerk or administrator (what the card said).
 */
import { CardError, type CardErrorCode } from '../errors.ts';
import { swHex } from './apdu.ts';

export const SW = {
  OK: 0x9000,
  /** End of file reached before Le bytes were read (ISO 7816-4 §5.6, warning). */
  END_OF_FILE_WARNING: 0x6282,
  /** 63Cx: verification failed, x tries left. */
  VERIFY_FAILED_BASE: 0x63c0,
  WRONG_LENGTH: 0x6700,
  CHANNEL_NOT_SUPPORTED: 0x6881,
  SECURE_MESSAGING_NOT_SUPPORTED: 0x6882,
  FILE_STRUCTURE_INCOMPATIBLE: 0x6981,
  SECURITY_NOT_SATISFIED: 0x6982,
  /** The PIN or key is blocked (every attempt after the counter reached 0). */
  AUTH_METHOD_BLOCKED: 0x6984,
  COMMAND_NOT_ALLOWED_NO_EF: 0x6986,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6a86,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  WRONG_OFFSET: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
} as const;

/** 61xx: xx more bytes available through GET RESPONSE (ISO 7816-4 §5.6, T=0 readers). */
export const isMoreData = (sw: number): boolean => sw >> 8 === 0x61;
/** 6Cxx: wrong Le, resend with Le = xx. */
export const isWrongLe = (sw: number): boolean => sw >> 8 === 0x6c;
/** 63Cx with x tries left; null for any other status word. */
export function triesFromStatus(sw: number): number | null {
  return (sw & 0xfff0) === SW.VERIFY_FAILED_BASE ? sw & 0x0f : null;
}

/** The code of each status word that has one of its own (the staff line names it, see the catalogue). */
const STATUS_CODES: ReadonlyMap<number, CardErrorCode> = new Map([
  [SW.SECURITY_NOT_SATISFIED, 'card.security-status'],
  [SW.FILE_NOT_FOUND, 'card.file-not-found'],
  [SW.WRONG_OFFSET, 'card.end-of-file'],
  [SW.WRONG_LENGTH, 'card.wrong-length'],
  [SW.WRONG_P1P2, 'card.wrong-parameters'],
  [SW.INS_NOT_SUPPORTED, 'card.ins-not-supported'],
  [SW.CLA_NOT_SUPPORTED, 'card.cla-not-supported'],
  [SW.CHANNEL_NOT_SUPPORTED, 'card.channel-not-supported'],
  [SW.SECURE_MESSAGING_NOT_SUPPORTED, 'card.sm-not-supported'],
  [SW.COMMAND_NOT_ALLOWED_NO_EF, 'card.no-current-ef'],
  [SW.FILE_STRUCTURE_INCOMPATIBLE, 'card.file-structure'],
  [SW.REFERENCED_DATA_NOT_FOUND, 'card.reference-not-found'],
] as const);

/** The typed error for a status word other than 9000. */
export function statusError(sw: number, context: string): CardError {
  if (sw === SW.AUTH_METHOD_BLOCKED) return new CardError('card.pin-locked', { sw: swHex(sw) }, { sw });
  const tries = triesFromStatus(sw);
  if (tries !== null) return new CardError(tries === 0 ? 'card.pin-locked-now' : 'card.pin-incorrect', { triesLeft: tries, sw: swHex(sw) }, { sw });
  return new CardError(STATUS_CODES.get(sw) ?? 'card.status', { context, sw: swHex(sw) }, { sw });
}
