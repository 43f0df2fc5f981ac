/**
 * Finding a square of the rendering in the scan (register.ts, field.ts): the square's grey as a
 * zero-mean, unit-norm template, whether it pins a position in both directions, and where around a
 * predicted position its normalised cross-correlation (NCC) peaks, to a sub-pixel offset.
 */
import type { GreyImage } from '../vision/grey.ts';
import { applyHomography, homographyJacobian, type Homography, type Point } from '../vision/homography.ts';
import { bilinear } from '../vision/template-match.ts';

/** A match whose NCC is below this is not trusted (the square is not where it was looked for, or not legible). */
export const MIN_NCC = 0.5;
const MIN_PATCH_STDDEV = 12;
/** Smallest ratio of the structure tensor's eigenvalues for a block to be measured. */
const MIN_CORNERNESS = 0.15;

/** Scan pixels per rendering pixel around a point (square root of the Jacobian's area scale). */
export function localScale(h: Homography, x: number, y: number): number {
  const [a, b, c, d] = homographyJacobian(h, x, y);
  return Math.sqrt(Math.abs(a * d - b * c));
}

/**
 * A pyramid level may be this much coarser than one of its pixels per target pixel: a 295 dpi
 * scan (1.97 scan pixels per 150 dpi rendering pixel) is still read from its halved level.
 */
const LEVEL_TOLERANCE = 0.95;

/**
 * The coarsest scan pyramid level that still has (nearly, LEVEL_TOLERANCE) one pixel per target
 * pixel, where the target has `ratio` full-resolution scan pixels each: halving a 230 dpi photo
 * (1.53 pixels per 150 dpi rendering pixel) would leave 0.77 of a pixel, a blurred page for the
 * cells and a half-resolution registration. The nearest level (rounding the logarithm) did exactly
 * that for every ratio above √2.
 */
export function levelFor(ratio: number, levels: number): number {
  return Math.max(0, Math.min(levels - 1, Math.floor(Math.log2(Math.max(1, ratio / LEVEL_TOLERANCE)))));
}

/** Zero-mean, unit-norm pixel values of a square, or null when the square is (nearly) blank: its standard deviation below `minStddev`. */
export function extractPatch(image: GreyImage, left: number, top: number, side: number, minStddev = MIN_PATCH_STDDEV): Float32Array | null {
  if (left < 0 || top < 0 || left + side > image.width || top + side > image.height) return null;
  const values = new Float32Array(side * side);
  let mean = 0;
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) mean += values[y * side + x] = image.data[(top + y) * image.width + left + x];
  mean /= values.length;
  let norm = 0;
  for (let i = 0; i < values.length; i++) norm += (values[i] -= mean) ** 2;
  if (!(norm > 0) || Math.sqrt(norm / values.length) < minStddev) return null;
  norm = Math.sqrt(norm);
  for (let i = 0; i < values.length; i++) values[i] /= norm;
  return values;
}

/**
 * Whether a block's edges run in more than one direction (the structure tensor's smaller
 * eigenvalue is not negligible against the larger): a block holding only a table rule fixes its
 * position across the rule but not along it (the aperture problem), so it is not measured.
 */
export function isTwoDimensional(image: GreyImage, left: number, top: number, side: number): boolean {
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

/** `toScan` near `centre` as an affine map: the image of the centre and the Jacobian by finite differences over half a pixel. */
function localAffine(centre: Point, toScan: (x: number, y: number) => Point): { base: Point; jxx: number; jyx: number; jxy: number; jyy: number } {
  const base = toScan(centre.x, centre.y);
  const e = 0.5;
  const px = toScan(centre.x + e, centre.y);
  const py = toScan(centre.x, centre.y + e);
  return { base, jxx: (px.x - base.x) / e, jyx: (px.y - base.y) / e, jxy: (py.x - base.x) / e, jyy: (py.y - base.y) / e };
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
  const { base, jxx, jyx, jxy, jyy } = localAffine(centre, toScan);
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
      scores[(j + radius) * span + i + radius] = norm > 0 && tnorm > 0 ? dot / Math.sqrt(norm * tnorm) : -1;
    }
  return peakOf(scores, radius);
}

