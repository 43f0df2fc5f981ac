/** The verifier's own failures in words. Keyed by VERIFY_ERROR_CODES. */
import type { VerifyErrorCode, VerifyErrorParams } from '../../verify/errors.ts';
import type { MessageTable } from './error-messages.ts';

const UNEXPECTED = {
  ja: '予期しないエラーで検証を完了できませんでした。もう一度お試しください。続く場合はアプリを再読み込みしてください。',
  en: 'An unexpected error stopped the check. Try again; if it persists, reload the app.',
} as const;

export const verifyMessages: MessageTable<VerifyErrorCode, VerifyErrorParams> = {
  'verify.no-qr': {
    ja: 'QRコードが見つかりません。証明書の裏面（スクランブル画像とQRコードのある面）を、用紙全体が入るように300dpiでスキャンしてください。',
    en: 'No QR code was found. Scan the back of the certificate (the side with the scrambled image and the QR code), the whole sheet, at 300 dpi.',
  },
  'verify.not-a-locator': {
    ja: 'QRコードは読めましたが、kofuの証明書のものではありません。証明書の裏面のQRコードか確認してください。',
    en: 'A QR code was read, but it is not a kofu certificate’s QR code. Check that this is the back of the certificate.',
  },
  'verify.several-locators': {
    ja: '複数の証明書のQRコードが写っています。1枚ずつスキャンしてください。',
    en: 'QR codes of more than one certificate are in the image. Scan one sheet at a time.',
  },
  'verify.no-trust-list': {
    ja: 'この端末には信頼リストがありません。管理画面で信頼リストを読み込んでください。',
    en: 'This device has no trust list. Load a trust list on the admin screen.',
  },
  'verify.content-mismatch': {
    ja: (p) => `署名は有効ですが、証明書の内容と署名された項目が一致しません（${p.problems.join('、')}）。発行元の自治体に確認してください。`,
    en: (p) => `The signature is valid but the certificate content disagrees with the signed fields (${p.problems.join(', ')}). Contact the issuing municipality.`,
  },
  'verify.qr-reader-unavailable': {
    ja: 'QRコードの読み取り機能を読み込めませんでした。ネットワークに接続してアプリを一度開き直してください。',
    en: 'Could not load the QR code reader. Connect to the network and reopen the app once.',
  },
  'verify.front-only': {
    ja: 'これは証明書の表面です。裏面（スクランブル画像とQRコードのある面）も追加してください。',
    en: 'This is the front of the certificate. Add the back as well (the side with the scrambled image and the QR code).',
  },
  'verify.unexpected-input': UNEXPECTED,
  'verify.unexpected-qr': UNEXPECTED,
  'verify.unexpected-carrier': UNEXPECTED,
  'verify.unexpected-seal': UNEXPECTED,
  'verify.unexpected-content': UNEXPECTED,
  'verify.unexpected-render': UNEXPECTED,
  'verify.unexpected-done': UNEXPECTED,
};
