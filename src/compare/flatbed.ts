/**
 * Registration as a flatbed sees the page: a scanner's glass holds the sheet flat, so the page
 * reaches the image by a rotation, a translation and a scale within a percent (and, on a real
 * scanner, a fraction of a percent more along the carriage): an affine map, never perspective.
 *
 * The global homography (register.ts) fits every patch match by least squares; when a block of
 * the page has been moved (a household member removed and the rows below moved up, a row added),
 * it explains both the moved and the unmoved parts by bending the page, and every glyph ends up a
 * few pixels off. Here the fit is robust instead: pairs of matches propose similarities
 * (every pair, or a fixed draw of 2000, so the result is the same on every run); the largest set
 * of matches that agree with one within a pixel of the level is one rigid part of the page, the
 * largest among the rest another, and of the two the one spread over more of the page is taken
 * (the header and the footer of a form, not the moved rows between them, even where those hold
 * more matches); an affine map is refitted by least squares to the matches it explains.
 * Matches it does not explain are content that is not where the signed layout prints it.
 *
 * Pure over grey pixels; no browser globals.
 */
import type { GreyImage } from '../vision/grey.ts';
import { applyHomography, type Homography, type Point } from '../vision/homography.ts';
import { solveLinearSystem } from '../vision/linear-solve.ts';
import { COMPARE_DPI, MIN_SCAN_DPI } from './capture-geometry.ts';
import { localScale, matchGrid, type PyramidStep } from './patch-match.ts';

/**
 * Patch centres: denser than the homography's 9 × 12, because a robust fit needs matches on
 * every part of the page, including a form's header and footer, to outvote a moved block.
 */
const FLATBED_GRID = { columns: 12, rows: 16 };
/** A match agrees with a model when it lies within this many level pixels of where the model puts it. */
const AGREEMENT = 1;
/** Two matches closer than this share of the level's diagonal do not propose a model (their angle and scale are noise). */
const MIN_PAIR_SPREAD = 0.15;
/** Fewest matches a level must keep to go on. */
const MIN_MATCHES = 8;

/** The similarity (rotation, uniform scale, translation) taking p1 → q1 and p2 → q2; null when p1 = p2. */
export function similarityFrom2(p1: Point, p2: Point, q1: Point, q2: Point): Homography | null {
  const ux = p2.x - p1.x;
  const uy = p2.y - p1.y;
  const vx = q2.x - q1.x;
  const vy = q2.y - q1.y;
  const d = ux * ux + uy * uy;
  if (!(d > 0)) return null;
  // (a + ib)·u = v as complex numbers.
  const a = (ux * vx + uy * vy) / d;
  const b = (ux * vy - uy * vx) / d;
  return Float64Array.of(a, -b, q1.x - a * p1.x + b * p1.y, b, a, q1.y - b * p1.x - a * p1.y, 0, 0, 1);
}

/** Least-squares affine map with A(src[i]) ≈ dst[i]; null when the points are collinear or fewer than 3. */
export function fitAffine(src: readonly Point[], dst: readonly Point[]): Homography | null {
  if (src.length < 3 || src.length !== dst.length) return null;
  // Centred, so that the normal equations stay well conditioned at page coordinates.
  const mean = (ps: readonly Point[]) => ps.reduce((m, p) => ({ x: m.x + p.x / ps.length, y: m.y + p.y / ps.length }), { x: 0, y: 0 });
  const ms = mean(src);
  const md = mean(dst);
  let xx = 0;
  let xy = 0;
  let yy = 0;
  let xu = 0;
  let yu = 0;
  let xv = 0;
  let yv = 0;
  for (let i = 0; i < src.length; i++) {
    const x = src[i].x - ms.x;
    const y = src[i].y - ms.y;
    const u = dst[i].x - md.x;
    const v = dst[i].y - md.y;
    xx += x * x;
    xy += x * y;
    yy += y * y;
    xu += x * u;
    yu += y * u;
    xv += x * v;
    yv += y * v;
  }
  const normal = [Float64Array.of(xx, xy), Float64Array.of(xy, yy)];
  const row1 = solveLinearSystem(normal, [xu, yu]);
  const row2 = solveLinearSystem(normal, [xv, yv]);
  if (!row1 || !row2) return null;
  const [a, b] = row1;
  const [c, d] = row2;
  const h = Float64Array.of(a, b, md.x - a * ms.x - b * ms.y, c, d, md.y - c * ms.x - d * ms.y, 0, 0, 1);
  return h.every(Number.isFinite) ? h : null;
}

