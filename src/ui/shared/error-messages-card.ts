/**
 * Card errors in words: for the resident (what to do, no jargon) and, in `staff`, for the clerk
 * or administrator (what the card or the reader did). Keyed by CARD_ERROR_CODES.
 */
import type { CardErrorCode, CardErrorParams, CardFormatErrorCode } from '../../card/errors.ts';
import type { MessageTable, StaffMessageTable } from './error-messages.ts';

const TRY_AGAIN = {
  ja: 'カードを読み取れませんでした。カードを置き直して、もう一度お試しください。',
  en: 'The card could not be read. Place it on the reader again and retry.',
} as const;

const CERTIFICATE_UNVERIFIED = {
  ja: 'このカードの電子証明書を確認できませんでした。係員にお知らせください。',
  en: 'The certificate on this card could not be verified. Please call a member of staff.',
} as const;

/** Staff line of a status word: the command, the status word, and what ISO 7816-4 calls it. */
const statusLine = (meaning?: string) => ({
  ja: (p: { context: string; sw: string }) => `${p.context}: SW=${p.sw}${meaning ? ` (${meaning})` : ''}`,
  en: (p: { context: string; sw: string }) => `${p.context}: SW=${p.sw}${meaning ? ` (${meaning})` : ''}`,
});
const statusWord = (meaning?: string, text: { ja: string; en: string } = TRY_AGAIN) => ({ ...text, staff: statusLine(meaning) });

const certificateCheck = {
  ja: (p: { detail: string }) => `証明書検証失敗: ${p.detail}`,
  en: (p: { detail: string }) => `Certificate check failed: ${p.detail}`,
};

const pinLockedNow = {
  ja: '暗証番号が3回続けて違ったため、ロックされました。お住まいの市区町村の窓口で再設定してください（本人確認書類が必要です）。',
  en: 'The PIN was wrong three times in a row and is now locked. Have it reset at your municipal office (bring photo ID).',
};
const verifyFailed = {
  ja: (p: { triesLeft: number; sw: string }) => `VERIFY失敗 SW=${p.sw}（残り${p.triesLeft}回）`,
  en: (p: { triesLeft: number; sw: string }) => `VERIFY failed, SW=${p.sw} (${p.triesLeft} left)`,
};

