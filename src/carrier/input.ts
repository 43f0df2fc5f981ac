/**
 * The decoder's input check: an RGBA (ImageData layout) or one-byte-per-pixel grey image → grey
 * bytes, refusing malformed or oversized buffers with a CarrierImageError before any work.
 */
import { rgbaToGrey, type GreyImage, type ImageInput } from '../vision/grey.ts';
import { CarrierImageError } from './errors.ts';

/** Largest image accepted: 50 Mpx (A4 at 600 dpi is 35 Mpx). */
const MAX_PIXELS = 50_000_000;

export function toGrey(image: ImageInput): GreyImage {
  const { width, height, data } = image ?? ({} as ImageInput);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) throw new CarrierImageError('width/height');
  if (width * height > MAX_PIXELS) throw new CarrierImageError(`${width}×${height} is larger than ${MAX_PIXELS / 1e6} Mpx`);
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) throw new CarrierImageError('pixel buffer');
  const n = width * height;
  if (data.length === n) return { data: data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, n), width, height };
  if (data.length !== 4 * n) throw new CarrierImageError(`buffer length ${data.length} for ${width}×${height}`);
  // The same BT.601 luma as every other vision stage.
  return rgbaToGrey(data, width, height);
}
