/**
 * Registration of a scan or photo of a certificate's front to its restored rendering: which scan
 * pixel shows each rendering pixel.
 *
 * 1. A first guess from the ink's moments (centroid, principal axis, spread) in both images: a
 *    similarity, up to the 180° ambiguity of an axis, which is settled by trying both; each also
 *    moved by a whole-page search at the coarsest level (placedStart), and, where the placement
 *    found does not put the page's header where a search for it does, by the header (a block of
 *    rows moved below it cannot move it: headerWindow).
 * 2. A global homography (Hartley & Zisserman §4.4) refined coarse to fine over a pyramid: patches
 *    of the rendering with ink in them are found in the scan by normalised cross-correlation
 *    around where the current homography puts them, and the homography is refitted to the matches.
 * 3. Local refinement (field.ts): a displacement field, block by block at the rendering's
 *    resolution, which takes up what a homography cannot (lens barrel, paper curl, scanner scale
 *    drift), as the carrier's alignment refinement does (src/carrier/refine.ts), with a confidence
 *    per block.
 * Patches are found by NCC (patch-match.ts); the scan is resampled onto the rendering by warp.ts.
 * The table rules and text lines of the forms are what the patches lock on to; the page edge is
 * not needed (on the simulated scans it is paper on paper).
 */
import type { GreyImage } from '../vision/grey.ts';
import { applyHomography, type Homography, type Point } from '../vision/homography.ts';
import { localField, type DisplacementField, type FieldConfidence } from './field.ts';
import { fitHomography, multiply } from './fit.ts';
import { chooseRegistration, mayBeFlatbed, registerFlatbed, type FlatbedRegistration } from './flatbed.ts';
import { paperLevel, pyramid } from './image-ops.ts';
import { extractPatch, levelFor, localScale, matchGrid, matchPatch } from './patch-match.ts';

export { blockConfidenceAt, BLOCK_EXTRAPOLATED, BLOCK_INTERPOLATED, BLOCK_MEASURED, confidenceMask, DEFAULT_CONFIDENCE, fieldAt, isConfidentAt, ZERO_FIELD } from './field.ts';
export type { BlockConfidence, ConfidenceLimits, DisplacementField, FieldConfidence } from './field.ts';
export { matchPatch } from './patch-match.ts';
export { warpToRendering } from './warp.ts';

