/**
 * Status words (ISO 7816-4 §5.6, JICSAP Table 25 as reported by soltia48/myna-card src/apdu.rs)
 * mapped to typed errors. Each error carries two messages: `text` for the resident at the kiosk
 * (what to do, no jargon) and `staff` for the clerk or administrator (what the card said).
 */
import { KofuError, type LocalizedText } from '../../bytes/errors.ts';
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

/** A card-side error. `sw` is set when the card answered with a status word. */
export class CardError extends KofuError {
  override readonly name: string = 'CardError';
  constructor(
    code: string,
    text: LocalizedText,
    /** For staff: what the card or reader did, in technical words. */
    readonly staff: LocalizedText,
    readonly sw?: number,
    options?: { cause?: unknown },
  ) {
    super(code, text, options);
  }
}

/** Wrong PIN: `triesLeft` attempts remain (0 means this attempt locked the PIN). */
export class PinIncorrectError extends CardError {
  override readonly name = 'PinIncorrectError';
  constructor(readonly triesLeft: number, sw: number) {
    super(
      triesLeft === 0 ? 'card.pin-locked-now' : 'card.pin-incorrect',
      triesLeft === 0
        ? {
            ja: '暗証番号が3回続けて違ったため、ロックされました。お住まいの市区町村の窓口で再設定してください（本人確認書類が必要です）。',
            en: 'The PIN was wrong three times in a row and is now locked. Have it reset at your municipal office (bring photo ID).',
          }
        : {
            ja: `暗証番号が違います。あと${triesLeft}回間違えるとロックされます。${triesLeft === 1 ? '分からない場合は入力せず、窓口で再設定してください。' : ''}`,
            en: `Wrong PIN. ${triesLeft} more wrong ${triesLeft === 1 ? 'try locks' : 'tries lock'} the card.${triesLeft === 1 ? ' If you are not sure, do not try again: have it reset at your municipal office.' : ''}`,
          },
      { ja: `VERIFY失敗 SW=${swHex(sw)}（残り${triesLeft}回）`, en: `VERIFY failed, SW=${swHex(sw)} (${triesLeft} left)` },
      sw,
    );
  }
}

/** The PIN is locked (6984, or 0 tries reported before any attempt). */
export class PinLockedError extends CardError {
  override readonly name = 'PinLockedError';
  constructor(sw?: number) {
    super(
      'card.pin-locked',
      {
        ja: 'この暗証番号はロックされています。お住まいの市区町村の窓口（一部のセブン‐イレブンのマルチコピー機でも可）で再設定してください。',
        en: 'This PIN is locked. Have it reset at your municipal office (some Seven-Eleven kiosks can also do this).',
      },
      { ja: `PINロック中 SW=${sw === undefined ? '63C0' : swHex(sw)}`, en: `PIN blocked, SW=${sw === undefined ? '63C0' : swHex(sw)}` },
      sw,
    );
  }
}

/** Only one try is left and the caller did not confirm that the resident was warned. */
export class PinLastTryError extends CardError {
  override readonly name = 'PinLastTryError';
  constructor() {
    super(
      'card.pin-last-try',
      {
        ja: '暗証番号はあと1回間違えるとロックされます。確かな場合だけ入力してください。',
        en: 'One more wrong PIN locks the card. Enter it only if you are sure.',
      },
      { ja: 'PIN残り1回: 利用者の確認待ち', en: 'PIN has 1 try left: awaiting confirmation' },
    );
  }
}

interface StatusEntry {
  readonly code: string;
  readonly text: LocalizedText;
  readonly staff: string;
}

const TRY_AGAIN: LocalizedText = {
  ja: 'カードを読み取れませんでした。カードを置き直して、もう一度お試しください。',
  en: 'The card could not be read. Place it on the reader again and retry.',
};

const STATUS_TABLE: ReadonlyMap<number, StatusEntry> = new Map([
  [SW.SECURITY_NOT_SATISFIED, { code: 'card.security-status', text: TRY_AGAIN, staff: 'security status not satisfied (PIN not verified)' }],
  [SW.FILE_NOT_FOUND, {
    code: 'card.file-not-found',
    text: { ja: 'このカードはマイナンバーカードではないか、必要な電子証明書が入っていません。', en: 'This is not a My Number card, or it does not hold the required certificate.' },
    staff: 'file or application not found',
  }],
  [SW.WRONG_OFFSET, { code: 'card.end-of-file', text: TRY_AGAIN, staff: 'offset past the end of the EF' }],
  [SW.WRONG_LENGTH, { code: 'card.wrong-length', text: TRY_AGAIN, staff: 'wrong length (Lc/Le)' }],
  [SW.WRONG_P1P2, { code: 'card.wrong-parameters', text: TRY_AGAIN, staff: 'incorrect P1/P2' }],
  [SW.INS_NOT_SUPPORTED, { code: 'card.ins-not-supported', text: TRY_AGAIN, staff: 'instruction not supported' }],
  [SW.CLA_NOT_SUPPORTED, { code: 'card.cla-not-supported', text: TRY_AGAIN, staff: 'class not supported' }],
  [SW.CHANNEL_NOT_SUPPORTED, { code: 'card.channel-not-supported', text: TRY_AGAIN, staff: 'logical channel not supported (only channel 0)' }],
  [SW.SECURE_MESSAGING_NOT_SUPPORTED, { code: 'card.sm-not-supported', text: TRY_AGAIN, staff: 'secure messaging not supported' }],
  [SW.COMMAND_NOT_ALLOWED_NO_EF, { code: 'card.no-current-ef', text: TRY_AGAIN, staff: 'command not allowed: no current EF' }],
  [SW.FILE_STRUCTURE_INCOMPATIBLE, { code: 'card.file-structure', text: TRY_AGAIN, staff: 'command incompatible with file structure' }],
  [SW.REFERENCED_DATA_NOT_FOUND, { code: 'card.reference-not-found', text: TRY_AGAIN, staff: 'referenced data not found' }],
]);

/** The typed error for a status word other than 9000. */
export function statusError(sw: number, context: string): CardError {
  if (sw === SW.AUTH_METHOD_BLOCKED) return new PinLockedError(sw);
  const tries = triesFromStatus(sw);
  if (tries !== null) return new PinIncorrectError(tries, sw);
  const entry = STATUS_TABLE.get(sw);
  const staffLine = `${context}: SW=${swHex(sw)}${entry ? ` (${entry.staff})` : ''}`;
  return new CardError(entry?.code ?? 'card.status', entry?.text ?? TRY_AGAIN, { ja: staffLine, en: staffLine }, sw);
}
