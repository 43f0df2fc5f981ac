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

/**
 * Pyramids already built, by image: one front's scan is reduced by the registration (register.ts),
 * by each resampling (warp.ts) and by the cells' second look (fine-cells.ts), the same halvings
 * each time (≈ 3 × 10 ms at 300 dpi). Images are never written after they are made, so a level
 * stays valid while its image lives; a WeakMap lets both go together.
 */
const pyramids = new WeakMap<GreyImage, GreyImage[]>();

/** [image, image/2, image/4, …] down to `levels` entries (fewer when a level gets 8 px wide or less). Built once per image and extended as asked. */
export function pyramid(image: GreyImage, levels: number): GreyImage[] {
  let built = pyramids.get(image);
  if (!built) pyramids.set(image, (built = [image]));
  while (built.length < levels && built[built.length - 1].width > 8) built.push(halve(built[built.length - 1]));
  return built.slice(0, levels);
}

/**
 * Running max over windows of radius r along every row: the van Herk / Gil–Werman algorithm (van
 * Herk, Pattern Recognition Letters 13, 1992; Gil & Werman, IEEE PAMI 15, 1993). The row, padded
 * by r copies of its end pixels (for an extremum, clamping and clipping the window agree), is cut
 * into blocks of w = 2r + 1; a running max from each block's start (`ahead`) and one from each
 * block's end (`behind`) give any window of w pixels, which straddles at most one block boundary,
 * in one comparison: max(behind[start], ahead[end]). About three comparisons per pixel whatever
 * the radius, against 2r + 1 for the direct scan.
 */
function maxRows(src: Uint8Array, dst: Uint8Array, width: number, height: number, radius: number): void {
  const w = 2 * radius + 1;
  const padded = width + 2 * radius;
  const line = new Uint8Array(padded);
  const ahead = new Uint8Array(padded);
  const behind = new Uint8Array(padded);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    line.fill(src[row], 0, radius);
    line.set(src.subarray(row, row + width), radius);
    line.fill(src[row + width - 1], radius + width);
    for (let start = 0; start < padded; start += w) {
      const end = Math.min(start + w, padded) - 1;
      let m = (ahead[start] = line[start]);
      for (let i = start + 1; i <= end; i++) {
        const v = line[i];
        if (v > m) m = v;
        ahead[i] = m;
      }
      m = behind[end] = line[end];
      for (let i = end - 1; i >= start; i--) {
        const v = line[i];
        if (v > m) m = v;
        behind[i] = m;
      }
    }
    for (let x = 0; x < width; x++) {
      const a = behind[x];
      const b = ahead[x + 2 * radius];
      dst[row + x] = a > b ? a : b;
    }
  }
}

/**
 * The same along every column, done a whole row at a time (rows are contiguous, columns are not):
 * padded row p is image row p − r clamped to the image; `ahead` and `behind` are whole images.
 */
function maxColumns(src: Uint8Array, dst: Uint8Array, width: number, height: number, radius: number): void {
  const w = 2 * radius + 1;
  const padded = height + 2 * radius;
  const ahead = new Uint8Array(padded * width);
  const behind = new Uint8Array(padded * width);
  const sourceRow = (p: number) => Math.min(height - 1, Math.max(0, p - radius)) * width;
  for (let start = 0; start < padded; start += w) {
    const end = Math.min(start + w, padded) - 1;
    ahead.set(src.subarray(sourceRow(start), sourceRow(start) + width), start * width);
    for (let p = start + 1; p <= end; p++) {
      const from = sourceRow(p);
      const at = p * width;
      for (let x = 0; x < width; x++) {
        const v = src[from + x];
        const m = ahead[at - width + x];
        ahead[at + x] = v > m ? v : m;
      }
    }
    behind.set(src.subarray(sourceRow(end), sourceRow(end) + width), end * width);
    for (let p = end - 1; p >= start; p--) {
      const from = sourceRow(p);
      const at = p * width;
      for (let x = 0; x < width; x++) {
        const v = src[from + x];
        const m = behind[at + width + x];
        behind[at + x] = v > m ? v : m;
      }
    }
  }
  for (let y = 0; y < height; y++) {
    const a0 = y * width;
    const b0 = (y + 2 * radius) * width;
    for (let x = 0; x < width; x++) {
      const a = behind[a0 + x];
      const b = ahead[b0 + x];
      dst[a0 + x] = a > b ? a : b;
    }
  }
}

