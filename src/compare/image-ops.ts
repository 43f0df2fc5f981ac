/**
 * Small pixel operations the comparison needs on grey images: box reduction by 2 (an image
 * pyramid), a separable min/max filter (the tolerance envelope), and a background (paper level)
 * estimate for tone normalisation. Pure; no browser globals.
 */
import type { GreyImage } from '../vision/grey.ts';

/** Halves an image by averaging 2×2 blocks (odd edges are dropped). Pixel i of the result covers pixels 2i, 2i+1. */
export function halve(image: GreyImage): GreyImage {
  const width = Math.max(1, image.width >> 1);
  const height = Math.max(1, image.height >> 1);
  const data = new Uint8Array(width * height);
  const src = image.data;
  const w = image.width;
  for (let y = 0; y < height; y++) {
    const r0 = 2 * y * w;
    const r1 = Math.min(2 * y + 1, image.height - 1) * w;
    for (let x = 0; x < width; x++) {
      const x0 = 2 * x;
      const x1 = Math.min(x0 + 1, w - 1);
      data[y * width + x] = (src[r0 + x0] + src[r0 + x1] + src[r1 + x0] + src[r1 + x1] + 2) >> 2;
    }
  }
  return { width, height, data };
}

/** [image, image/2, image/4, …] down to `levels` entries. */
export function pyramid(image: GreyImage, levels: number): GreyImage[] {
  const out = [image];
  while (out.length < levels && out[out.length - 1].width > 8) out.push(halve(out[out.length - 1]));
  return out;
}

/** Running min or max over a 1-D window of radius r, along rows (stride 1) or columns (stride = width). */
function extremum1d(src: Uint8Array, dst: Uint8Array, width: number, height: number, radius: number, horizontal: boolean, max: boolean): void {
  const lines = horizontal ? height : width;
  const length = horizontal ? width : height;
  const step = horizontal ? 1 : width;
  for (let line = 0; line < lines; line++) {
    const base = horizontal ? line * width : line;
    for (let i = 0; i < length; i++) {
      const lo = Math.max(0, i - radius);
      const hi = Math.min(length - 1, i + radius);
      let best = src[base + lo * step];
      for (let j = lo + 1; j <= hi; j++) {
        const v = src[base + j * step];
        if (max ? v > best : v < best) best = v;
      }
      dst[base + i * step] = best;
    }
  }
}

/** Minimum (max = false) or maximum over the (2r+1)² square around each pixel, as two 1-D passes. */
export function squareExtremum(image: GreyImage, radius: number, max: boolean): GreyImage {
  const tmp = new Uint8Array(image.data.length);
  const out = new Uint8Array(image.data.length);
  extremum1d(image.data, tmp, image.width, image.height, radius, true, max);
  extremum1d(tmp, out, image.width, image.height, radius, false, max);
  return { width: image.width, height: image.height, data: out };
}

/** Slow reference for squareExtremum: the 2-D window scanned directly. */
export function squareExtremumReference(image: GreyImage, radius: number, max: boolean): GreyImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let best = max ? 0 : 255;
      for (let dy = -radius; dy <= radius; dy++)
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          const v = data[yy * width + xx];
          best = max ? Math.max(best, v) : Math.min(best, v);
        }
      out[y * width + x] = best;
    }
  return { width, height, data: out };
}

/** Separable box mean of radius r (edge-clamped), in floating point. */
export function boxMean(values: Float32Array, width: number, height: number, radius: number): Float32Array {
  const tmp = new Float32Array(values.length);
  const out = new Float32Array(values.length);
  const n = 2 * radius + 1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -radius; i <= radius; i++) acc += values[row + Math.min(width - 1, Math.max(0, x + i))];
      tmp[row + x] = acc / n;
    }
  }
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -radius; i <= radius; i++) acc += tmp[Math.min(height - 1, Math.max(0, y + i)) * width + x];
      out[y * width + x] = acc / n;
    }
  return out;
}

/**
 * The paper level under each pixel: the maximum over a window wider than any stroke (so ink is
 * skipped), smoothed by a box mean so that it follows the slow illumination falloff of a photo.
 */
export function paperLevel(image: GreyImage, radius: number): Float32Array {
  const top = squareExtremum(image, radius, true);
  const values = Float32Array.from(top.data);
  return boxMean(values, image.width, image.height, radius);
}

/**
 * Bounding rectangles of the groups of set pixels, where two set pixels are in one group when
 * they are within `join` pixels of each other (Chebyshev distance): a dilation by `join` followed
 * by 8-connected labelling with a stack (no recursion), rectangles clipped back to set pixels.
 */
export function connectedRegions(mask: Uint8Array, width: number, height: number, join: number): { x: number; y: number; w: number; h: number }[] {
  const grown = join > 0 ? squareExtremum({ width, height, data: mask }, join, true).data : mask;
  const label = new Int32Array(mask.length).fill(-1);
  const out: { x: number; y: number; w: number; h: number }[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || label[start] >= 0) continue;
    const id = out.length;
    let x0 = width;
    let y0 = height;
    let x1 = -1;
    let y1 = -1;
    label[start] = id;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      if (mask[i]) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          const j = yy * width + xx;
          if (grown[j] && label[j] < 0) {
            label[j] = id;
            stack.push(j);
          }
        }
    }
    out.push({ x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 });
  }
  return out;
}
