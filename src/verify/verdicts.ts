/**
 * What each failure means for the person checking the paper, and what to do about it
 * (docs/verifier.md lists them all). Domain errors already say what happened; the advice here
 * adds the next step in the verifier's own terms (scan again how, ask whom).
 */
import { AbortedError, KofuError, type LocalizedText } from '../bytes/errors.ts';
import type { VerificationReport, VerifyStage } from './report.ts';

const text = (ja: string, en: string): LocalizedText => ({ ja, en });

export const VerifyMessage = {
  noQr: text(
    'QRコードが見つかりません。証明書の裏面（スクランブル画像とQRコードのある面）を、用紙全体が入るように300dpiでスキャンしてください。',
    'No QR code was found. Scan the back of the certificate (the side with the scrambled image and the QR code), the whole sheet, at 300 dpi.',
  ),
  notALocator: text(
    'QRコードは読めましたが、kofuの証明書のものではありません。証明書の裏面のQRコードか確認してください。',
    'A QR code was read, but it is not a kofu certificate’s QR code. Check that this is the back of the certificate.',
  ),
  severalLocators: text(
    '複数の証明書のQRコードが写っています。1枚ずつスキャンしてください。',
    'QR codes of more than one certificate are in the image. Scan one sheet at a time.',
  ),
  noTrustList: text(
    'この端末には信頼リストがありません。管理画面で信頼リストを読み込んでください。',
    'This device has no trust list. Load a trust list on the admin screen.',
  ),
  unexpected: text(
    '予期しないエラーで検証を完了できませんでした。もう一度お試しください。続く場合はアプリを再読み込みしてください。',
    'An unexpected error stopped the check. Try again; if it persists, reload the app.',
  ),
  contentMismatch: (problems: readonly string[]) =>
    text(
      `署名は有効ですが、証明書の内容と署名された項目が一致しません（${problems.join('、')}）。発行元の自治体に確認してください。`,
      `The signature is valid but the certificate content disagrees with the signed fields (${problems.join(', ')}). Contact the issuing municipality.`,
    ),
} as const;

const RESCAN = text(
  '用紙を平らに置き、300dpi・カラーで、自動補正（シャープ・傾き補正など）を切ってスキャンし直してください。写真の場合は明るい場所で真上から撮影してください。',
  'Rescan the sheet lying flat, at 300 dpi in colour, with auto-enhance (sharpening, deskew) turned off. For a photo, use good light and hold the phone straight above the sheet.',
);
const FORGERY = text(
  '偽造または改ざんの可能性があります。この証明書を受け付けず、発行元の自治体に問い合わせてください。',
  'This may be a forgery or an altered certificate. Do not accept it; contact the issuing municipality.',
);
const UPDATE_TRUST = text(
  '管理画面で最新の信頼リストを読み込んでから、もう一度検証してください。それでも同じ結果なら発行元の自治体に問い合わせてください。',
  'Load the latest trust list on the admin screen, then verify again. If the result is the same, contact the issuing municipality.',
);
const DEMO_ONLY = text(
  'デモ用の証明書は本番では使えません。本物の証明書の提出を求めてください。',
  'Demo certificates are not valid for real use. Ask for a real certificate.',
);
const SAME_SHEET = text('QRコードとスクランブル画像が同じ用紙のものか確認し、裏面全体をスキャンしてください。', 'Check that the QR code and the scrambled image are on the same sheet, and scan the whole back side.');
const OTHER_FILE = text('別のファイル（PNG・JPEG・WebP、80MB以下）を選んでください。', 'Choose another file (PNG, JPEG or WebP, at most 80 MB).');
const UPDATE_APP = text('アプリを最新版に更新してから、もう一度検証してください。', 'Update the app, then verify again.');

/** The next step for a failure `code` raised at `stage`. */
export function adviceFor(code: string, stage: VerifyStage): LocalizedText | undefined {
  switch (code) {
    case 'verify.no-qr':
    case 'verify.several-locators':
      return RESCAN;
    case 'verify.not-a-locator':
    case 'locator.damaged':
      return SAME_SHEET;
    case 'carrier.wrong-key':
    case 'seal.locator-mismatch':
      return SAME_SHEET;
    case 'carrier.not-found':
    case 'carrier.too-small':
    case 'carrier.too-blurry':
    case 'carrier.damaged':
      return RESCAN;
    case 'carrier.unsupported-format':
    case 'locator.unknown-version':
    case 'seal.unknown-format':
    case 'seal.unsupported-render-version':
    case 'seal-content.render-version':
      return UPDATE_APP;
    case 'seal.bad-signature':
    case 'seal.kid-mismatch':
    case 'seal.issuer-mismatch':
    case 'seal.signer-not-certified':
    case 'seal.outside-validity':
    case 'verify.content-mismatch':
      return FORGERY;
    case 'seal.unknown-issuer':
    case 'seal.signer-revoked':
    case 'verify.no-trust-list':
      return UPDATE_TRUST;
    case 'seal.demo-outside-demo-mode':
      return DEMO_ONLY;
    case 'render.font-unavailable':
      // A verifier stores the certificate font on first use (docs/architecture.md, "Caching"):
      // offline before that, the restored image cannot be drawn — the paper is not at fault.
      return text(
        'この端末には復元画像用のフォントがまだありません。ネットワークに接続して、もう一度確認してください（証明書が無効という意味ではありません）。',
        'This device does not have the font for the restored image yet. Connect to the network and check again (this does not mean the certificate is invalid).',
      );
    case 'seal.issued-in-future':
      return text('この端末の日付と時刻を確認してください。', 'Check this device’s date and time.');
  }
  if (stage === 'input') return OTHER_FILE;
  if (stage === 'carrier') return RESCAN;
  if (stage === 'seal' || stage === 'content') return FORGERY;
  return undefined;
}

/** The code and reason of any thrown value (a KofuError keeps its own). */
export function failureOf(error: unknown, stage: VerifyStage): { code: string; reason: LocalizedText } {
  if (error instanceof KofuError) return { code: error.code, reason: error.text };
  return { code: `verify.unexpected-${stage}`, reason: VerifyMessage.unexpected };
}

/** A report for a failure before the pipeline could start (file too large, not an image…). */
export function inputFailureReport(error: unknown): VerificationReport {
  if (error instanceof AbortedError) throw error;
  const { code, reason } = failureOf(error, 'input');
  return { verdict: 'invalid', demo: false, code, stage: 'input', reason, advice: adviceFor(code, 'input'), warnings: [], restored: [], timings: {} };
}
