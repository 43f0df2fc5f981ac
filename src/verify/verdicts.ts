/**
 * What each failure means for the person checking the paper, and what to do about it
 * (docs/verifier.md lists them all). Domain errors already say what happened; the advice here
 * adds the next step in the verifier's own terms (scan again how, ask whom).
 */
import { AbortedError, KofuError, type BytesErrorCode, BYTES_ERROR_CODES, type LocalizedText } from '../bytes/errors.ts';
import { CARRIER_ERROR_CODES, type CarrierErrorCode } from '../carrier/errors.ts';
import { DOCUMENTS_ERROR_CODES, type DocumentsErrorCode } from '../documents/errors.ts';
import { RENDER_ERROR_CODES, type RenderErrorCode } from '../render/font.ts';
import { SEAL_ERROR_CODES, type SealErrorCode } from '../seal/errors.ts';
import { VISION_ERROR_CODES, type VisionErrorCode } from '../vision/errors.ts';
import { VERIFY_ERROR_CODES, type VerifyErrorCode } from './errors.ts';
import type { VerificationReport, VerifyStage } from './report.ts';

const text = (ja: string, en: string): LocalizedText => ({ ja, en });

/** Every code a verification report can carry: the verifier's own and those of the domains it runs. */
export const VERIFIER_CODES = [...VERIFY_ERROR_CODES, ...SEAL_ERROR_CODES, ...DOCUMENTS_ERROR_CODES, ...BYTES_ERROR_CODES, ...RENDER_ERROR_CODES, ...CARRIER_ERROR_CODES, ...VISION_ERROR_CODES] as const;
export type VerifierCode = VerifyErrorCode | SealErrorCode | DocumentsErrorCode | BytesErrorCode | RenderErrorCode | CarrierErrorCode | VisionErrorCode;

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
const ADD_BACK = text(
  '「裏面を追加」を押して、同じ用紙の裏面をスキャンした画像（またはPDF）を選んでください。表面と裏面がそろうと、用紙全体を確認できます。',
  'Press “Add the back” and choose a scan (or PDF) of the back of the same sheet. With both sides, the whole sheet is checked.',
);
const UPDATE_APP = text('アプリを最新版に更新してから、もう一度検証してください。', 'Update the app, then verify again.');

/**
 * A verifier stores the certificate font on first use (docs/architecture.md, "Caching"): offline
 * before that, the restored image cannot be drawn — the paper is not at fault.
 */
const FONT_MISSING = text(
  'この端末には復元画像用のフォントがまだありません。ネットワークに接続して、もう一度確認してください（証明書が無効という意味ではありません）。',
  'This device does not have the font for the restored image yet. Connect to the network and check again (this does not mean the certificate is invalid).',
);

const DEVICE_CLOCK = text('この端末の日付と時刻を確認してください。', 'Check this device’s date and time.');

/** The code's own advice, or `BY_STAGE`: what to do follows from the stage it was raised at. */
const BY_STAGE = 'by-stage';
type Advice = LocalizedText | typeof BY_STAGE;

