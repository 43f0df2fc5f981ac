/**
 * The printed security background under the front's text — the 『複写』 pantograph's dots and the
 * tinted 地紋 lines (src/pdf/pdf.ts drawFrontPatterns, src/patterns/) — taken out of a scan before
 * it is registered. The restored rendering has no background: in a scan the background is a
 * texture a few tens of grey levels below the paper over the whole page, which pulls the ink
 * moments of the first guess towards the page's middle, and lets the patch and block searches
 * lock on to the pantograph's letters where a block holds little text.
 *
 * Text is toner-black and the background light (6–11 % dot coverage, a pale tint), so on the ink
 * ratio grey / paper level the page is two classes: ink, darker than INK_RATIO of the paper, and
 * paper with the background over it. Every tone at or above the lighter class's dark end (its
 * BACKGROUND_QUANTILE) becomes paper; darker tones are stretched onto the full range. Ink keeps
 * its shape; what is left of the background is its darkest dots, at a fraction of their contrast.
 * (Otsu's threshold was tried for the split: on a page with little text it splits the background
 * from the paper instead, and the clip then lands on the paper.)
 */
import type { GreyImage } from '../vision/grey.ts';
import { boxMean, squareExtremum } from './image-ops.ts';

/**
 * The paper level: the brightest of each PAPER_BLOCK × PAPER_BLOCK block, then the max and the box
 * mean over PAPER_RADIUS blocks — the difference map's estimate (image-ops.ts paperLevel: radius
 * 12 px) at a sixteenth of the pixels, interpolated back bilinearly. The level follows lighting,
 * which varies over centimetres, so the blocks lose nothing; a 300 dpi page takes ~10 M pixels
 * and the full-resolution filters cost ~250 ms of the whole-sheet budget.
 */
const PAPER_BLOCK = 4;
const PAPER_RADIUS = 3;
/** Share of the background class's pixels left darker than the clip. */
const BACKGROUND_QUANTILE = 0.1;
/** Darker than this share of the local paper level is ink (toner, even a thin stroke's blurred core); never turned to paper. */
const INK_RATIO = 0.6;
/** The clip never reaches the paper itself (a page with no background keeps its anti-aliased edges). */
const MAX_CLIP = 0.97;
/** Bins of the ink-ratio histogram. */
const BINS = 256;

/** The scan with its light background tones turned to paper (see the module comment), and the clip level (ink ratio, 0–1). */
export function suppressBackground(scan: GreyImage): { image: GreyImage; clip: number } {
  const { width, height } = scan;
  const paper = blockPaperLevel(scan);
  const hist = new Float64Array(BINS);
  const ratioRow = new Float32Array(width);
  // The clip is a quantile of the whole page: every other row and column estimate it as well.
  for (let y = 0; y < height; y += 2) {
    const level = paper.row(y);
    for (let x = 0; x < width; x += 2) hist[Math.min(BINS - 1, Math.floor((scan.data[y * width + x] / level[x]) * BINS))]++;
  }
  const inkBins = Math.ceil(INK_RATIO * BINS);
  let lighter = 0;
  for (let b = inkBins; b < BINS; b++) lighter += hist[b];
  let clipBin = BINS - 1;
  let seen = 0;
  for (let b = inkBins; b < BINS; b++) {
    seen += hist[b];
    if (seen >= BACKGROUND_QUANTILE * lighter) {
      clipBin = b;
      break;
    }
  }
  const clip = Math.min(MAX_CLIP, Math.max(INK_RATIO, clipBin / BINS));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const level = paper.row(y);
    for (let x = 0; x < width; x++) ratioRow[x] = scan.data[y * width + x] / (level[x] * clip);
    for (let x = 0; x < width; x++) data[y * width + x] = ratioRow[x] >= 1 ? 255 : Math.round(255 * ratioRow[x]);
  }
  return { image: { width, height, data }, clip };
}

/** The paper level (PAPER_BLOCK comment), row by row: `row(y)` is the level of every pixel of row y (at least 1). */
export function blockPaperLevel(scan: GreyImage): { row(y: number): Float32Array } {
  const { width, height } = scan;
  const bw = Math.ceil(width / PAPER_BLOCK);
  const bh = Math.ceil(height / PAPER_BLOCK);
  const brightest = new Uint8Array(bw * bh);
  for (let y = 0; y < height; y++) {
    const by = ((y / PAPER_BLOCK) | 0) * bw;
    for (let x = 0; x < width; x++) {
      const b = by + ((x / PAPER_BLOCK) | 0);
      const v = scan.data[y * width + x];
      if (v > brightest[b]) brightest[b] = v;
    }
  }
  const top = squareExtremum({ width: bw, height: bh, data: brightest }, PAPER_RADIUS, true);
  const level = boxMean(Float32Array.from(top.data), bw, bh, PAPER_RADIUS);
  // Bilinear between block centres, clamped at the edges.
  const column = (x: number) => Math.max(0, Math.min(bw - 1, (x + 0.5) / PAPER_BLOCK - 0.5));
  const lo = new Int32Array(width);
  const t = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const f = column(x);
    lo[x] = Math.floor(f);
    t[x] = f - lo[x];
  }
  const out = new Float32Array(width);
  return {
    row(y) {
      const f = Math.max(0, Math.min(bh - 1, (y + 0.5) / PAPER_BLOCK - 0.5));
      const r0 = Math.floor(f);
      const r1 = Math.min(bh - 1, r0 + 1);
      const ty = f - r0;
      for (let x = 0; x < width; x++) {
        const c0 = lo[x];
        const c1 = Math.min(bw - 1, c0 + 1);
        const top0 = level[r0 * bw + c0] * (1 - t[x]) + level[r0 * bw + c1] * t[x];
        const bottom0 = level[r1 * bw + c0] * (1 - t[x]) + level[r1 * bw + c1] * t[x];
        out[x] = Math.max(1, top0 * (1 - ty) + bottom0 * ty);
      }
      return out;
    },
  };
}
