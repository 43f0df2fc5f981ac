/**
 * Registration of a scan or photo of a certificate's front to its restored rendering: which scan
 * pixel shows each rendering pixel.
 *
 * 1. A first guess from the ink's moments (centroid, principal axis, spread) in both images: a
 *    similarity, up to the 180° ambiguity of an axis, which is settled by trying both.
 * 2. A global homography (Hartley & Zisserman §4.4) refined coarse to fine over a pyramid: patches
 *    of the rendering with ink in them are found in the scan by normalised cross-correlation
 *    around where the current homography puts them, and the homography is refitted to the matches.
 * 3. Local refinement: a displacement field, block by block at the rendering's resolution, which
 *    takes up what a homography cannot (lens barrel, paper curl, scanner scale drift), as the
 *    carrier's alignment refinement does (src/carrier/refine.ts).
 * The table rules and text lines of the forms are what the patches lock on to; the page edge is
 * not needed (on the simulated scans it is paper on paper).
 */
import type { GreyImage } from '../vision/grey.ts';
import { applyHomography, homographyJacobian, type Homography, type Point } from '../vision/homography.ts';
import { bilinear } from '../vision/template-match.ts';
import { fitHomography } from './fit.ts';
import { paperLevel, pyramid } from './image-ops.ts';

/** Offsets in rendering pixels, sampled at the centres of `cell`-pixel blocks. */
export interface DisplacementField {
  readonly columns: number;
  readonly rows: number;
  readonly cell: number;
  readonly dx: Float32Array;
  readonly dy: Float32Array;
}

export interface Registration {
  /** Rendering pixel → full-resolution scan pixel. */
  readonly homography: Homography;
  readonly field: DisplacementField;
  /** Patches matched at the finest global level. */
  readonly matches: number;
  /** Scan pixels per rendering pixel at the page centre. */
  readonly scale: number;
}

/** Levels of the global search: rendering reduced 2^level, patch side, search radius (both in that level's pixels). */
const GLOBAL_LEVELS = [
  { level: 4, patch: 14, radius: 6 },
  { level: 3, patch: 18, radius: 5 },
  { level: 2, patch: 22, radius: 4 },
  { level: 1, patch: 24, radius: 3 },
  { level: 0, patch: 28, radius: 2 },
] as const;
const PATCH_GRID = { columns: 9, rows: 12 };
const MIN_NCC = 0.5;
const MIN_PATCH_STDDEV = 12;
const LOCAL = { cell: 64, radius: 3, step: 2 };
/** Smallest ratio of the structure tensor's eigenvalues for a block to be measured. */
const MIN_CORNERNESS = 0.15;

interface Moments {
  cx: number;
  cy: number;
  angle: number;
  spread: number;
}

/** Ink (paper level minus grey, above a noise floor) as a mass: its centroid, major-axis angle and geometric-mean spread. */
function inkMoments(image: GreyImage): Moments | null {
  const paper = paperLevel(image, 4);
  /** Calls `visit` with every pixel's ink and its centre. */
  const eachPixel = (visit: (w: number, px: number, py: number) => void) => {
    for (let y = 0; y < image.height; y++)
      for (let x = 0; x < image.width; x++) {
        const i = y * image.width + x;
        visit(Math.max(0, paper[i] - image.data[i] - 12), x + 0.5, y + 0.5);
      }
  };
  let m = 0;
  let sx = 0;
  let sy = 0;
  eachPixel((w, px, py) => {
    m += w;
    sx += w * px;
    sy += w * py;
  });
  if (m <= 0) return null;
  const cx = sx / m;
  const cy = sy / m;
  let xx = 0;
  let xy = 0;
  let yy = 0;
  eachPixel((w, px, py) => {
    const dx = px - cx;
    const dy = py - cy;
    xx += w * dx * dx;
    xy += w * dx * dy;
    yy += w * dy * dy;
  });
  xx /= m;
  xy /= m;
  yy /= m;
  const det = xx * yy - xy * xy;
  if (!(det > 0)) return null;
  return { cx, cy, angle: 0.5 * Math.atan2(2 * xy, xx - yy), spread: Math.sqrt(Math.sqrt(det)) };
}