export const cardMessages: StaffMessageTable<CardErrorCode, CardErrorParams> = {
  'card.removed': {
    ja: 'カードが読み取り中に離れました。カードをリーダーの上に置いたまま、もう一度お試しください。',
    en: 'The card left the reader during reading. Keep it on the reader and try again.',
    staff: { ja: (p) => `カード応答なし: ${p.detail}`, en: (p) => `Card not responding: ${p.detail}` },
  },
  'card.absent': {
    ja: 'カードが見つかりません。マイナンバーカードをリーダーの上に置いてください。',
    en: 'No card found. Place your My Number card on the reader.',
    staff: { ja: (p) => `カード検出なし: ${p.detail}`, en: (p) => `No card detected: ${p.detail}` },
  },
  'card.reader-unplugged': {
    ja: 'カードリーダーが外れました。係員にお知らせください。',
    en: 'The card reader was disconnected. Please call a member of staff.',
    staff: { ja: (p) => `USB切断: ${p.detail}（ケーブルを挿し直して再接続してください）`, en: (p) => `USB disconnected: ${p.detail} (replug and reconnect the reader)` },
  },
  'card.reader-protocol': {
    ja: 'カードリーダーとの通信に失敗しました。もう一度お試しください。続く場合は係員にお知らせください。',
    en: 'Communication with the card reader failed. Try again; if it keeps failing, call a member of staff.',
    staff: { ja: (p) => `リーダー通信異常: ${p.detail}`, en: (p) => `Reader protocol error: ${p.detail}` },
  },
  // The message names the readers that do work: Chrome lets only an Isolated Web App claim CCID.
  'card.usb-blocked': {
    ja: 'このブラウザーはこのカードリーダー（標準のICカードリーダー）を使わせてくれません。Sony RC-S380 または RC-S300 をつないでください。',
    en: 'This browser does not let web pages use this card reader (a standard smart-card reader). Connect a Sony RC-S380 or RC-S300 instead.',
    staff: {
      ja: (p) => `claimInterfaceがSecurityError: ${p.detail}。CCIDクラス(0x0B)はIsolated Web App（usb-unrestricted）でのみ使えます。docs/readers.md参照。`,
      en: (p) => `claimInterface raised SecurityError: ${p.detail}. CCID class 0x0B needs an Isolated Web App with usb-unrestricted; see docs/readers.md.`,
    },
  },
  'card.reader-unsupported': {
    ja: 'このカードリーダーには対応していません。Sony RC-S380 または RC-S300 をお使いください。',
    en: 'This card reader is not supported. Use a Sony RC-S380 or RC-S300.',
    staff: { ja: (p) => `未対応のリーダー: ${p.detail}`, en: (p) => `Unsupported reader: ${p.detail}` },
  },
  'card.no-reader-chosen': {
    ja: 'カードリーダーが選ばれませんでした。一覧からリーダーを選んでください。',
    en: 'No card reader was chosen. Pick the reader from the list.',
    staff: { ja: 'requestDeviceが選択なしで閉じられました', en: 'requestDevice closed without a choice' },
  },
  'card.rf-timeout': {
    ja: 'カードとの通信が不安定です。カードを動かさずにお待ちください。',
    en: 'Communication with the card is unstable. Keep the card still.',
    staff: { ja: (p) => `RF timeout: ${p.detail}`, en: (p) => `RF timeout: ${p.detail}` },
  },
  'card.rf-error': {
    ja: 'カードとの通信が不安定です。カードを動かさずにお待ちください。',
    en: 'Communication with the card is unstable. Keep the card still.',
    staff: { ja: (p) => `RF transmission: ${p.detail}`, en: (p) => `RF transmission: ${p.detail}` },
  },
  'card.unresponsive': {
    ja: 'カードの応答がありません。カードを置き直して、もう一度お試しください。',
    en: 'The card does not answer. Place it on the reader again and retry.',
    staff: { ja: (p) => `カード応答待ちの上限超過: ${p.detail}`, en: (p) => `Card kept asking for more time: ${p.detail}` },
  },
  'card.pin-incorrect': {
    ja: (p) => `暗証番号が違います。あと${p.triesLeft}回間違えるとロックされます。${p.triesLeft === 1 ? '分からない場合は入力せず、窓口で再設定してください。' : ''}`,
    en: (p) =>
      `Wrong PIN. ${p.triesLeft} more wrong ${p.triesLeft === 1 ? 'try locks' : 'tries lock'} the card.${p.triesLeft === 1 ? ' If you are not sure, do not try again: have it reset at your municipal office.' : ''}`,
    staff: verifyFailed,
  },
  'card.pin-locked-now': { ...pinLockedNow, staff: verifyFailed },
  'card.pin-locked': {
    ja: 'この暗証番号はロックされています。お住まいの市区町村の窓口（一部のセブン‐イレブンのマルチコピー機でも可）で再設定してください。',
    en: 'This PIN is locked. Have it reset at your municipal office (some Seven-Eleven kiosks can also do this).',
    staff: { ja: (p) => `PINロック中 SW=${p.sw ?? '63C0'}`, en: (p) => `PIN blocked, SW=${p.sw ?? '63C0'}` },
  },
  'card.pin-last-try': {
    ja: '暗証番号はあと1回間違えるとロックされます。確かな場合だけ入力してください。',
    en: 'One more wrong PIN locks the card. Enter it only if you are sure.',
    staff: { ja: 'PIN残り1回: 利用者の確認待ち', en: 'PIN has 1 try left: awaiting confirmation' },
  },
  'card.pin-format': {
    ja: '暗証番号は4桁の数字です。',
    en: 'The PIN is 4 digits.',
    staff: { ja: 'PIN形式不正（カードには送信していません）', en: 'PIN format rejected before sending (card untouched)' },
  },
  'card.security-status': statusWord('security status not satisfied (PIN not verified)'),
  'card.file-not-found': statusWord('file or application not found', {
    ja: 'このカードはマイナンバーカードではないか、必要な電子証明書が入っていません。',
    en: 'This is not a My Number card, or it does not hold the required certificate.',
  }),
  'card.end-of-file': statusWord('offset past the end of the EF'),
  'card.wrong-length': statusWord('wrong length (Lc/Le)'),
  'card.wrong-parameters': statusWord('incorrect P1/P2'),
  'card.ins-not-supported': statusWord('instruction not supported'),
  'card.cla-not-supported': statusWord('class not supported'),
  'card.channel-not-supported': statusWord('logical channel not supported (only channel 0)'),
  'card.sm-not-supported': statusWord('secure messaging not supported'),
  'card.no-current-ef': statusWord('command not allowed: no current EF'),
  'card.file-structure': statusWord('command incompatible with file structure'),
  'card.reference-not-found': statusWord('referenced data not found'),
  'card.status': statusWord(),
  'card.not-my-number-card': {
    ja: 'このカードはマイナンバーカードではありません（住民基本台帳カードなどは使えません）。マイナンバーカードを置いてください。',
    en: 'This is not a My Number card (Juki cards and others cannot be used). Place a My Number card on the reader.',
    staff: { ja: (p) => `トークン種別: "${p.label}"`, en: (p) => `Token label: "${p.label}"` },
  },
  'card.cert-expired': {
    ja: 'カードの利用者証明用電子証明書の有効期限が切れています。市区町村の窓口で更新してください。',
    en: 'The user-authentication certificate on this card has expired. Renew it at your municipal office.',
    staff: certificateCheck,
  },
  'card.cert-not-yet-valid': { ...CERTIFICATE_UNVERIFIED, staff: certificateCheck },
  'card.cert-malformed': { ...CERTIFICATE_UNVERIFIED, staff: certificateCheck },
  'card.cert-untrusted': { ...CERTIFICATE_UNVERIFIED, staff: certificateCheck },
  'card.cert-bad-signature': { ...CERTIFICATE_UNVERIFIED, staff: certificateCheck },
  'card.signature-invalid': { ...CERTIFICATE_UNVERIFIED, staff: certificateCheck },
};

export const cardFormatMessages: MessageTable<CardFormatErrorCode, CardErrorParams> = {
  'apdu.malformed': { ja: (p) => `カードへのコマンドの形式が不正です（${p.detail}）。`, en: (p) => `Malformed card command (${p.detail}).` },
  'tlv.truncated': { ja: (p) => `カードのデータ構造が壊れています（${p.detail}）。`, en: (p) => `The card's data structure is damaged (${p.detail}).` },
  'card.basic-info-malformed': {
    ja: (p) => `カードの券面事項データが読み取れません（${p.detail}）。係員にお知らせください。`,
    en: (p) => `The card's personal data could not be read (${p.detail}). Please call a member of staff.`,
  },
};