export interface RobustFit {
  /** The affine map refitted to the agreeing matches. */
  readonly model: Homography;
  /** Per match: whether it agrees with the model within the tolerance. */
  readonly agrees: readonly boolean[];
  readonly count: number;
}

const distance = (h: Homography, p: Point, q: Point) => {
  const m = applyHomography(h, p.x, p.y);
  return Math.hypot(m.x - q.x, m.y - q.y);
};

/** Area of the agreeing source points' bounding box: how much of the page a model is supported over. */
function supportArea(src: readonly Point[], agrees: readonly boolean[]): number {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  src.forEach((p, i) => {
    if (!agrees[i]) return;
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  });
  return x1 > x0 && y1 > y0 ? (x1 - x0) * (y1 - y0) : 0;
}

/** At most this many pairs of matches propose a model (all pairs below it). */
const MAX_HYPOTHESES = 2000;

/**
 * The pairs (i < j) of n matches that propose models: every pair when there are at most
 * MAX_HYPOTHESES, else that many drawn by a fixed xorshift sequence, so that the fit is the same
 * on every run. With a third of the matches on one rigid part, one pair in nine lies on it: 2000
 * draws miss it with probability (8/9)^2000.
 */
function* hypothesisPairs(n: number): Generator<[number, number]> {
  if ((n * (n - 1)) / 2 <= MAX_HYPOTHESES) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) yield [i, j];
    return;
  }
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  for (let drawn = 0; drawn < MAX_HYPOTHESES; ) {
    const i = next();
    const j = next();
    if (i === j) continue;
    drawn++;
    yield i < j ? [i, j] : [j, i];
  }
}

interface Agreement {
  readonly count: number;
  /** Bounding-box area of the agreeing source points. */
  readonly area: number;
  readonly agrees: boolean[];
}

/**
 * Among the matches whose index `active` accepts, the similarity proposed by a pair of them that
 * most of them agree with (ties: the larger support area); `agrees` covers every match.
 */
function largestAgreement(src: readonly Point[], dst: readonly Point[], active: readonly boolean[], tolerance: number, minSpread: number): Agreement | null {
  const ids = active.flatMap((on, k) => (on ? [k] : []));
  const n = ids.length;
  const t2 = tolerance * tolerance;
  const sx = Float64Array.from(ids, (k) => src[k].x);
  const sy = Float64Array.from(ids, (k) => src[k].y);
  const dx = Float64Array.from(ids, (k) => dst[k].x);
  const dy = Float64Array.from(ids, (k) => dst[k].y);
  let best: Agreement | null = null;
  for (const [i, j] of hypothesisPairs(n)) {
    if (Math.hypot(sx[j] - sx[i], sy[j] - sy[i]) < minSpread) continue;
    const h = similarityFrom2(src[ids[i]], src[ids[j]], dst[ids[i]], dst[ids[j]]);
    if (!h) continue;
    // The similarity's last row is (0, 0, 1): applied inline, as this loop runs up to n³/2
    // times; a hypothesis is dropped as soon as it can no longer reach the best count.
    const [a, b, c, , , f] = h;
    const need = best ? best.count : 0;
    let count = 0;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let k = 0; k < n && count + (n - k) >= need; k++) {
      const ex = a * sx[k] + b * sy[k] + c - dx[k];
      const ey = -b * sx[k] + a * sy[k] + f - dy[k];
      if (ex * ex + ey * ey > t2) continue;
      count++;
      x0 = Math.min(x0, sx[k]);
      x1 = Math.max(x1, sx[k]);
      y0 = Math.min(y0, sy[k]);
      y1 = Math.max(y1, sy[k]);
    }
    if (count < need) continue;
    const area = x1 > x0 && y1 > y0 ? (x1 - x0) * (y1 - y0) : 0;
    if (best && count === best.count && area <= best.area) continue;
    best = { count, area, agrees: src.map((p, k) => distance(h, p, dst[k]) <= tolerance) };
  }
  return best;
}

