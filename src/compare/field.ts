/**
 * The local displacement field of a registration (register.ts step 3): block by block at the
 * rendering's resolution, the offset that the global homography leaves (lens barrel, paper curl,
 * scanner scale drift), as the carrier's alignment refinement does (src/carrier/refine.ts) — a
 * coarse pass and a smooth surface through it first (smooth-surface.ts), so that a photo's barrel
 * residual, several times the fine search, is followed; and how far each block can be trusted.
 */
import type { GreyImage } from '../vision/grey.ts';
import { applyHomography, type Homography, type Point } from '../vision/homography.ts';
import { halve } from './image-ops.ts';
import { extractPatch, isTwoDimensional, levelFor, localScale, matchPatch, MIN_NCC } from './patch-match.ts';
import { fitSurface, type Surface, type SurfaceSample } from './smooth-surface.ts';

/** Offsets in rendering pixels, sampled at the centres of `cell`-pixel blocks. */
export interface DisplacementField {
  readonly columns: number;
  readonly rows: number;
  readonly cell: number;
  readonly dx: Float32Array;
  readonly dy: Float32Array;
}

const LOCAL = { cell: 64, radius: 3, step: 2 };
/**
 * The first, coarse pass of the field: the same blocks on the rendering halved, searched ±radius
 * of its pixels (±12 rendering pixels) — a photo's barrel distortion leaves 5–10 scan pixels inside
 * the text and 20–30 at the corners after the best homography (measured against the simulator's
 * own geometry), beyond the fine pass's ±3. `limit` bounds the surface fitted to it (rendering pixels).
 */
const COARSE = { radius: 6, step: 2, limit: 24 };

/** A block whose offset was measured (its own patch matched the scan). */
export const BLOCK_MEASURED = 0;
/** A block filled in between measured blocks: measured ones on both sides along its row or its column. */
export const BLOCK_INTERPOLATED = 1;
/** A block filled in beyond the last measured ones (typically towards a page edge): the field there is a guess. */
export const BLOCK_EXTRAPOLATED = 2;

/**
 * How far each block of a displacement field can be trusted, on the field's grid. A block is not
 * measured when its square of the rendering is blank paper, holds a lone rule (the aperture
 * problem), sticks out of the rendering, or did not match (NCC below MIN_NCC); its offset is then
 * filled in from its neighbours.
 */
export interface FieldConfidence {
  readonly columns: number;
  readonly rows: number;
  readonly cell: number;
  /** BLOCK_MEASURED, BLOCK_INTERPOLATED or BLOCK_EXTRAPOLATED per block. */
  readonly kind: Uint8Array;
  /** The NCC of the block's match where it was measured; NaN where it was filled in. */
  readonly score: Float32Array;
  /** Steps (4-neighbour) to the nearest measured block: 0 where measured, 255 when no block was. */
  readonly reach: Uint8Array;
}

/** One block's entry of a FieldConfidence. */
export interface BlockConfidence {
  readonly kind: number;
  readonly score: number;
  readonly reach: number;
}

/** What counts as trusted: measured with at least `minScore`, or filled in and at most `maxExtrapolation` blocks beyond a measured one. */
export interface ConfidenceLimits {
  readonly minScore: number;
  readonly maxExtrapolation: number;
}

/**
 * Measured blocks are trusted from MIN_NCC up (the field already median-filters them); interpolated
 * blocks always (blank paper between matched text, where a forger's added ink must still count);
 * extrapolated ones only next to a measured block.
 */
export const DEFAULT_CONFIDENCE: ConfidenceLimits = { minScore: MIN_NCC, maxExtrapolation: 1 };

/**
 * The scan level for a target `reduction` times coarser than the rendering, and the map from that
 * target's pixels to the level's pixels through `h` shifted by an offset in rendering pixels.
 */
function levelMap(scanLevels: GreyImage[], h: Homography, scale: number, reduction: number) {
  const k = levelFor(scale * reduction, scanLevels.length);
  const g = 2 ** k;
  return {
    scan: scanLevels[k],
    toScan: (ox: number, oy: number) => (x: number, y: number) => {
      const p = applyHomography(h, x * reduction + ox, y * reduction + oy);
      return { x: p.x / g, y: p.y / g };
    },
  };
}