const ADVICE: Readonly<Record<VerifierCode, Advice>> = {
  'verify.no-qr': RESCAN,
  'verify.several-locators': RESCAN,
  'verify.not-a-locator': SAME_SHEET,
  'verify.no-trust-list': UPDATE_TRUST,
  'verify.content-mismatch': FORGERY,
  'verify.qr-reader-unavailable': BY_STAGE,
  'verify.front-only': ADD_BACK,
  'verify.unexpected-input': BY_STAGE,
  'verify.unexpected-qr': BY_STAGE,
  'verify.unexpected-carrier': BY_STAGE,
  'verify.unexpected-seal': BY_STAGE,
  'verify.unexpected-content': BY_STAGE,
  'verify.unexpected-render': BY_STAGE,
  'verify.unexpected-done': BY_STAGE,

  'locator.damaged': SAME_SHEET,
  'locator.unknown-version': UPDATE_APP,
  'locator.too-long': BY_STAGE,
  'locator.bad-verifier-url': BY_STAGE,

  'carrier.wrong-key': SAME_SHEET,
  'carrier.not-found': RESCAN,
  'carrier.too-small': RESCAN,
  'carrier.too-blurry': RESCAN,
  'carrier.damaged': RESCAN,
  'carrier.unsupported-format': UPDATE_APP,
  'carrier.bad-key': BY_STAGE,
  'carrier.payload-too-large': BY_STAGE,
  'carrier.bad-image': BY_STAGE,

  'seal.locator-mismatch': SAME_SHEET,
  'seal.unknown-format': UPDATE_APP,
  'seal.unsupported-render-version': UPDATE_APP,
  'seal.bad-signature': FORGERY,
  'seal.kid-mismatch': FORGERY,
  'seal.issuer-mismatch': FORGERY,
  'seal.signer-not-certified': FORGERY,
  'seal.outside-validity': FORGERY,
  'seal.unknown-issuer': UPDATE_TRUST,
  'seal.signer-revoked': UPDATE_TRUST,
  'seal.demo-outside-demo-mode': DEMO_ONLY,
  'seal.issued-in-future': DEVICE_CLOCK,
  'seal.bad-claims': BY_STAGE,
  'seal.signer-expired': BY_STAGE,
  'seal.too-large': BY_STAGE,
  'seal.malformed': BY_STAGE,
  'seal-content.render-version': UPDATE_APP,
  'seal-content.invalid': BY_STAGE,

  // Structure errors of the seal, its signer certificate and the trust list: by stage.
  'cbor.malformed': BY_STAGE,
  'cbor.non-canonical': BY_STAGE,
  'cbor.bad-shape': BY_STAGE,
  'cbor.unknown-field': BY_STAGE,
  'cose.unsupported-algorithm': BY_STAGE,
  'cose.unknown-critical': BY_STAGE,
  'cose.wrong-tag': BY_STAGE,
  'key.bad-public-key': BY_STAGE,
  'signer.bad-device-id': BY_STAGE,
  'signer.bad-validity': BY_STAGE,
  'signer.bad-municipality': BY_STAGE,
  'signer.too-large': BY_STAGE,
  'signer.unknown-version': BY_STAGE,
  'signer.bad-request-signature': BY_STAGE,
  'bytes.bad-hex': BY_STAGE,
  'bytes.bad-base64': BY_STAGE,
  'bytes.truncated': BY_STAGE,
  'aborted': BY_STAGE,
  'date.invalid': BY_STAGE,
  'date.bad-format': BY_STAGE,

  // Input files (vision/): by stage, which says to choose another file.
  'vision.bad-image-shape': BY_STAGE,
  'vision.empty-file': BY_STAGE,
  'vision.file-too-large': BY_STAGE,
  'vision.not-an-image': BY_STAGE,
  'vision.pdf-no-back': BY_STAGE,
  'vision.pdf-unreadable': BY_STAGE,
  'vision.pdf-too-complex': BY_STAGE,
  'vision.pdf-too-slow': BY_STAGE,
  'vision.too-many-pixels': BY_STAGE,
  'vision.tiff-corrupt': BY_STAGE,
  'vision.tiff-unsupported': BY_STAGE,

  // Codes of the admin side of the seal domain that a verification does not raise.
  'trust.fetch-failed': BY_STAGE,
  'trust.fetch-status': BY_STAGE,
  'trust.too-large': BY_STAGE,
  'trust.unknown-format': BY_STAGE,
  'trust.unknown-signer': BY_STAGE,
  'trust.demo-outside-demo-mode': BY_STAGE,
  'trust.not-newer': BY_STAGE,
  'key-backup.weak-passphrase': BY_STAGE,
  'key-backup.damaged': BY_STAGE,
  'key-backup.not-a-backup': BY_STAGE,
  'key-backup.unknown-version': BY_STAGE,
  'key-backup.wrong-passphrase': BY_STAGE,
  'log.bad-export': BY_STAGE,

  'render.font-unavailable': FONT_MISSING,
  'font.bad-ttf': BY_STAGE,
  'glyph.bad-outline': BY_STAGE,
};

/** True when `code` has an entry (its own advice or BY_STAGE); tests iterate VERIFIER_CODES with it. */
export function hasAdviceEntry(code: string): boolean {
  return Object.hasOwn(ADVICE, code);
}

const BY_STAGE_ADVICE: Readonly<Partial<Record<VerifyStage, LocalizedText>>> = { input: OTHER_FILE, carrier: RESCAN, seal: FORGERY, content: FORGERY };

/** The next step for a failure `code` raised at `stage`. */
export function adviceFor(code: string, stage: VerifyStage): LocalizedText | undefined {
  const own = (ADVICE as Readonly<Record<string, Advice | undefined>>)[code];
  return own !== undefined && own !== BY_STAGE ? own : BY_STAGE_ADVICE[stage];
}

/** The code and params of any thrown value (a KofuError keeps its own; anything else is unexpected at `stage`). */
export function failureOf(error: unknown, stage: VerifyStage): { code: string; params: object } {
  if (error instanceof KofuError) return { code: error.code, params: error.params };
  return { code: `verify.unexpected-${stage}`, params: {} };
}

/** A report for a failure before the pipeline could start (file too large, not an image…). */
export function inputFailureReport(error: unknown): VerificationReport {
  if (error instanceof AbortedError) throw error;
  const { code, params } = failureOf(error, 'input');
  return { verdict: 'invalid', demo: false, code, params, stage: 'input', advice: adviceFor(code, 'input'), warnings: [], restored: [], timings: {}, outcome: 'undetermined', notes: [] };
}