/**
 * A second rigid part holds at least this share of the matches (and MIN_MATCHES) to be weighed
 * against the first (fewer are the odd wrong match, a stamp, a glyph that slid along its line).
 */
const MIN_PART = 0.2;

/**
 * The affine map that explains the page (within `tolerance`, dst units). Pairs of matches at least
 * `minSpread` apart (src units) propose similarities; the largest agreeing set is the first rigid
 * part, the largest among the rest the second. Where content was moved in a block the page splits
 * into two such parts, and the part spread over more of the page is where the page is (the
 * header and footer of a form around the moved rows, even when the moved rows hold more
 * matches); a second part under MIN_PART of the matches or MIN_MATCHES is outvoted. Then an affine map is refitted
 * to the chosen part twice, re-counting agreement.
 */
export function robustAffine(src: readonly Point[], dst: readonly Point[], tolerance: number, minSpread = 0): RobustFit | null {
  const n = src.length;
  if (n < 3 || n !== dst.length) return null;
  const first = largestAgreement(src, dst, new Array<boolean>(n).fill(true), tolerance, minSpread);
  if (!first || first.count < 3) return null;
  const second = largestAgreement(src, dst, first.agrees.map((a) => !a), tolerance, minSpread);
  const part = second && second.count >= Math.max(MIN_MATCHES, MIN_PART * n) && supportArea(src, second.agrees) > supportArea(src, first.agrees) ? second : first;
  let agrees = part.agrees;
  let model: Homography | null = null;
  for (let round = 0; round < 2; round++) {
    const next = fitAffine(
      src.filter((_, k) => agrees[k]),
      dst.filter((_, k) => agrees[k]),
    );
    if (!next) break;
    model = next;
    const again = src.map((p, k) => distance(next, p, dst[k]) <= tolerance);
    if (again.filter(Boolean).length < 3) break;
    agrees = again;
  }
  return model ? { model, agrees, count: agrees.filter(Boolean).length } : null;
}

export interface FlatbedRegistration {
  /** Rendering pixel → full-resolution scan pixel, affine. */
  readonly affine: Homography;
  /** Patch matches at the finest level, and how many of them the affine map explains within a level pixel. */
  readonly matches: number;
  readonly agreeing: number;
  /** Summed NCC of the agreeing matches at the finest level. */
  readonly score: number;
  /** Share of the rendering's area (bounding box of the agreeing patches) that the map is supported over. */
  readonly support: number;
  /** Scan pixels per rendering pixel (the map's, at the page centre). */
  readonly scale: number;
}

/**
 * Coarse to fine from `start` (rendering pixel → scan pixel), one robust affine fit per step of
 * `steps` (register.ts passes its global search's). `renderLevels` / `scanLevels` are the
 * pyramids register.ts builds. Null when a level keeps too
 * few matches.
 */
export function registerFlatbed(renderLevels: readonly GreyImage[], scanLevels: readonly GreyImage[], start: Homography, steps: readonly PyramidStep[]): FlatbedRegistration | null {
  let h = start;
  let last: FlatbedRegistration | null = null;
  const full = renderLevels[0];
  for (const step of steps) {
    const rendering = renderLevels[step.level];
    if (!rendering) continue;
    // A peak on the search's edge is no peak: at the finest level those were patches that slid along a line.
    const { matches, levelPixel } = matchGrid(rendering, scanLevels, h, step, FLATBED_GRID, true);
    if (matches.length < MIN_MATCHES) return null;
    const src = matches.map((m) => m.src);
    const fit = robustAffine(
      src,
      matches.map((m) => m.dst),
      AGREEMENT * levelPixel,
      MIN_PAIR_SPREAD * Math.hypot(full.width, full.height),
    );
    if (!fit || fit.count < MIN_MATCHES) return null;
    h = fit.model;
    last = {
      affine: h,
      matches: matches.length,
      agreeing: fit.count,
      score: matches.reduce((s, m, i) => s + (fit.agrees[i] ? m.score : 0), 0),
      support: supportArea(src, fit.agrees) / (full.width * full.height),
      scale: localScale(h, full.width / 2, full.height / 2),
    };
  }
  return last;
}

