/**
 * Typed errors of the carrier. Codes are stable (the UI and tests key on them); messages tell a
 * person what to do.
 */
import { KofuError } from '../bytes/errors.ts';

export class CarrierError extends KofuError {
  override readonly name: string = 'CarrierError';
}

export class CarrierKeyError extends CarrierError {
  override readonly name = 'CarrierKeyError';
  constructor() {
    super('carrier.bad-key', {
      ja: '読み取り用の鍵が不正です（32バイト必要）。QRコードをもう一度読み取ってください。',
      en: 'The carrier key is invalid (32 bytes needed). Scan the QR code again.',
    });
  }
}

export class CarrierPayloadTooLargeError extends CarrierError {
  override readonly name = 'CarrierPayloadTooLargeError';
  constructor(length: number, max: number) {
    super('carrier.payload-too-large', {
      ja: `データが大きすぎます（${length} バイト、最大 ${max} バイト）。誤り訂正レベルを下げるか、内容を減らしてください。`,
      en: `The data is too large (${length} bytes, at most ${max}). Use a lower error-correction level or less content.`,
    });
  }
}

export class CarrierImageError extends CarrierError {
  override readonly name = 'CarrierImageError';
  constructor(detail: string) {
    super('carrier.bad-image', {
      ja: `画像データが不正です（${detail}）。別の画像でお試しください。`,
      en: `The image data is invalid (${detail}). Try another image.`,
    });
  }
}

export class CarrierNotFoundError extends CarrierError {
  override readonly name = 'CarrierNotFoundError';
  constructor(readonly findersFound: number) {
    super('carrier.not-found', {
      ja: 'スクランブル画像が見つかりません。用紙の裏面全体が写るように、まっすぐ読み取ってください。',
      en: 'No scrambled image was found. Scan or photograph the whole back of the sheet, straight on.',
    });
  }
}

export class CarrierTooSmallError extends CarrierError {
  override readonly name = 'CarrierTooSmallError';
  constructor(readonly pixelsPerModule: number) {
    super('carrier.too-small', {
      ja: `画像の解像度が足りません（1モジュールあたり ${pixelsPerModule.toFixed(1)} 画素）。300 dpi 以上でスキャンするか、近づいて撮影してください。`,
      en: `The image resolution is too low (${pixelsPerModule.toFixed(1)} pixels per module). Scan at 300 dpi or more, or take the photo closer.`,
    });
  }
}

export class CarrierBlurryError extends CarrierError {
  override readonly name = 'CarrierBlurryError';
  constructor() {
    super('carrier.too-blurry', {
      ja: '画像がぼやけていて読み取れません。ピントを合わせ、手ぶれしないように撮り直してください。',
      en: 'The image is too blurry to read. Focus and hold still, then try again.',
    });
  }
}

export class CarrierDamagedError extends CarrierError {
  override readonly name = 'CarrierDamagedError';
  constructor(detail: string) {
    super('carrier.damaged', {
      ja: `スクランブル画像の損傷が大きく、訂正できません（${detail}）。汚れや折れのない状態で読み取り直してください。`,
      en: `The scrambled image is damaged beyond correction (${detail}). Rescan it without smudges or folds.`,
    });
  }
}

export class CarrierFormatError extends CarrierError {
  override readonly name = 'CarrierFormatError';
  constructor(detail: string) {
    super('carrier.unsupported-format', {
      ja: `このスクランブル画像の形式には対応していません（${detail}）。アプリを最新版に更新してください。`,
      en: `This scrambled image uses a format this app does not support (${detail}). Update the app.`,
    });
  }
}

export class CarrierWrongKeyError extends CarrierError {
  override readonly name = 'CarrierWrongKeyError';
  constructor() {
    super('carrier.wrong-key', {
      ja: 'スクランブル画像とQRコードが一致しません。同じ用紙のQRコードを読み取ってください。',
      en: 'The scrambled image does not match the QR code. Use the QR code from the same sheet.',
    });
  }
}