/** The similarity rendering px → scan px that lines up the two ink masses, rotated by `extra` on top. */
function similarity(r: Moments, rScale: number, s: Moments, sScale: number, extra: number): Homography {
  const k = (s.spread * sScale) / (r.spread * rScale);
  const th = s.angle - r.angle + extra;
  const c = k * Math.cos(th);
  const n = k * Math.sin(th);
  const rcx = r.cx * rScale;
  const rcy = r.cy * rScale;
  const scx = s.cx * sScale;
  const scy = s.cy * sScale;
  return Float64Array.of(c, -n, scx - c * rcx + n * rcy, n, c, scy - n * rcx - c * rcy, 0, 0, 1);
}

/** Scan pixels per rendering pixel around a point (square root of the Jacobian's area scale). */
function localScale(h: Homography, x: number, y: number): number {
  const [a, b, c, d] = homographyJacobian(h, x, y);
  return Math.sqrt(Math.abs(a * d - b * c));
}

interface Patch {
  readonly centre: Point;
  readonly values: Float32Array;
  readonly side: number;
}

/** Patches on a grid over the rendering level whose grey varies enough to be found again. */
function patchesOf(image: GreyImage, side: number): Patch[] {
  const out: Patch[] = [];
  const half = side >> 1;
  for (let r = 0; r < PATCH_GRID.rows; r++)
    for (let c = 0; c < PATCH_GRID.columns; c++) {
      const cx = Math.round(((c + 0.5) / PATCH_GRID.columns) * image.width);
      const cy = Math.round(((r + 0.5) / PATCH_GRID.rows) * image.height);
      const patch = extractPatch(image, cx - half, cy - half, side);
      if (patch) out.push({ centre: { x: cx, y: cy }, values: patch, side });
    }
  return out;
}

/** Zero-mean, unit-norm pixel values of a square, or null when the square is (nearly) blank. */
function extractPatch(image: GreyImage, left: number, top: number, side: number): Float32Array | null {
  if (left < 0 || top < 0 || left + side > image.width || top + side > image.height) return null;
  const values = new Float32Array(side * side);
  let mean = 0;
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) mean += values[y * side + x] = image.data[(top + y) * image.width + left + x];
  mean /= values.length;
  let norm = 0;
  for (let i = 0; i < values.length; i++) norm += (values[i] -= mean) ** 2;
  if (Math.sqrt(norm / values.length) < MIN_PATCH_STDDEV) return null;
  norm = Math.sqrt(norm);
  for (let i = 0; i < values.length; i++) values[i] /= norm;
  return values;
}

/**
 * Whether a block's edges run in more than one direction (the structure tensor's smaller
 * eigenvalue is not negligible against the larger): a block holding only a table rule fixes its
 * position across the rule but not along it (the aperture problem), so it is not measured.
 */
function isTwoDimensional(image: GreyImage, left: number, top: number, side: number): boolean {
  let xx = 0;
  let xy = 0;
  let yy = 0;
  const { width, data } = image;
  for (let y = top + 1; y < top + side - 1; y++)
    for (let x = left + 1; x < left + side - 1; x++) {
      const gx = data[y * width + x + 1] - data[y * width + x - 1];
      const gy = data[(y + 1) * width + x] - data[(y - 1) * width + x];
      xx += gx * gx;
      xy += gx * gy;
      yy += gy * gy;
    }
  const mean = (xx + yy) / 2;
  const root = Math.sqrt(((xx - yy) / 2) ** 2 + xy * xy);
  return mean - root > MIN_CORNERNESS * (mean + root);
}