/** The best integer offset (the first highest score, row by row) refined by a parabola through its neighbours along each axis (never beyond half a pixel). */
function peakOf(scores: Float64Array, radius: number): { offset: Point; score: number } {
  const span = 2 * radius + 1;
  let best = -2;
  let bi = 0;
  let bj = 0;
  for (let j = -radius; j <= radius; j++)
    for (let i = -radius; i <= radius; i++) {
      const score = scores[(j + radius) * span + i + radius];
      if (score > best) {
        best = score;
        bi = i;
        bj = j;
      }
    }
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
  const { base, jxx, jyx, jxy, jyy } = localAffine(centre, toScan);
  const span = 2 * radius + 1;
  const scores = new Float64Array(span * span).fill(-1);
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
      scores[(j + radius) * span + i + radius] = norm > 0 && tnorm > 0 ? dot / Math.sqrt(norm * tnorm) : -1;
    }
  return peakOf(scores, radius);
}

/** One pyramid step: rendering reduced 2^level, patch side and search radius in that level's pixels (register.ts GLOBAL_LEVELS). */
export interface PyramidStep {
  readonly level: number;
  readonly patch: number;
  readonly radius: number;
}

/** A patch of the rendering found in the scan: its centre on both sides, full-resolution pixels, and its NCC. */
export interface GridMatch {
  readonly src: Point;
  readonly dst: Point;
  readonly score: number;
}

/**
 * The patches on a `grid` of centres over the rendering level `rendering` (step.level of the
 * pyramid), each with enough grey variation found in the scan around where `h` puts it, from the
 * scan level that keeps a scan pixel per target pixel (levelFor): the global homography's step
 * (register.ts) and the flatbed fit's (flatbed.ts). `levelPixel`: scan pixels per level pixel at
 * the page's centre. With `dropEdgePeaks`, a match whose peak lies on its search's edge is
 * dropped (it slid along a text line or a rule, or its content is further than the search reaches).
 */
export function matchGrid(
  rendering: GreyImage,
  scanLevels: readonly GreyImage[],
  h: Homography,
  step: PyramidStep,
  grid: { readonly columns: number; readonly rows: number },
  dropEdgePeaks = false,
): { matches: GridMatch[]; levelPixel: number } {
  const f = 2 ** step.level;
  const levelPixel = localScale(h, (rendering.width * f) / 2, (rendering.height * f) / 2) * f;
  const k = levelFor(levelPixel, scanLevels.length);
  const scan = scanLevels[k];
  const g = 2 ** k;
  // Level pixel → full rendering pixel → full scan pixel → scan level pixel.
  const toScan = (x: number, y: number) => {
    const p = applyHomography(h, x * f, y * f);
    return { x: p.x / g, y: p.y / g };
  };
  const half = step.patch >> 1;
  const matches: GridMatch[] = [];
  for (let r = 0; r < grid.rows; r++)
    for (let c = 0; c < grid.columns; c++) {
      const centre = { x: Math.round(((c + 0.5) / grid.columns) * rendering.width), y: Math.round(((r + 0.5) / grid.rows) * rendering.height) };
      const values = extractPatch(rendering, centre.x - half, centre.y - half, step.patch);
      if (!values) continue;
      const m = matchPatch(scan, values, step.patch, centre, toScan, step.radius);
      if (m.score < MIN_NCC) continue;
      if (dropEdgePeaks && Math.max(Math.abs(m.offset.x), Math.abs(m.offset.y)) >= step.radius) continue;
      const moved = toScan(centre.x + m.offset.x, centre.y + m.offset.y);
      matches.push({ src: { x: centre.x * f, y: centre.y * f }, dst: { x: moved.x * g, y: moved.y * g }, score: m.score });
    }
  return { matches, levelPixel };
}
