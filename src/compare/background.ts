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

/** Step 0's result: the scan with its background turned to paper, and the clip level (ink ratio, 0–1). */
export interface Suppressed {
  readonly image: GreyImage;
  readonly clip: number;
}

/**
 * Results by scan: a scan is never written after it is made, so its result stays valid while it
 * lives. A result computed on another thread from the same pixels is adopted (adoptSuppressed).
 */
const suppressed = new WeakMap<GreyImage, Suppressed>();

/**
 * Takes `result` as step 0 of `scan`: it must be suppressBackground of the same pixels, computed
 * elsewhere (the verify worker's page-check worker, src/verify/sheet-pipeline.ts), so that the
 * comparison does not compute it again.
 */
export function adoptSuppressed(scan: GreyImage, result: Suppressed): void {
  suppressed.set(scan, result);
}

/** The scan with its light background tones turned to paper (see the module comment), and the clip level (ink ratio, 0–1); computed once per scan. */
export function suppressBackground(scan: GreyImage): Suppressed {
  const known = suppressed.get(scan);
  if (known) return known;
  const result = suppressedOf(scan);
  suppressed.set(scan, result);
  return result;
}

function suppressedOf(scan: GreyImage): Suppressed {
  const { width, height } = scan;
  const src = scan.data;
  const paper = blockPaperLevel(scan);
  const hist = new Float64Array(BINS);
  // The clip is a quantile of the whole page: every other row and column estimate it as well.
  for (let y = 0; y < height; y += 2) {
    const level = paper.row(y);
    const row = y * width;
    for (let x = 0; x < width; x += 2) {
      const bin = Math.floor((src[row + x] / level[x]) * BINS);
      hist[bin < BINS ? bin : BINS - 1]++;
    }
  }
  const clip = clipOf(hist);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const level = paper.row(y);
    const row = y * width;
    for (let x = 0; x < width; x++) {
      // Math.fround: the ratio as the reference stores it (a Float32Array row), so the rounding below agrees bit for bit.
      const ratio = Math.fround(src[row + x] / (level[x] * clip));
      data[row + x] = ratio >= 1 ? 255 : Math.round(255 * ratio);
    }
  }
  return { image: { width, height, data }, clip };
}

/** The clip level from the ink-ratio histogram: the lighter class's BACKGROUND_QUANTILE, within [INK_RATIO, MAX_CLIP]. */
function clipOf(hist: Float64Array): number {
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
  return Math.min(MAX_CLIP, Math.max(INK_RATIO, clipBin / BINS));
}

/** The brightest pixel of every PAPER_BLOCK × PAPER_BLOCK block (blocks at the right and bottom edges may be partial). */
function brightestOfBlocks(scan: GreyImage, bw: number, bh: number): Uint8Array {
  const { width, height, data } = scan;
  const brightest = new Uint8Array(bw * bh);
  const whole = Math.floor(width / PAPER_BLOCK);
  for (let y = 0; y < height; y++) {
    const out = ((y / PAPER_BLOCK) | 0) * bw;
    const row = y * width;
    for (let b = 0; b < whole; b++) {
      const i = row + b * PAPER_BLOCK;
      const p = data[i] > data[i + 1] ? data[i] : data[i + 1];
      const q = data[i + 2] > data[i + 3] ? data[i + 2] : data[i + 3];
      const m = p > q ? p : q;
      if (m > brightest[out + b]) brightest[out + b] = m;
    }
    for (let x = whole * PAPER_BLOCK; x < width; x++) {
      const v = data[row + x];
      if (v > brightest[out + whole]) brightest[out + whole] = v;
    }
  }
  return brightest;
}

/**
 * Where pixel coordinate p falls between the centres of blocks (PAPER_BLOCK pixels each, `count`
 * of them along the axis): the block before, the block after and the weight of the latter,
 * clamped at the edges.
 */
function betweenCentres(p: number, count: number): { lo: number; hi: number; t: number } {
  const f = Math.max(0, Math.min(count - 1, (p + 0.5) / PAPER_BLOCK - 0.5));
  const lo = Math.floor(f);
  return { lo, hi: Math.min(count - 1, lo + 1), t: f - lo };
}