/** Largest distance (scan pixels) between where two maps put the rendering's points, over a grid covering it. */
export function largestDisagreement(a: Homography, b: Homography, width: number, height: number, n = 8): number {
  let worst = 0;
  for (let j = 0; j <= n; j++)
    for (let i = 0; i <= n; i++) {
      const x = (i / n) * width;
      const y = (j / n) * height;
      const p = applyHomography(a, x, y);
      const q = applyHomography(b, x, y);
      worst = Math.max(worst, Math.hypot(p.x - q.x, p.y - q.y));
    }
  return worst;
}

/** Scan pixels per rendering pixel from which a capture has a flatbed's resolution (capture-geometry.ts: 270 dpi at COMPARE_DPI 150). */
const FLATBED_MIN_SCALE = MIN_SCAN_DPI / COMPARE_DPI;
/**
 * Whether a capture whose homography has `scale` at the page centre may be a flatbed's, so that
 * the flatbed fit is worth running: a bent homography's centre scale is off by a few percent
 * (measured: 278 dpi where the flatbed fit found 302), a photo's (150–250 dpi) is far below.
 */
export function mayBeFlatbed(scale: number): boolean {
  return scale >= 0.9 * FLATBED_MIN_SCALE;
}
/** The flatbed fit must be supported over this share of the page … */
export const MIN_FLATBED_SUPPORT = 0.35;
/**
 * … and disagree with the homography by more than this (rendering pixels) somewhere on it, to
 * replace the homography. On the genuine tuning scans (seeds 3–8) the two disagreed by at most
 * 2.9 px (the homography's perspective terms extrapolated to the corners); where a member was
 * removed and the homography bent, by 109 and 334 px.
 */
const BENT = 6;

/**
 * Fewest finest-level matches the flatbed fit must explain to replace the homography. Where it
 * replaced a bent homography on the tuning scans it explained 33–55; on one (a household whose
 * last member was removed, seed 107) both fits, from a first guess a member's rows off, locked on
 * the table shifted by one member's rows (its rows repeat the same labels and rules) and the
 * flatbed fit explained 18 of 21: it is not taken. That front is now placed by the page's header
 * (register.ts headerWindow) before either fit runs.
 */
const MIN_REPLACING_MATCHES = 24;

/**
 * Which global map to keep: the flatbed fit when the capture has a flatbed's resolution, the fit
 * is supported over most of the page and the homography departs from it by more than a pixel
 * somewhere (it bent the page to fit a moved block); otherwise the homography (on a genuine scan
 * the two agree, on a photo the affine fit does not explain the page).
 */
export function chooseRegistration(homography: Homography, flat: FlatbedRegistration | null, width: number, height: number): { choice: 'homography' | 'flatbed'; bend: number } {
  if (!flat) return { choice: 'homography', bend: 0 };
  const bend = largestDisagreement(homography, flat.affine, width, height) / flat.scale;
  const flatbed = flat.scale >= FLATBED_MIN_SCALE && flat.support >= MIN_FLATBED_SUPPORT && flat.agreeing >= MIN_REPLACING_MATCHES;
  return { choice: flatbed && bend > BENT ? 'flatbed' : 'homography', bend };
}

/**
 * Whether the registration can be trusted to say where the signed layout's content should be:
 * a flatbed's affine fit, supported over most of the page, that is the registration used (chosen,
 * or agreeing with the homography within BENT). Then content that cannot be placed in a block is
 * a changed layout (layout-change.ts), not a failure to compare.
 */
export function trustsLayout(flat: (FlatbedRegistration & { readonly chosen: boolean; readonly bend: number }) | undefined): boolean {
  return !!flat && flat.scale >= FLATBED_MIN_SCALE && flat.support >= MIN_FLATBED_SUPPORT && (flat.chosen || flat.bend <= BENT);
}