/**
 * Where the patch (rendering level pixels, top-left at `centre − side/2`) best matches the scan
 * level, as an offset in rendering level pixels around the position `toScan` predicts, with its
 * NCC. Offsets are searched on the integer grid of ±radius (every `step`-th patch pixel read),
 * then refined to a sub-pixel peak by a parabola through the neighbours.
 *
 * The scan is resampled once onto the patch's grid widened by the radius (an integer offset moves
 * the patch by whole grid pixels, so every offset reads the same samples), instead of once per
 * offset; the sums run in matchPatchReference's order, so the two agree bit for bit.
 */
export function matchPatch(scan: GreyImage, values: Float32Array, side: number, centre: Point, toScan: (x: number, y: number) => Point, radius: number, step = 1): { offset: Point; score: number } {
  const half = side / 2;
  const base = toScan(centre.x, centre.y);
  const e = 0.5;
  const px = toScan(centre.x + e, centre.y);
  const py = toScan(centre.x, centre.y + e);
  const jxx = (px.x - base.x) / e;
  const jyx = (px.y - base.y) / e;
  const jxy = (py.x - base.x) / e;
  const jyy = (py.y - base.y) / e;
  const span = 2 * radius + 1;
  // exact[(v + radius) * across + u + radius] is the scan at patch grid pixel (u, v), u, v ∈ [−radius, side + radius);
  // the mean is taken over these, the correlation over their float32 roundings (as the reference stores its samples).
  const across = side + 2 * radius;
  const exact = new Float64Array(across * across);
  for (let v = -radius; v < side + radius; v++)
    for (let u = -radius; u < side + radius; u++) {
      const rx = u + 0.5 - half;
      const ry = v + 0.5 - half;
      exact[(v + radius) * across + u + radius] = bilinear(scan, base.x + jxx * rx + jxy * ry, base.y + jyx * rx + jyy * ry);
    }
  const rounded = Float32Array.from(exact);
  let tnorm = 0;
  for (let y = 0; y < side; y += step)
    for (let x = 0; x < side; x += step) {
      const t = values[y * side + x];
      tnorm += t * t;
    }
  const scores = new Float64Array(span * span).fill(-1);
  let best = -2;
  let bi = 0;
  let bj = 0;
  for (let j = -radius; j <= radius; j++)
    for (let i = -radius; i <= radius; i++) {
      let n = 0;
      let mean = 0;
      for (let y = 0; y < side; y += step) {
        const row = (y + j + radius) * across + i + radius;
        for (let x = 0; x < side; x += step) {
          mean += exact[row + x];
          n++;
        }
      }
      mean /= n;
      let dot = 0;
      let norm = 0;
      for (let y = 0; y < side; y += step) {
        const row = (y + j + radius) * across + i + radius;
        for (let x = 0; x < side; x += step) {
          const t = values[y * side + x];
          const v = rounded[row + x] - mean;
          dot += t * v;
          norm += v * v;
        }
      }
      const score = norm > 0 && tnorm > 0 ? dot / Math.sqrt(norm * tnorm) : -1;
      scores[(j + radius) * span + i + radius] = score;
      if (score > best) {
        best = score;
        bi = i;
        bj = j;
      }
    }
  return subPixelPeak(scores, radius, bi, bj, best);
}

/** The best integer offset refined by a parabola through its neighbours along each axis (never beyond half a pixel). */
function subPixelPeak(scores: Float64Array, radius: number, bi: number, bj: number, best: number): { offset: Point; score: number } {
  const span = 2 * radius + 1;
  const peak = (a: number, b: number, c: number) => {
    const d = a - 2 * b + c;
    return d < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / d)) : 0;
  };
  const at = (i: number, j: number) => scores[(j + radius) * span + i + radius];
  const sx = Math.abs(bi) < radius ? peak(at(bi - 1, bj), best, at(bi + 1, bj)) : 0;
  const sy = Math.abs(bj) < radius ? peak(at(bi, bj - 1), best, at(bi, bj + 1)) : 0;
  return { offset: { x: bi + sx, y: bj + sy }, score: best };
}