export interface Registration {
  /** Rendering pixel → full-resolution scan pixel. */
  readonly homography: Homography;
  readonly field: DisplacementField;
  /** Patches matched at the finest global level. */
  readonly matches: number;
  /** Scan pixels per rendering pixel at the page centre. */
  readonly scale: number;
  /**
   * How far each block of `field` can be trusted (measured, interpolated or extrapolated, and its
   * NCC): where it is low, callers treat the area as not compared. Always set by
   * registerToRendering; optional so that a registration built by hand needs none.
   */
  readonly confidence?: FieldConfidence;
  /**
   * The robust flatbed fit (flatbed.ts) when one was found, and whether it was chosen over the
   * homography (which then had bent the page to fit a moved block). Optional, as `confidence`.
   */
  readonly flatbed?: FlatbedRegistration & { readonly chosen: boolean; readonly bend: number };
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

/** A global homography and how well it explains the page: patches matched at the finest level, their summed NCC. */
interface Global {
  readonly h: Homography;
  readonly matches: number;
  readonly score: number;
}

/** One global step: match the level's patches, fit a homography (dropping outliers twice). */
function refineGlobal(renderLevels: GreyImage[], scanLevels: GreyImage[], h: Homography, step: (typeof GLOBAL_LEVELS)[number]): Global | null {
  const { matches, levelPixel } = matchGrid(renderLevels[step.level], scanLevels, h, step, PATCH_GRID);
  const src: Point[] = matches.map((m) => m.src);
  const dst: Point[] = matches.map((m) => m.dst);
  const total = matches.reduce((sum, m) => sum + m.score, 0);
  let fitted = fitHomography(src, dst);
  for (let round = 0; round < 2 && fitted; round++) {
    const residuals = src.map((p, i) => {
      const q = applyHomography(fitted!, p.x, p.y);
      return Math.hypot(q.x - dst[i].x, q.y - dst[i].y);
    });
    const sorted = [...residuals].sort((a, b) => a - b);
    const limit = Math.max(3 * sorted[sorted.length >> 1], levelPixel * 0.75);
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

/**
 * Search radius (coarsest rendering level pixels, 16 rendering pixels each) of the whole-page
 * translation search around the moments' guess (placedStart).
 */
const START_SHIFT = 12;
/** The moved guess's placement replaces the moments' guess's only when its summed NCC is this many times higher. */
const CLEARLY_BETTER = 1.25;
/** Below this NCC the whole-page search is not trusted and the moments' guess is kept. */
const MIN_START_NCC = 0.2;

/** A square window of the coarsest rendering level (its pixels) that a start is placed by. */
interface StartWindow {
  readonly left: number;
  readonly top: number;
  readonly side: number;
}

/** The middle square of the coarsest rendering level: the whole page's blurred text blocks. */
function middleWindow(rendering: GreyImage): StartWindow {
  const side = Math.min(rendering.width, rendering.height) & ~1;
  return { left: (rendering.width - side) >> 1, top: (rendering.height - side) >> 1, side };
}

/**
 * Share of the coarsest level's width the header window spans (centred, from the page's top
 * edge): on A4 at 1/16 scale a square of 46 px, the top 42 % of the page — the title, the issuer
 * or address block and the first table rows.
 */
const HEADER_SHARE = 0.6;

/**
 * The top of the page, which a removed or added household member (or any block moved further
 * down) cannot move: on a 住民票 whose member table repeats the same labels and rules, the middle
 * square and the ink moments can be pulled one member's rows off (the moments' guess by the
 * missing member's ink: measured 143–332 scan px off on household 0, seed 107), and every
 * placement from there locks on to the repeated rows.
 */
function headerWindow(rendering: GreyImage): StartWindow {
  const side = Math.round(rendering.width * HEADER_SHARE) & ~1;
  return { left: (rendering.width - side) >> 1, top: 0, side };
}

/**
 * The moments' guess moved to where `window` of the coarsest rendering level best matches the
 * scan, within ±START_SHIFT of its pixels. With the middle window: on tilted or soft photos
 * (perspective moves the projected ink's centroid off the projected centre; noise and JPEG add
 * faint "ink" the rendering lacks) the guess lands 180–190 rendering pixels off (measured against
 * the simulator's geometry on photos at 166–249 dpi), beyond the coarsest level's ±6 patch
 * search, while its angle and scale are close enough for blurred blocks of text to correlate.
 * With the header window: where a block of the page moved (headerWindow). Null when it does not
 * move the guess.
 */
function placedStart(renderLevels: readonly GreyImage[], scanLevels: readonly GreyImage[], start: Homography, window: StartWindow): Homography | null {
  const level = renderLevels.length - 1;
  const rendering = renderLevels[level];
  const f = 2 ** level;
  const { left, top, side } = window;
  // The whole middle of a light page at 1/16 scale varies by a few grey levels only: any variation will do.
  const values = extractPatch(rendering, left, top, side, 0);
  if (!values) return null;
  const k = levelFor(localScale(start, (rendering.width * f) / 2, (rendering.height * f) / 2) * f, scanLevels.length);
  const g = 2 ** k;
  const toScan = (x: number, y: number) => {
    const p = applyHomography(start, x * f, y * f);
    return { x: p.x / g, y: p.y / g };
  };
  const m = matchPatch(scanLevels[k], values, side, { x: left + side / 2, y: top + side / 2 }, toScan, START_SHIFT);
  if (m.score < MIN_START_NCC || Math.hypot(m.offset.x, m.offset.y) < 1) return null;
  // start ∘ (translation by the offset, in full rendering pixels).
  return multiply(start, Float64Array.of(1, 0, m.offset.x * f, 0, 1, m.offset.y * f, 0, 0, 1));
}

/**
 * A placement puts the header where the header search found it when the two maps agree at the
 * header window's centre within this many coarsest-level pixels: the search's peak is an integer
 * offset at 1/16 scale from a guess whose angle may be a few degrees off, and a placement locked
 * a member's rows off is 12 of them away. Then the global search from the header start (the
 * registration's costly part) would end on the placement already found, and is not run.
 */
const HEADER_AGREEMENT = 2;

/** Whether `placement` maps the centre of `window` (coarsest-level pixels, `coarsePixel` rendering pixels each) within HEADER_AGREEMENT of `headerStart`. */
function placesHeader(placement: Homography, headerStart: Homography, window: StartWindow, coarsePixel: number): boolean {
  const x = (window.left + window.side / 2) * coarsePixel;
  const y = (window.top + window.side / 2) * coarsePixel;
  const p = applyHomography(placement, x, y);
  const q = applyHomography(headerStart, x, y);
  return Math.hypot(p.x - q.x, p.y - q.y) <= HEADER_AGREEMENT * coarsePixel * localScale(placement, x, y);
}

/** Global homography through all levels from one starting guess. */
function globalFrom(renderLevels: GreyImage[], scanLevels: GreyImage[], start: Homography): Global | null {
  let h = start;
  let last: Global | null = null;
  for (const step of GLOBAL_LEVELS) {
    const next = refineGlobal(renderLevels, scanLevels, h, step);
    if (!next) return last && step.level === 0 ? last : null;
    h = next.h;
    last = next;
  }
  return last;
}

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
  let best: Global | null = null;
  let bestStart: Homography | null = null;
  const coarsest = renderLevels[coarseR];
  const guesses = [0, Math.PI].map((extra) => similarity(rm, rScale, sm, 2 ** coarseS, extra));
  let bestGuess: Homography | null = null;
  for (const guess of guesses) {
    const placed = placedStart(renderLevels, scanLevels, guess, middleWindow(coarsest));
    const fromGuess = globalFrom(renderLevels, scanLevels, guess);
    const fromPlaced = placed ? globalFrom(renderLevels, scanLevels, placed) : null;
    // Both right, they end up on one placement (the guess's is kept); one locked a line or a column off, it matches far fewer patches.
    const usePlaced = !!fromPlaced && (!fromGuess || fromPlaced.score > CLEARLY_BETTER * fromGuess.score);
    const found = usePlaced ? fromPlaced : fromGuess;
    if (found && (!best || found.score > best.score)) {
      best = found;
      bestStart = usePlaced ? placed : guess;
      bestGuess = guess;
    }
  }
  // The page's top, which a moved block cannot move (headerWindow): searched from the guess of the
  // placement found (its orientation; from both when none was found), and followed only where
  // that placement does not put the header there; it replaces the placement when clearly better,
  // as the middle square's start replaces the guess's.
  const header = headerWindow(coarsest);
  for (const guess of bestGuess ? [bestGuess] : guesses) {
    const start = placedStart(renderLevels, scanLevels, guess, header);
    if (!start || (best && placesHeader(best.h, start, header, rScale))) continue;
    const found = globalFrom(renderLevels, scanLevels, start);
    if (found && (!best || found.score > CLEARLY_BETTER * best.score)) {
      best = found;
      bestStart = start;
    }
  }
  if (!best || !bestStart) return null;
  // A flatbed reads no perspective: where an affine fit explains most of the page and the
  // homography disagrees with it, the homography bent the page around a moved block (flatbed.ts).
  const flat = mayBeFlatbed(localScale(best.h, rendering.width / 2, rendering.height / 2)) ? registerFlatbed(renderLevels, scanLevels, bestStart, GLOBAL_LEVELS) : null;
  const { choice: chosen, bend } = chooseRegistration(best.h, flat, rendering.width, rendering.height);
  const h = chosen === 'flatbed' && flat ? flat.affine : best.h;
  const { field, confidence } = localField(rendering, scanLevels, h);
  return {
    homography: h,
    field,
    confidence,
    matches: chosen === 'flatbed' && flat ? flat.agreeing : best.matches,
    scale: localScale(h, rendering.width / 2, rendering.height / 2),
    ...(flat ? { flatbed: { ...flat, chosen: chosen === 'flatbed', bend } } : {}),
  };
}
