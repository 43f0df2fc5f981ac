/**
 * RGBA → 8-bit grey (luma), the first stage of every vision pipeline (scan, photo, camera frame).
 *
 * Weights are ITU-R BT.601 luma (Y' = 0.299 R' + 0.587 G' + 0.114 B'), the weighting scanners and
 * JPEG use, so grey levels match what a scanner's own greyscale mode would give.
 */
import { ByteFormatError, throwIfAborted } from '../bytes/errors.ts';

/** BT.601 weights in 16-bit fixed point; they sum to 65 536 so white stays exactly 255. */
const WEIGHT_R = 19_595;
const WEIGHT_G = 38_470;
const WEIGHT_B = 7_471;
const ROUND_HALF = 1 << 15;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export interface GreyImage {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, row-major, 0 = black. */
  readonly data: Uint8Array;
}

/** Pixels as a decoder accepts them: RGBA (ImageData layout, 4 bytes per pixel) or grey (1 byte per pixel). */
export interface ImageInput {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

export interface ProgressOptions {
  readonly signal?: AbortSignal;
  /** Called with a fraction in [0, 1]; at most about 20 times per call. */
  readonly onProgress?: (fraction: number) => void;
}

function assertRgbaShape(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || rgba.length !== width * height * 4) {
    throw new ByteFormatError('vision.bad-image-shape', { width, height, length: rgba.length });
  }
}

/**
 * Fast path: fixed-point weights, rows in bands so that progress and cancellation are checked
 * between bands rather than per pixel. Alpha is ignored: scans and photos are opaque.
 */
export function rgbaToGrey(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, options: ProgressOptions = {}): GreyImage {
  assertRgbaShape(rgba, width, height);
  const grey = new Uint8Array(width * height);
  const band = Math.max(1, Math.ceil(height / 20));
  // One 32-bit read per pixel where the bytes allow it (aligned, little-endian: R is the low byte).
  const words = rgba.byteOffset % 4 === 0 && LITTLE_ENDIAN ? new Uint32Array(rgba.buffer, rgba.byteOffset, width * height) : undefined;
  for (let top = 0; top < height; top += band) {
    throwIfAborted(options.signal);
    const end = Math.min(height, top + band) * width;
    if (words) {
      for (let pixel = top * width; pixel < end; pixel++) {
        const word = words[pixel];
        grey[pixel] = (WEIGHT_R * (word & 0xff) + WEIGHT_G * ((word >>> 8) & 0xff) + WEIGHT_B * ((word >>> 16) & 0xff) + ROUND_HALF) >>> 16;
      }
    } else {
      for (let pixel = top * width, byte = pixel * 4; pixel < end; pixel++, byte += 4) {
        grey[pixel] = (WEIGHT_R * rgba[byte] + WEIGHT_G * rgba[byte + 1] + WEIGHT_B * rgba[byte + 2] + ROUND_HALF) >>> 16;
      }
    }
    options.onProgress?.(Math.min(height, top + band) / height);
  }
  return { width, height, data: grey };
}

/** Slow reference: the BT.601 formula in floating point, rounded. The fast path must agree within 1. */
export function rgbaToGreyReference(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): GreyImage {
  assertRgbaShape(rgba, width, height);
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    grey[i] = Math.round(0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]);
  }
  return { width, height, data: grey };
}

/** Grey back to opaque RGBA, for showing a grey image on a canvas. */
export function greyToRgba(image: GreyImage): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(image.width * image.height * 4);
  for (let i = 0, j = 0; i < image.data.length; i++, j += 4) {
    const value = image.data[i];
    rgba[j] = value;
    rgba[j + 1] = value;
    rgba[j + 2] = value;
    rgba[j + 3] = 255;
  }
  return rgba;
}