/** The 3-pixel window (radius 1) along rows then columns, directly: two comparisons a pixel, cheaper than the blocks at this radius. */
function max3x3(src: Uint8Array, dst: Uint8Array, width: number, height: number): void {
  const tmp = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let left = src[row];
    let centre = src[row];
    for (let x = 0; x < width; x++) {
      const right = src[row + (x + 1 < width ? x + 1 : x)];
      const m = left > centre ? left : centre;
      tmp[row + x] = right > m ? right : m;
      left = centre;
      centre = right;
    }
  }
  for (let y = 0; y < height; y++) {
    const above = (y > 0 ? y - 1 : 0) * width;
    const here = y * width;
    const below = (y + 1 < height ? y + 1 : y) * width;
    for (let x = 0; x < width; x++) {
      const a = tmp[above + x];
      const b = tmp[here + x];
      const c = tmp[below + x];
      const m = a > b ? a : b;
      dst[here + x] = c > m ? c : m;
    }
  }
}

/** 255 − v for every pixel (a bitwise not, four pixels a word): a min filter is the max filter of the negative, negated. */
function negative(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  // A Uint32Array view needs a 4-byte-aligned start; a view at another offset goes byte by byte.
  const words = data.byteOffset % 4 === 0 ? data.length >> 2 : 0;
  if (words > 0) {
    const from = new Uint32Array(data.buffer, data.byteOffset, words);
    const to = new Uint32Array(out.buffer, 0, words);
    for (let i = 0; i < words; i++) to[i] = ~from[i];
  }
  for (let i = words * 4; i < data.length; i++) out[i] = 255 - data[i];
  return out;
}

/** Minimum (max = false) or maximum over the (2r+1)² square around each pixel (clipped at the edges), as two 1-D passes. */
export function squareExtremum(image: GreyImage, radius: number, max: boolean): GreyImage {
  const { width, height } = image;
  if (radius <= 0) return { width, height, data: image.data.slice() };
  const src = max ? image.data : negative(image.data);
  const out = new Uint8Array(src.length);
  if (radius === 1) max3x3(src, out, width, height);
  else {
    const tmp = new Uint8Array(src.length);
    maxRows(src, tmp, width, height, radius);
    maxColumns(tmp, out, width, height, radius);
  }
  return { width, height, data: max ? out : negative(out) };
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

/**
 * Separable box mean of radius r (edge-clamped), in floating point, as running sums: each window's
 * sum is the previous one plus the pixel entering and minus the pixel leaving, so the cost does
 * not grow with r. For integer-valued input (grey levels, every caller) the sums are exact in
 * doubles (below 2^53 at every step, and the first pass's means are float32 multiples of a power
 * of two no finer than 2^-33 for r ≤ 500), so the result equals boxMeanReference bit for bit.
 */
export function boxMean(values: Float32Array | Uint8Array, width: number, height: number, radius: number): Float32Array {
  const tmp = new Float32Array(values.length);
  const out = new Float32Array(values.length);
  const n = 2 * radius + 1;
  const clampX = (x: number) => (x < 0 ? 0 : x >= width ? width - 1 : x);
  // Where neither the entering nor the leaving pixel is clamped, the window's ends are read directly.
  const interiorFrom = radius + 1;
  const interiorTo = width - radius;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let acc = 0;
    for (let i = -radius; i <= radius; i++) acc += values[row + clampX(i)];
    tmp[row] = acc / n;
    let x = 1;
    for (; x < width && x < interiorFrom; x++) {
      acc += values[row + clampX(x + radius)] - values[row + clampX(x - radius - 1)];
      tmp[row + x] = acc / n;
    }
    for (; x < interiorTo; x++) {
      acc += values[row + x + radius] - values[row + x - radius - 1];
      tmp[row + x] = acc / n;
    }
    for (; x < width; x++) {
      acc += values[row + clampX(x + radius)] - values[row + clampX(x - radius - 1)];
      tmp[row + x] = acc / n;
    }
  }
  const sums = new Float64Array(width);
  const rowOf = (y: number) => (y < 0 ? 0 : y >= height ? height - 1 : y) * width;
  for (let i = -radius; i <= radius; i++) {
    const from = rowOf(i);
    for (let x = 0; x < width; x++) sums[x] += tmp[from + x];
  }
  for (let y = 0; y < height; y++) {
    if (y > 0) {
      const entering = rowOf(y + radius);
      const leaving = rowOf(y - radius - 1);
      for (let x = 0; x < width; x++) sums[x] += tmp[entering + x] - tmp[leaving + x];
    }
    const row = y * width;
    for (let x = 0; x < width; x++) out[row + x] = sums[x] / n;
  }
  return out;
}

/** Slow reference for boxMean: each window summed directly, rows then columns. */
export function boxMeanReference(values: Float32Array, width: number, height: number, radius: number): Float32Array {
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
  // Grey levels straight in: as doubles they are the same values their float32 copy holds.
  return boxMean(squareExtremum(image, radius, true).data, image.width, image.height, radius);
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