/** The measurable blocks (ink varying in two directions) of a `cell`-pixel grid over the rendering: their index and top-left corner. */
function measurableBlocks(rendering: GreyImage, columns: number, rows: number, cell: number): { i: number; left: number; top: number; values: Float32Array }[] {
  const out: { i: number; left: number; top: number; values: Float32Array }[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      // Blocks are centred on the field's sample points; those that would stick out of the rendering stay blank.
      const left = c * cell;
      const top = r * cell;
      const values = extractPatch(rendering, left, top, cell);
      if (values && isTwoDimensional(rendering, left, top, cell)) out.push({ i: r * columns + c, left, top, values });
    }
  return out;
}

/**
 * The coarse pass: every measurable block found on the halved rendering, ±COARSE.radius of its
 * pixels around `h`, and the smooth surfaces (smooth-surface.ts) through the offsets found, one per
 * axis, in rendering pixels; null where too few blocks matched.
 */
function coarseSurfaces(rendering: GreyImage, scanLevels: GreyImage[], h: Homography, scale: number): { x: Surface; y: Surface } | null {
  const half = halve(rendering);
  const cell = LOCAL.cell / 2;
  const columns = Math.ceil(rendering.width / LOCAL.cell);
  const rows = Math.ceil(rendering.height / LOCAL.cell);
  const { scan, toScan } = levelMap(scanLevels, h, scale, 2);
  const samplesX: SurfaceSample[] = [];
  const samplesY: SurfaceSample[] = [];
  for (const block of measurableBlocks(half, columns, rows, cell)) {
    const m = matchPatch(scan, block.values, cell, { x: block.left + cell / 2, y: block.top + cell / 2 }, toScan(0, 0), COARSE.radius, COARSE.step);
    if (m.score < MIN_NCC) continue;
    const x = 2 * block.left + LOCAL.cell / 2;
    const y = 2 * block.top + LOCAL.cell / 2;
    samplesX.push({ x, y, value: 2 * m.offset.x });
    samplesY.push({ x, y, value: 2 * m.offset.y });
  }
  const sx = fitSurface(samplesX, rendering.width, rendering.height, COARSE.limit);
  const sy = fitSurface(samplesY, rendering.width, rendering.height, COARSE.limit);
  return sx && sy ? { x: sx, y: sy } : null;
}

/**
 * Block-wise displacement search at the rendering's resolution: a coarse pass gives a smooth
 * surface of the residual (coarseSurfaces), each block is then searched ±LOCAL.radius around it;
 * the offsets' departures from the surface are median-filtered and holes filled from neighbours,
 * and the surface is added back (so a margin block far from any text follows the lens, not the
 * nearest text block).
 */
export function localField(rendering: GreyImage, scanLevels: GreyImage[], h: Homography): { field: DisplacementField; confidence: FieldConfidence } {
  const { cell, radius, step } = LOCAL;
  const columns = Math.ceil(rendering.width / cell);
  const rows = Math.ceil(rendering.height / cell);
  const dx = new Float32Array(columns * rows).fill(NaN);
  const dy = new Float32Array(columns * rows).fill(NaN);
  const score = new Float32Array(columns * rows).fill(NaN);
  const scale = localScale(h, rendering.width / 2, rendering.height / 2);
  const surface = coarseSurfaces(rendering, scanLevels, h, scale);
  const guessX = new Float32Array(columns * rows);
  const guessY = new Float32Array(columns * rows);
  if (surface)
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        guessX[r * columns + c] = surface.x.at(c * cell + cell / 2, r * cell + cell / 2);
        guessY[r * columns + c] = surface.y.at(c * cell + cell / 2, r * cell + cell / 2);
      }
  const { scan, toScan } = levelMap(scanLevels, h, scale, 1);
  for (const block of measurableBlocks(rendering, columns, rows, cell)) {
    const { i } = block;
    const m = matchPatch(scan, block.values, cell, { x: block.left + cell / 2, y: block.top + cell / 2 }, toScan(guessX[i], guessY[i]), radius, step);
    // A peak on the search's edge is not a peak (the match lies beyond, or nowhere).
    if (m.score < MIN_NCC || Math.max(Math.abs(m.offset.x), Math.abs(m.offset.y)) >= radius) continue;
    // Departures from the surface: smoothed and filled below, the surface added back after.
    dx[i] = m.offset.x;
    dy[i] = m.offset.y;
    score[i] = m.score;
  }
  const confidence = confidenceOf(score, columns, rows, cell);
  // The surface refitted through the fine offsets (sub-pixel, at full resolution): the base the blocks depart from.
  const fine = refitted(dx, dy, guessX, guessY, columns, rows, rendering);
  if (fine)
    for (let i = 0; i < dx.length; i++) {
      dx[i] += guessX[i] - fine.x[i];
      dy[i] += guessY[i] - fine.y[i];
      guessX[i] = fine.x[i];
      guessY[i] = fine.y[i];
    }
  smoothField(dx, dy, columns, rows);
  for (let i = 0; i < dx.length; i++) {
    dx[i] += guessX[i];
    dy[i] += guessY[i];
  }
  return { field: { columns, rows, cell, dx, dy }, confidence };
}