/** Slow reference for matchPatch: the scan resampled anew at every offset. */
export function matchPatchReference(scan: GreyImage, values: Float32Array, side: number, centre: Point, toScan: (x: number, y: number) => Point, radius: number, step = 1): { offset: Point; score: number } {
  const half = side / 2;
  const base = toScan(centre.x, centre.y);
  const e = 0.5;
  const px = toScan(centre.x + e, centre.y);
  const py = toScan(centre.x, centre.y + e);
  const jxx = (px.x - base.x) / e;
  const jyx = (px.y - base.y) / e;
  const jxy = (py.x - base.x) / e;
  const jyy = (py.y - base.y) / e;
  const span = 2 * radius + 1;
  const scores = new Float64Array(span * span).fill(-1);
  let best = -2;
  let bi = 0;
  let bj = 0;
  const sample = new Float32Array(values.length);
  for (let j = -radius; j <= radius; j++)
    for (let i = -radius; i <= radius; i++) {
      let n = 0;
      let mean = 0;
      for (let y = 0; y < side; y += step)
        for (let x = 0; x < side; x += step) {
          const rx = x + 0.5 - half + i;
          const ry = y + 0.5 - half + j;
          const v = bilinear(scan, base.x + jxx * rx + jxy * ry, base.y + jyx * rx + jyy * ry);
          sample[n++] = v;
          mean += v;
        }
      mean /= n;
      let dot = 0;
      let norm = 0;
      let tnorm = 0;
      let k = 0;
      for (let y = 0; y < side; y += step)
        for (let x = 0; x < side; x += step) {
          const t = values[y * side + x];
          const v = sample[k++] - mean;
          dot += t * v;
          norm += v * v;
          tnorm += t * t;
        }
      const score = norm > 0 && tnorm > 0 ? dot / Math.sqrt(norm * tnorm) : -1;
      scores[(j + radius) * span + i + radius] = score;
      if (score > best) {
        best = score;
        bi = i;
        bj = j;
      }
    }
  return subPixelPeak(scores, radius, bi, bj, best);
}


/** Scan pyramid level whose pixels are closest to `ratio` full-resolution scan pixels each. */
function levelFor(ratio: number, levels: number): number {
  return Math.max(0, Math.min(levels - 1, Math.round(Math.log2(Math.max(1, ratio)))));
}

/** One global step: match the level's patches, fit a homography (dropping outliers twice). */
function refineGlobal(renderLevels: GreyImage[], scanLevels: GreyImage[], h: Homography, step: (typeof GLOBAL_LEVELS)[number]): { h: Homography; matches: number; score: number } | null {
  const f = 2 ** step.level;
  const rendering = renderLevels[step.level];
  const centreScale = localScale(h, (rendering.width * f) / 2, (rendering.height * f) / 2);
  const k = levelFor(centreScale * f, scanLevels.length);
  const scan = scanLevels[k];
  const g = 2 ** k;
  // Level pixel → full rendering pixel → full scan pixel → scan level pixel.
  const toScan = (x: number, y: number) => {
    const p = applyHomography(h, x * f, y * f);
    return { x: p.x / g, y: p.y / g };
  };
  const src: Point[] = [];
  const dst: Point[] = [];
  let total = 0;
  for (const patch of patchesOf(rendering, step.patch)) {
    const m = matchPatch(scan, patch.values, patch.side, patch.centre, toScan, step.radius);
    if (m.score < MIN_NCC) continue;
    total += m.score;
    const moved = toScan(patch.centre.x + m.offset.x, patch.centre.y + m.offset.y);
    src.push({ x: patch.centre.x * f, y: patch.centre.y * f });
    dst.push({ x: moved.x * g, y: moved.y * g });
  }
  let fitted = fitHomography(src, dst);
  for (let round = 0; round < 2 && fitted; round++) {
    const residuals = src.map((p, i) => {
      const q = applyHomography(fitted!, p.x, p.y);
      return Math.hypot(q.x - dst[i].x, q.y - dst[i].y);
    });
    const sorted = [...residuals].sort((a, b) => a - b);
    const limit = Math.max(3 * sorted[sorted.length >> 1], centreScale * f * 0.75);
    const keep = residuals.map((r) => r <= limit);
    if (keep.every(Boolean)) break;
    const s2 = src.filter((_, i) => keep[i]);
    const d2 = dst.filter((_, i) => keep[i]);
    src.length = 0;
    dst.length = 0;
    src.push(...s2);
    dst.push(...d2);
    fitted = fitHomography(src, dst);
  }
  if (!fitted || src.length < 8) return null;
  return { h: fitted, matches: src.length, score: total };
}