/**
 * The paper level (PAPER_BLOCK comment), row by row: `row(y)` is the level of every pixel of row y
 * (at least 1). The bilinear interpolation is separable: each block row is interpolated along x
 * once (in doubles, as blockPaperLevelReference computes it per pixel) and kept while the rows
 * between its centre and the next one ask for it; a row then mixes two of them. Equal to the
 * reference bit for bit (pinned by a test).
 */
export function blockPaperLevel(scan: GreyImage): { row(y: number): Float32Array } {
  const { width, height } = scan;
  const bw = Math.ceil(width / PAPER_BLOCK);
  const bh = Math.ceil(height / PAPER_BLOCK);
  const top = squareExtremum({ width: bw, height: bh, data: brightestOfBlocks(scan, bw, bh) }, PAPER_RADIUS, true);
  const level = boxMean(top.data, bw, bh, PAPER_RADIUS);
  const lo = new Int32Array(width);
  const hi = new Int32Array(width);
  const t = new Float32Array(width);
  const u = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    const at = betweenCentres(x, bw);
    lo[x] = at.lo;
    hi[x] = at.hi;
    t[x] = at.t;
    u[x] = 1 - t[x];
  }
  /** Block rows interpolated along x: two are kept (a row mixes two neighbours; rows are read top to bottom). */
  const cache = [
    { r: -1, values: new Float64Array(width) },
    { r: -1, values: new Float64Array(width) },
  ];
  /** Block row r along x, computed into the slot that does not hold block row `keep` when it is not cached. */
  const across = (r: number, keep: number): Float64Array => {
    if (cache[0].r === r) return cache[0].values;
    if (cache[1].r === r) return cache[1].values;
    const slot = cache[0].r === keep ? cache[1] : cache[0];
    slot.r = r;
    const base = r * bw;
    for (let x = 0; x < width; x++) slot.values[x] = level[base + lo[x]] * u[x] + level[base + hi[x]] * t[x];
    return slot.values;
  };
  const out = new Float32Array(width);
  return {
    row(y) {
      const { lo: r0, hi: r1, t: ty } = betweenCentres(y, bh);
      const sy = 1 - ty;
      const a = across(r0, r1);
      const b = across(r1, r0);
      for (let x = 0; x < width; x++) {
        const v = a[x] * sy + b[x] * ty;
        out[x] = v > 1 ? v : 1;
      }
      return out;
    },
  };
}

/** Slow reference for suppressBackground: the same arithmetic, one bilinear interpolation per pixel and row, as first written. */
export function suppressBackgroundReference(scan: GreyImage): { image: GreyImage; clip: number } {
  const { width, height } = scan;
  const paper = blockPaperLevelReference(scan);
  const hist = new Float64Array(BINS);
  const ratioRow = new Float32Array(width);
  // The clip is a quantile of the whole page: every other row and column estimate it as well.
  for (let y = 0; y < height; y += 2) {
    const level = paper.row(y);
    for (let x = 0; x < width; x += 2) hist[Math.min(BINS - 1, Math.floor((scan.data[y * width + x] / level[x]) * BINS))]++;
  }
  const clip = clipOf(hist);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const level = paper.row(y);
    for (let x = 0; x < width; x++) ratioRow[x] = scan.data[y * width + x] / (level[x] * clip);
    for (let x = 0; x < width; x++) data[y * width + x] = ratioRow[x] >= 1 ? 255 : Math.round(255 * ratioRow[x]);
  }
  return { image: { width, height, data }, clip };
}

/** Slow reference for blockPaperLevel: every row interpolated from the four block centres around each pixel. */
export function blockPaperLevelReference(scan: GreyImage): { row(y: number): Float32Array } {
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
  const columns = Array.from({ length: width }, (_, x) => betweenCentres(x, bw));
  const t = Float32Array.from(columns, (c) => c.t);
  const out = new Float32Array(width);
  return {
    row(y) {
      const { lo: r0, hi: r1, t: ty } = betweenCentres(y, bh);
      for (let x = 0; x < width; x++) {
        const c0 = columns[x].lo;
        const c1 = columns[x].hi;
        const top0 = level[r0 * bw + c0] * (1 - t[x]) + level[r0 * bw + c1] * t[x];
        const bottom0 = level[r1 * bw + c0] * (1 - t[x]) + level[r1 * bw + c1] * t[x];
        out[x] = Math.max(1, top0 * (1 - ty) + bottom0 * ty);
      }
      return out;
    },
  };
}
