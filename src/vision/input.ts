/**
 * Reading a scan or photo file into RGBA pixels: the browser edge of the vision domain
 * (createImageBitmap and OffscreenCanvas). Limits are checked before any decoding, so a 200 MB
 * file or a 1200 dpi scan is refused at once with a message instead of exhausting a phone's memory.
 */
import { KofuError, type NoParams, type ParamsOf } from '../bytes/errors.ts';
import type { VisionErrorCode, VisionErrorParams } from './errors.ts';
import { imageSizeFromHeader } from './image-header.ts';

/** A 600 dpi colour scan of A4 saved as PNG is about 30–60 MB; nothing kofu needs is larger. */
export const MAX_INPUT_BYTES = 80 * 1024 * 1024;
/** A4 at 600 dpi is 4961 × 7016 ≈ 34.8 MP; allow some margin for scanner beds larger than A4. */
export const MAX_INPUT_PIXELS = 50_000_000;

export class ImageInputError<Code extends VisionErrorCode = VisionErrorCode> extends KofuError<Code, ParamsOf<VisionErrorParams, Code>> {
  override readonly name = 'ImageInputError';
}

const megabytes = (bytes: number) => (bytes / 1048576).toFixed(1);

export function checkInputSize(bytes: number): void {
  if (bytes > MAX_INPUT_BYTES) {
    throw new ImageInputError('vision.file-too-large', { megabytes: megabytes(bytes), max: MAX_INPUT_BYTES / 1048576 });
  }
  if (bytes === 0) {
    throw new ImageInputError('vision.empty-file', {} as NoParams);
  }
}

export function checkPixelCount(width: number, height: number): void {
  if (width * height > MAX_INPUT_PIXELS) {
    const mp = ((width * height) / 1e6).toFixed(0);
    throw new ImageInputError('vision.too-many-pixels', { megapixels: mp });
  }
}

/** Enough of a file to reach a JPEG's frame header behind EXIF (APP1 ≤ 64 KB) and a few more segments. */
const HEADER_BYTES = 256 * 1024;

/** Refuses an image whose header already declares too many pixels, before the browser decodes it. */
async function checkDeclaredPixels(file: Blob): Promise<void> {
  const size = imageSizeFromHeader(new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer()));
  if (size) checkPixelCount(size.width, size.height);
}

/** Resolution the image would have if it showed a whole A4 page (297 mm on the long side). */
export function dpiIfA4(width: number, height: number): number {
  return Math.round(Math.max(width, height) / (297 / 25.4));
}

export async function readImageFile(file: Blob): Promise<ImageData> {
  checkInputSize(file.size);
  await checkDeclaredPixels(file);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (cause) {
    throw new ImageInputError('vision.not-an-image', {} as NoParams, { cause });
  }
  try {
    checkPixelCount(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('2d context unavailable');
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