/** Global homography through all levels from one starting guess. */
function globalFrom(renderLevels: GreyImage[], scanLevels: GreyImage[], start: Homography): { h: Homography; matches: number; score: number } | null {
  let h = start;
  let last: { h: Homography; matches: number; score: number } | null = null;
  for (const step of GLOBAL_LEVELS) {
    const next = refineGlobal(renderLevels, scanLevels, h, step);
    if (!next) return last && step.level === 0 ? last : null;
    h = next.h;
    last = next;
  }
  return last;
}

/** Block-wise displacement search at the rendering's resolution, then holes filled and outliers smoothed. */
function localField(rendering: GreyImage, scanLevels: GreyImage[], h: Homography): DisplacementField {
  const { cell, radius, step } = LOCAL;
  const columns = Math.ceil(rendering.width / cell);
  const rows = Math.ceil(rendering.height / cell);
  const dx = new Float32Array(columns * rows).fill(NaN);
  const dy = new Float32Array(columns * rows).fill(NaN);
  const k = levelFor(localScale(h, rendering.width / 2, rendering.height / 2), scanLevels.length);
  const scan = scanLevels[k];
  const g = 2 ** k;
  const toScan = (x: number, y: number) => {
    const p = applyHomography(h, x, y);
    return { x: p.x / g, y: p.y / g };
  };
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      // Blocks are centred on the field's sample points; those that would stick out of the rendering stay blank.
      const left = c * cell;
      const top = r * cell;
      const values = extractPatch(rendering, left, top, cell);
      if (!values || !isTwoDimensional(rendering, left, top, cell)) continue;
      const m = matchPatch(scan, values, cell, { x: left + cell / 2, y: top + cell / 2 }, toScan, radius, step);
      if (m.score < MIN_NCC) continue;
      dx[r * columns + c] = m.offset.x;
      dy[r * columns + c] = m.offset.y;
    }
  smoothField(dx, dy, columns, rows);
  return { columns, rows, cell, dx, dy };
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

/**
 * Registers `scan` (grey, any orientation) to `rendering` (grey, the restored front at the
 * comparison resolution). Returns null when no consistent placement is found (not this sheet,
 * too little of it in view, or too blurred).
 */
export function registerToRendering(rendering: GreyImage, scan: GreyImage): Registration | null {
  const renderLevels = pyramid(rendering, 5);
  const scanLevels = pyramid(scan, 6);
  const coarseR = renderLevels.length - 1;
  const rScale = 2 ** coarseR;
  // The scan level nearest in size to the coarsest rendering level, for the ink moments.
  const areaRatio = Math.sqrt((scan.width * scan.height) / (rendering.width * rendering.height)) * rScale;
  const coarseS = levelFor(areaRatio, scanLevels.length);
  const rm = inkMoments(renderLevels[coarseR]);
  const sm = inkMoments(scanLevels[coarseS]);
  if (!rm || !sm) return null;
  let best: { h: Homography; matches: number; score: number } | null = null;
  for (const extra of [0, Math.PI]) {
    const found = globalFrom(renderLevels, scanLevels, similarity(rm, rScale, sm, 2 ** coarseS, extra));
    if (found && (!best || found.score > best.score)) best = found;
  }
  if (!best) return null;
  const field = localField(rendering, scanLevels, best.h);
  return { homography: best.h, field, matches: best.matches, scale: localScale(best.h, rendering.width / 2, rendering.height / 2) };
}

