/**
 * Errors of reading a sheet in words: the input file and its pixels (vision/) and the scrambled
 * image (carrier/). Keyed by VISION_ERROR_CODES and CARRIER_ERROR_CODES.
 */
import type { CarrierErrorCode, CarrierErrorParams } from '../../carrier/errors.ts';
import type { VisionErrorCode, VisionErrorParams } from '../../vision/errors.ts';
import type { MessageTable } from './error-messages.ts';

export const carrierMessages: MessageTable<CarrierErrorCode, CarrierErrorParams> = {
  'carrier.bad-key': {
    ja: '読み取り用の鍵が不正です（32バイト必要）。QRコードをもう一度読み取ってください。',
    en: 'The carrier key is invalid (32 bytes needed). Scan the QR code again.',
  },
  'carrier.payload-too-large': {
    ja: (p) => `データが大きすぎます（${p.length} バイト、最大 ${p.max} バイト）。誤り訂正レベルを下げるか、内容を減らしてください。`,
    en: (p) => `The data is too large (${p.length} bytes, at most ${p.max}). Use a lower error-correction level or less content.`,
  },
  'carrier.bad-image': {
    ja: (p) => `画像データが不正です（${p.detail}）。別の画像でお試しください。`,
    en: (p) => `The image data is invalid (${p.detail}). Try another image.`,
  },
  'carrier.not-found': {
    ja: 'スクランブル画像が見つかりません。用紙の裏面全体が写るように、まっすぐ読み取ってください。',
    en: 'No scrambled image was found. Scan or photograph the whole back of the sheet, straight on.',
  },
  'carrier.too-small': {
    ja: (p) => `画像の解像度が足りません（1モジュールあたり ${p.pixelsPerModule.toFixed(1)} 画素）。300 dpi 以上でスキャンするか、近づいて撮影してください。`,
    en: (p) => `The image resolution is too low (${p.pixelsPerModule.toFixed(1)} pixels per module). Scan at 300 dpi or more, or take the photo closer.`,
  },
  'carrier.too-blurry': {
    ja: '画像がぼやけていて読み取れません。ピントを合わせ、手ぶれしないように撮り直してください。',
    en: 'The image is too blurry to read. Focus and hold still, then try again.',
  },
  'carrier.damaged': {
    ja: (p) => `スクランブル画像の損傷が大きく、訂正できません（${p.detail}）。汚れや折れのない状態で読み取り直してください。`,
    en: (p) => `The scrambled image is damaged beyond correction (${p.detail}). Rescan it without smudges or folds.`,
  },
  'carrier.unsupported-format': {
    ja: (p) => `このスクランブル画像の形式には対応していません（${p.detail}）。アプリを最新版に更新してください。`,
    en: (p) => `This scrambled image uses a format this app does not support (${p.detail}). Update the app.`,
  },
  'carrier.wrong-key': {
    ja: 'スクランブル画像とQRコードが一致しません。同じ用紙のQRコードを読み取ってください。',
    en: 'The scrambled image does not match the QR code. Use the QR code from the same sheet.',
  },
};

export const visionMessages: MessageTable<VisionErrorCode, VisionErrorParams> = {
  'vision.bad-image-shape': {
    ja: (p) => `画像データの大きさが不正です（${p.width}×${p.height}、${p.length}バイト）。`,
    en: (p) => `Image data has the wrong size (${p.width}×${p.height}, ${p.length} bytes).`,
  },
  'vision.file-too-large': {
    ja: (p) => `ファイルが大きすぎます（${p.megabytes} MB）。${p.max} MB以下の画像を選んでください。スキャナーの解像度を300dpiにすると小さくなります。`,
    en: (p) => `The file is too large (${p.megabytes} MB). Choose an image of at most ${p.max} MB; scanning at 300 dpi makes it smaller.`,
  },
  'vision.empty-file': { ja: 'ファイルが空です。スキャンをやり直してください。', en: 'The file is empty. Please scan again.' },
  'vision.too-many-pixels': {
    ja: (p) => `画像の画素数が多すぎます（${p.megapixels}メガピクセル）。スキャナーの解像度を300dpiにしてください。`,
    en: (p) => `The image has too many pixels (${p.megapixels} megapixels). Set the scanner to 300 dpi.`,
  },
  'vision.pdf-too-complex': {
    ja: (p) => `このPDFの裏面は描画命令が多すぎるため（${p.max.toLocaleString('ja-JP')}を超えています）、読み込みを中止しました。kofuが発行したPDFか確認するか、裏面をスキャンした画像を選んでください。`,
    en: (p) => `The back page of this PDF has too many drawing operations (more than ${p.max.toLocaleString('en-GB')}), so reading it was stopped. Check that it is a PDF issued by kofu, or choose a scan of the back side.`,
  },
  'vision.pdf-too-slow': {
    ja: (p) => `このPDFの裏面は${p.seconds}秒以内に描画できなかったため、読み込みを中止しました。kofuが発行したPDFか確認するか、裏面をスキャンした画像を選んでください。`,
    en: (p) => `The back page of this PDF could not be drawn within ${p.seconds} s, so reading it was stopped. Check that it is a PDF issued by kofu, or choose a scan of the back side.`,
  },
  'vision.tiff-corrupt': {
    ja: (p) => `このTIFFファイルは壊れているため読み取れません（${p.detail.ja}）。スキャンをやり直すか、PNGまたはJPEG形式で保存してください。`,
    en: (p) => `This TIFF file is damaged and cannot be read (${p.detail.en}). Scan again, or save the scan as PNG or JPEG.`,
  },
  'vision.tiff-unsupported': {
    ja: (p) => `このTIFFファイルの圧縮形式（${p.compression}）には対応していません。スキャナーの保存形式を非圧縮またはLZWのTIFF、あるいはPNGにしてください。`,
    en: (p) => `This TIFF's compression (${p.compression}) is not supported. Set the scanner to save uncompressed or LZW TIFF, or PNG.`,
  },
  'vision.not-an-image': {
    ja: 'この画像ファイルは読み取れませんでした。ファイルが壊れていないか確認し、PNGまたはJPEG形式で保存し直してください。',
    en: 'This image file could not be read. Check that it is not damaged, and save it again as PNG or JPEG.',
  },
  'vision.pdf-unreadable': {
    ja: 'PDFを読み込めませんでした。ファイルが壊れていないか確認するか、裏面をスキャンした画像を選んでください。',
    en: 'The PDF could not be read. Check that the file is not damaged, or choose a scan of the back side.',
  },
  'vision.pdf-no-back': {
    ja: 'このPDFには裏面のページがありません。kofuが発行したPDFか確認してください。',
    en: 'This PDF has no back page. Check that it is a PDF issued by kofu.',
  },
};
