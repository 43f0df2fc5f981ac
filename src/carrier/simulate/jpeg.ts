/**
 * JPEG round trip through the browser's encoder (OffscreenCanvas.convertToBlob) and decoder
 * (createImageBitmap). Browser-only edge of the simulator.
 */
import type { RgbaImage } from './print-scan.ts';

export async function jpegRoundTrip(image: RgbaImage, quality: number): Promise<RgbaImage> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  const bitmap = await createImageBitmap(blob);
  const back = new OffscreenCanvas(image.width, image.height);
  const bctx = back.getContext('2d');
  if (!bctx) throw new Error('no 2d context');
  bctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const data = bctx.getImageData(0, 0, image.width, image.height).data;
  return { data, width: image.width, height: image.height };
}
