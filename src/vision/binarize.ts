/**
 * Adaptive binarisation: each pixel against the mean of its neighbourhood (a box over a grid of
 * pixel blocks, summed with a summed-area table, Crow 1984), so uneven light, shadows and a
 * yellowed sheet do not matter. The first step of finding printed patterns in a scan or photo.
 */
import type { GreyImage } from './grey.ts';

/** Binary image (1 = dark) with threshold = local mean over ~window px, minus a small offset. */
export function binarize(grey: GreyImage, window: number): Uint8Array {
  const { width, height, data } = grey;
  const block = Math.max(2, Math.round(window / 8));
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  // Block sums, one block row at a time, each block's pixels summed in a local integer: the
  // reference's per-pixel `columnBlock` lookup and Float64 accumulation cost more than the sum.
  const sums = new Float64Array(bw * bh);
  const counts = new Float64Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    const yStart = by * block;
    const yEnd = Math.min(height, yStart + block);
    for (let bx = 0; bx < bw; bx++) {
      const xStart = bx * block;
      const xEnd = Math.min(width, xStart + block);
      let sum = 0;
      for (let y = yStart; y < yEnd; y++) {
        const row = y * width;
        for (let i = row + xStart, end = row + xEnd; i < end; i++) sum += data[i];
      }
      sums[by * bw + bx] = sum;
      counts[by * bw + bx] = (yEnd - yStart) * (xEnd - xStart);
    }
  }
  const threshold = blockThresholds(sums, counts, bw, bh);
  // Every pixel of one block row and block column shares a threshold: compare in runs.
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const base = Math.floor(y / block) * bw;
    const row = y * width;
    for (let bx = 0; bx < bw; bx++) {
      const t = threshold[base + bx];
      for (let i = row + bx * block, end = row + Math.min(width, (bx + 1) * block); i < end; i++) out[i] = data[i] < t ? 1 : 0;
    }
  }
  return out;
}

/**
 * Each block's threshold: the mean over the blocks within `radius` (≈ window/2), minus 3 grey
 * levels, from summed-area tables of the sums and the pixel counts.
 */
function blockThresholds(sums: Float64Array, counts: Float64Array, bw: number, bh: number): Float32Array {
  const sat = new Float64Array((bw + 1) * (bh + 1));
  const satN = new Float64Array((bw + 1) * (bh + 1));
  for (let y = 0; y < bh; y++) {
    let rs = 0;
    let rn = 0;
    for (let x = 0; x < bw; x++) {
      rs += sums[y * bw + x];
      rn += counts[y * bw + x];
      sat[(y + 1) * (bw + 1) + x + 1] = sat[y * (bw + 1) + x + 1] + rs;
      satN[(y + 1) * (bw + 1) + x + 1] = satN[y * (bw + 1) + x + 1] + rn;
    }
  }
  const radius = 4;
  const threshold = new Float32Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(bh, y + radius + 1);
    for (let x = 0; x < bw; x++) {
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(bw, x + radius + 1);
      const s = sat[y1 * (bw + 1) + x1] - sat[y0 * (bw + 1) + x1] - sat[y1 * (bw + 1) + x0] + sat[y0 * (bw + 1) + x0];
      const n = satN[y1 * (bw + 1) + x1] - satN[y0 * (bw + 1) + x1] - satN[y1 * (bw + 1) + x0] + satN[y0 * (bw + 1) + x0];
      threshold[y * bw + x] = s / n - 3;
    }
  }
  return threshold;
}

/**
 * Slow reference, the first implementation: per-pixel block lookups. `binarize` must give the same
 * bits (binarize.test.ts).
 */
export function binarizeReference(grey: GreyImage, window: number): Uint8Array {
  const { width, height, data } = grey;
  const block = Math.max(2, Math.round(window / 8));
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const columnBlock = new Int32Array(width);
  for (let x = 0; x < width; x++) columnBlock[x] = Math.floor(x / block);
  const sums = new Float64Array(bw * bh);
  const counts = new Float64Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    const yEnd = Math.min(height, (by + 1) * block);
    const rowSums = sums.subarray(by * bw, (by + 1) * bw);
    for (let y = by * block; y < yEnd; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) rowSums[columnBlock[x]] += data[row + x];
    }
    for (let bx = 0; bx < bw; bx++) counts[by * bw + bx] = (yEnd - by * block) * (Math.min(width, (bx + 1) * block) - bx * block);
  }
  const threshold = blockThresholds(sums, counts, bw, bh);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const thresholds = threshold.subarray(Math.floor(y / block) * bw, Math.floor(y / block) * bw + bw);
    const row = y * width;
    for (let x = 0; x < width; x++) out[row + x] = data[row + x] < thresholds[columnBlock[x]] ? 1 : 0;
  }
  return out;
}