/**
 * The scan resampled onto the rendering's pixel grid through the registration. The field's
 * interpolation weights depend on the column or the row alone, so they are found once per column
 * and once per row; the arithmetic per pixel is warpToRenderingReference's, term for term, so the
 * two agree bit for bit (pinned by a test).
 */
export function warpToRendering(scan: GreyImage, registration: Registration, width: number, height: number): GreyImage {
  const levels = pyramid(scan, 4);
  const k = levelFor(registration.scale, levels.length);
  const source = levels[k];
  const g = 2 ** k;
  const h = registration.homography;
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = h;
  const { columns, rows, cell, dx, dy } = registration.field;
  const axis = (n: number, count: number) => {
    const lo = new Int32Array(n);
    const hi = new Int32Array(n);
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const f = Math.max(0, Math.min(count - 1, (i + 0.5) / cell - 0.5));
      lo[i] = Math.floor(f);
      hi[i] = Math.min(count - 1, lo[i] + 1);
      t[i] = f - lo[i];
    }
    return { lo, hi, t };
  };
  const across = axis(width, columns);
  const down = axis(height, rows);
  const { width: sw, height: sh, data: sd } = source;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const r0 = down.lo[y] * columns;
    const r1 = down.hi[y] * columns;
    const ay = down.t[y];
    for (let x = 0; x < width; x++) {
      const c0 = across.lo[x];
      const c1 = across.hi[x];
      const ax = across.t[x];
      const fx = (dx[r0 + c0] * (1 - ax) + dx[r0 + c1] * ax) * (1 - ay) + (dx[r1 + c0] * (1 - ax) + dx[r1 + c1] * ax) * ay;
      const fy = (dy[r0 + c0] * (1 - ax) + dy[r0 + c1] * ax) * (1 - ay) + (dy[r1 + c0] * (1 - ax) + dy[r1 + c1] * ax) * ay;
      const X = x + 0.5 + fx;
      const Y = y + 0.5 + fy;
      const w = h6 * X + h7 * Y + h8;
      // bilinear (src/vision/template-match.ts), inlined.
      let sx = ((h0 * X + h1 * Y + h2) / w) / g - 0.5;
      let sy = ((h3 * X + h4 * Y + h5) / w) / g - 0.5;
      if (sx < 0) sx = 0;
      if (sy < 0) sy = 0;
      if (sx > sw - 1) sx = sw - 1;
      if (sy > sh - 1) sy = sh - 1;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = x0 + 1 < sw ? x0 + 1 : x0;
      const y1 = y0 + 1 < sh ? y0 + 1 : y0;
      const bx = sx - x0;
      const by = sy - y0;
      const top = sd[y0 * sw + x0] * (1 - bx) + sd[y0 * sw + x1] * bx;
      const bottom = sd[y1 * sw + x0] * (1 - bx) + sd[y1 * sw + x1] * bx;
      data[y * width + x] = top * (1 - by) + bottom * by + 0.5;
    }
  }
  return { width, height, data };
}

/** Slow reference for warpToRendering: fieldAt, applyHomography and bilinear per pixel. */
export function warpToRenderingReference(scan: GreyImage, registration: Registration, width: number, height: number): GreyImage {
  const levels = pyramid(scan, 4);
  const k = levelFor(registration.scale, levels.length);
  const source = levels[k];
  const g = 2 ** k;
  const h = registration.homography;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const d = fieldAt(registration.field, x + 0.5, y + 0.5);
      const p = applyHomography(h, x + 0.5 + d.x, y + 0.5 + d.y);
      const v = bilinear(source, p.x / g, p.y / g);
      data[y * width + x] = v + 0.5;
    }
  return { width, height, data };
}
