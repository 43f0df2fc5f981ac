/** Input images: RGBA (ImageData layout) or one grey byte per pixel → grey bytes. */
import { CarrierImageError } from './errors.ts';

export interface ImageInput {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

export interface Grey {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Largest image accepted: 50 Mpx (A4 at 600 dpi is 35 Mpx). */
export const MAX_PIXELS = 50_000_000;

export function toGrey(image: ImageInput): Grey {
  const { width, height, data } = image ?? ({} as ImageInput);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) throw new CarrierImageError('width/height');
  if (width * height > MAX_PIXELS) throw new CarrierImageError(`${width}×${height} is larger than ${MAX_PIXELS / 1e6} Mpx`);
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) throw new CarrierImageError('pixel buffer');
  const n = width * height;
  if (data.length === n) return { data: data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, n), width, height };
  if (data.length !== 4 * n) throw new CarrierImageError(`buffer length ${data.length} for ${width}×${height}`);
  const grey = new Uint8Array(n);
  // ITU-R BT.601 luma weights in 1/256 units (77, 150, 29); alpha is ignored.
  for (let i = 0, j = 0; i < n; i++, j += 4) grey[i] = (77 * data[j] + 150 * data[j + 1] + 29 * data[j + 2]) >> 8;
  return { data: grey, width, height };
}