/** The surfaces through the measured blocks' offsets (departure + guess), sampled at every block centre; null without a fit. */
function refitted(dx: Float32Array, dy: Float32Array, guessX: Float32Array, guessY: Float32Array, columns: number, rows: number, rendering: GreyImage): { x: Float32Array; y: Float32Array } | null {
  const { cell } = LOCAL;
  const samplesX: SurfaceSample[] = [];
  const samplesY: SurfaceSample[] = [];
  for (let i = 0; i < dx.length; i++) {
    if (Number.isNaN(dx[i])) continue;
    const x = (i % columns) * cell + cell / 2;
    const y = Math.floor(i / columns) * cell + cell / 2;
    samplesX.push({ x, y, value: dx[i] + guessX[i] });
    samplesY.push({ x, y, value: dy[i] + guessY[i] });
  }
  const sx = fitSurface(samplesX, rendering.width, rendering.height, COARSE.limit);
  const sy = fitSurface(samplesY, rendering.width, rendering.height, COARSE.limit);
  if (!sx || !sy) return null;
  const x = new Float32Array(dx.length);
  const y = new Float32Array(dx.length);
  for (let i = 0; i < dx.length; i++) {
    x[i] = sx.at((i % columns) * cell + cell / 2, Math.floor(i / columns) * cell + cell / 2);
    y[i] = sy.at((i % columns) * cell + cell / 2, Math.floor(i / columns) * cell + cell / 2);
  }
  return { x, y };
}

/** Each block's kind and reach from which blocks were measured (those with a score). */
export function confidenceOf(score: Float32Array, columns: number, rows: number, cell: number): FieldConfidence {
  const measured = (c: number, r: number) => !Number.isNaN(score[r * columns + c]);
  const reach = new Uint8Array(columns * rows).fill(255);
  // Breadth-first from every measured block: the pass at which smoothField fills a block.
  let frontier: number[] = [];
  for (let i = 0; i < reach.length; i++) if (!Number.isNaN(score[i])) (reach[i] = 0), frontier.push(i);
  for (let step = 1; frontier.length > 0 && step < 255; step++) {
    const next: number[] = [];
    for (const i of frontier) {
      const c = i % columns;
      const r = (i - c) / columns;
      for (const [cc, rr] of [[c - 1, r], [c + 1, r], [c, r - 1], [c, r + 1]]) {
        if (cc < 0 || rr < 0 || cc >= columns || rr >= rows || reach[rr * columns + cc] !== 255) continue;
        reach[rr * columns + cc] = step;
        next.push(rr * columns + cc);
      }
    }
    frontier = next;
  }
  const kind = new Uint8Array(columns * rows);
  const any = (from: number, to: number, at: (i: number) => boolean) => {
    for (let i = from; i < to; i++) if (at(i)) return true;
    return false;
  };
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      if (measured(c, r)) continue;
      const alongRow = any(0, c, (i) => measured(i, r)) && any(c + 1, columns, (i) => measured(i, r));
      const alongColumn = any(0, r, (j) => measured(c, j)) && any(r + 1, rows, (j) => measured(c, j));
      kind[r * columns + c] = alongRow || alongColumn ? BLOCK_INTERPOLATED : BLOCK_EXTRAPOLATED;
    }
  return { columns, rows, cell, kind, score: score.slice(), reach };
}

/** The block of the confidence grid nearest to a rendering pixel. */
export function blockConfidenceAt(confidence: FieldConfidence, x: number, y: number): BlockConfidence {
  const { columns, rows, cell } = confidence;
  const c = Math.max(0, Math.min(columns - 1, Math.floor(x / cell)));
  const r = Math.max(0, Math.min(rows - 1, Math.floor(y / cell)));
  const i = r * columns + c;
  return { kind: confidence.kind[i], score: confidence.score[i], reach: confidence.reach[i] };
}

/** Whether one block is trusted under `limits`. */
function trusted(block: BlockConfidence, limits: ConfidenceLimits): boolean {
  if (block.kind === BLOCK_MEASURED) return block.score >= limits.minScore;
  if (block.kind === BLOCK_INTERPOLATED) return true;
  return block.reach <= limits.maxExtrapolation;
}

/** Whether the field at a rendering pixel is trusted; with no confidence (a registration built by hand, ZERO_FIELD), it is. */
export function isConfidentAt(confidence: FieldConfidence | undefined, x: number, y: number, limits: ConfidenceLimits = DEFAULT_CONFIDENCE): boolean {
  return !confidence || trusted(blockConfidenceAt(confidence, x, y), limits);
}

/**
 * Per rendering pixel (width × height, row-major): 1 where the field is trusted, 0 where the area
 * should be treated as not compared.
 */
export function confidenceMask(confidence: FieldConfidence | undefined, width: number, height: number, limits: ConfidenceLimits = DEFAULT_CONFIDENCE): Uint8Array {
  const mask = new Uint8Array(width * height).fill(1);
  if (!confidence) return mask;
  const { columns, rows, cell } = confidence;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      const i = r * columns + c;
      if (trusted({ kind: confidence.kind[i], score: confidence.score[i], reach: confidence.reach[i] }, limits)) continue;
      for (let y = r * cell; y < Math.min(height, (r + 1) * cell); y++) mask.fill(0, y * width + c * cell, y * width + Math.min(width, (c + 1) * cell));
    }
  return mask;
}

/** Replaces each measured offset by the median of its 3×3 neighbourhood, then fills blank blocks from their neighbours. */
function smoothField(dx: Float32Array, dy: Float32Array, columns: number, rows: number): void {
  const median = (src: Float32Array) => {
    const out = new Float32Array(src.length).fill(NaN);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        if (Number.isNaN(src[r * columns + c])) continue;
        const near: number[] = [];
        for (let j = -1; j <= 1; j++)
          for (let i = -1; i <= 1; i++) {
            const rr = r + j;
            const cc = c + i;
            if (rr < 0 || cc < 0 || rr >= rows || cc >= columns) continue;
            const v = src[rr * columns + cc];
            if (!Number.isNaN(v)) near.push(v);
          }
        near.sort((a, b) => a - b);
        out[r * columns + c] = near[near.length >> 1];
      }
    return out;
  };
  const mx = median(dx);
  const my = median(dy);
  dx.set(mx);
  dy.set(my);
  if (dx.every(Number.isNaN)) {
    dx.fill(0);
    dy.fill(0);
    return;
  }
  for (let pass = 0; pass < columns + rows && dx.some(Number.isNaN); pass++) {
    const fx = dx.slice();
    const fy = dy.slice();
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) {
        const i = r * columns + c;
        if (!Number.isNaN(dx[i])) continue;
        let n = 0;
        let sx = 0;
        let sy = 0;
        for (const [cc, rr] of [[c - 1, r], [c + 1, r], [c, r - 1], [c, r + 1]]) {
          if (rr < 0 || cc < 0 || rr >= rows || cc >= columns) continue;
          const v = dx[rr * columns + cc];
          if (Number.isNaN(v)) continue;
          n++;
          sx += v;
          sy += dy[rr * columns + cc];
        }
        if (n) {
          fx[i] = sx / n;
          fy[i] = sy / n;
        }
      }
    dx.set(fx);
    dy.set(fy);
  }
}

/** The field's offset at a rendering pixel (bilinear between block centres, clamped at the edges). */
export function fieldAt(field: DisplacementField, x: number, y: number): Point {
  const { columns, rows, cell, dx, dy } = field;
  const fx = Math.max(0, Math.min(columns - 1, x / cell - 0.5));
  const fy = Math.max(0, Math.min(rows - 1, y / cell - 0.5));
  const c0 = Math.floor(fx);
  const r0 = Math.floor(fy);
  const c1 = Math.min(columns - 1, c0 + 1);
  const r1 = Math.min(rows - 1, r0 + 1);
  const ax = fx - c0;
  const ay = fy - r0;
  const mix = (a: Float32Array) =>
    (a[r0 * columns + c0] * (1 - ax) + a[r0 * columns + c1] * ax) * (1 - ay) + (a[r1 * columns + c0] * (1 - ax) + a[r1 * columns + c1] * ax) * ay;
  return { x: mix(dx), y: mix(dy) };
}

export const ZERO_FIELD: DisplacementField = { columns: 1, rows: 1, cell: 1e9, dx: new Float32Array(1), dy: new Float32Array(1) };
