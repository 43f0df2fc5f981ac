/**
 * The originality hint: is this sheet the printer's original or a copy of it? The 『複写』
 * pantograph (src/patterns/pantograph.ts) prints a fine background screen (dots of 42–85 µm at
 * 0.17–0.25 mm) next to a coarse message screen (0.5–0.76 mm). A copier resamples, blurs and
 * thresholds (src/patterns/copier.ts): the fine dots fall below its threshold and vanish, the
 * coarse ones stay (research/anti-forgery.md §3.1). So an original shows small separate dots at
 * the fine screen's density (one per 16–25 px at 600 dpi, fewer where they touch), a copy only the
 * coarse message dots (one per 144 px, and blank paper where the background was).
 *
 * We count those dots tile by tile over the light, inked parts of the image (the pantograph; not
 * the carrier, QR or text, which are dark, and not blank paper) and read the upper quartile. It
 * needs an input that resolves the fine screen: a scan at ≥ 600 dpi or a close-up photo of that
 * resolution. It is a hint beside the signature verdict, never part of it: a
 * 1200 dpi copier keeps the fine dots, and a 300 dpi print's dots survive a copier (docs/patterns.md).
 */
import { blurGrey } from '../patterns/copier.ts';
import type { GreyImage } from './grey.ts';
import { cropGrey, reduceGrey } from './grey-ops.ts';

export type Originality = 'original' | 'copy' | 'cannot-tell';
/** Why: the fine screen is there / is missing; or why no answer: too coarse, no pantograph, in between. */
export type OriginalityReason = 'fine-screen-present' | 'fine-screen-missing' | 'resolution-too-low' | 'no-pantograph' | 'ambiguous';

export interface CopyEvidence {
  readonly verdict: Originality;
  readonly reason: OriginalityReason;
  /** Small dots per pixel at 600 dpi in the pantograph tiles (upper quartile); NaN when not measured. */
  readonly fineDots: number;
  /** Tiles that looked like the pantograph. */
  readonly tiles: number;
  readonly dpi: number;
}

/** Below this the fine screen (4 px at 600 dpi) is not resolved: 550 leaves room for a scale error. */
export const MIN_EVIDENCE_DPI = 550;
/**
 * Decision thresholds on the dots per pixel (bench/patterns.bench.ts, docs/patterns.md): printed
 * originals measured one dot per 23–44 px, copies one per 290 px or fewer.
 */
export const ORIGINAL_MIN_DOT_DENSITY = 1 / 52;
export const COPY_MAX_DOT_DENSITY = 1 / 150;

const TILE = 128;
/** The tiles' dot density is read at this quantile: the background screen fills most of the area, the word the rest. */
const DENSITY_QUANTILE = 0.75;
/** At most this many tiles are measured (spread evenly): enough for a stable quantile, bounded time. */
const MAX_TILES = 400;
/** Fewer pantograph tiles than this: no answer. */
const MIN_TILES = 6;
/** Light pre-smoothing (σ in 600 dpi px): halves the sensor noise, keeps a 42 µm dot. */
const SMOOTHING = 0.8;
/** Pixels around a tile that its smoothing reads (3σ, rounded up). */
const SMOOTH_MARGIN = 4;
/** A dot is a local minimum at least this many grey levels below the brightest pixel within 2 px. */
const MIN_DOT_DEPTH = 10;
/** The working resolution: inputs above it are area-averaged down by a whole factor. */
const WORK_DPI = 600;
/** A tile is paper-light when its mean is within this share of the paper-to-toner range from paper. */
const LIGHT_TILE = 0.25;
/** The paper-to-toner range assumed when the image holds little toner (a sheet of pantograph only). */
const MIN_PRINT_RANGE = 150;
/** Mean darkening (grey levels) below which a light tile is blank paper, not the pantograph. */
const MIN_TILE_INK = 3;

/**
 * Small dark dots per pixel in one tile: local minima (3×3) that lie at least MIN_DOT_DEPTH below
 * the brightest pixel of their 5×5 neighbourhood, i.e. separate dots with paper between them.
 * The fine background screen gives about one per 16–25 px at 600 dpi; the coarse message screen,
 * all a copy keeps, one per 144.
 */
export function dotDensity(image: GreyImage, x0: number, y0: number, size = TILE): number {
  const { width, data } = image;
  let dots = 0;
  for (let y = y0 + 2; y < y0 + size - 2; y++) {
    for (let x = x0 + 2; x < x0 + size - 2; x++) {
      const g = data[y * width + x];
      let isMin = true;
      let bright = 0;
      for (let dy = -2; dy <= 2 && isMin; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const h = data[(y + dy) * width + x + dx];
          if (Math.abs(dx) <= 1 && Math.abs(dy) <= 1 && (h < g || (h === g && (dy < 0 || (dy === 0 && dx < 0))))) {
            isMin = false;
            break;
          }
          if (h > bright) bright = h;
        }
      }
      if (isMin && bright - g >= MIN_DOT_DEPTH) dots++;
    }
  }
  return dots / ((size - 4) * (size - 4));
}

/** The paper and toner levels of the image: its 98th and 2nd percentile grey on a sparse sample. */
function levels(image: GreyImage): [number, number] {
  const histogram = new Uint32Array(256);
  const step = Math.max(1, Math.floor(image.data.length / 200_000));
  let count = 0;
  for (let i = 0; i < image.data.length; i += step, count++) histogram[image.data[i]]++;
  const percentile = (q: number) => {
    let acc = 0;
    for (let g = 0; g < 256; g++) if ((acc += histogram[g]) >= q * count) return g;
    return 255;
  };
  return [percentile(0.98), percentile(0.02)];
}

/**
 * Estimates whether the sheet in `image` (grey, at `dpi`) is an original print or a copy.
 * `onProgress` hears the share of tile rows measured after each row.
 */
export function estimateCopyEvidence(input: GreyImage, dpi: number, onProgress?: (done: number) => void): CopyEvidence {
  const answer = (verdict: Originality, reason: OriginalityReason, fineDots = Number.NaN, tiles = 0): CopyEvidence => ({ verdict, reason, fineDots, tiles, dpi });
  if (!(dpi >= MIN_EVIDENCE_DPI)) return answer('cannot-tell', 'resolution-too-low');
  const factor = Math.max(1, Math.round(dpi / WORK_DPI));
  const image = factor > 1 ? reduceGrey(input, factor) : input;
  const sigma = (SMOOTHING * dpi) / factor / WORK_DPI;
  const cols = Math.floor(image.width / TILE);
  const rows = Math.floor(image.height / TILE);
  if (cols * rows === 0) return answer('cannot-tell', 'no-pantograph');
  const [paper, toner] = levels(image);
  const stride = Math.max(1, Math.sqrt((cols * rows) / MAX_TILES));
  const densities: number[] = [];
  for (let ry = 0; ry < rows; ry += stride) {
    for (let rx = 0; rx < cols; rx += stride) {
      const x0 = Math.floor(rx) * TILE;
      const y0 = Math.floor(ry) * TILE;
      const darkening = paper - tileMean(image, x0, y0);
      if (darkening < MIN_TILE_INK || darkening > LIGHT_TILE * Math.max(MIN_PRINT_RANGE, paper - toner)) continue;
      // Smoothed tile by tile (with a margin for the kernel): a 600 dpi A4 page smoothed whole
      // would need hundreds of MB of floats.
      const margin = Math.min(SMOOTH_MARGIN, x0, y0);
      const patch = smoothGrey(cropGrey(image, { x: x0 - margin, y: y0 - margin, width: TILE + 2 * SMOOTH_MARGIN, height: TILE + 2 * SMOOTH_MARGIN }), sigma);
      densities.push(dotDensity(patch, margin, margin));
    }
    onProgress?.(Math.min(1, (ry + stride) / rows));
  }
  if (densities.length < MIN_TILES) return answer('cannot-tell', 'no-pantograph', Number.NaN, densities.length);
  densities.sort((a, b) => a - b);
  const fineDots = densities[Math.floor(DENSITY_QUANTILE * (densities.length - 1))];
  if (fineDots >= ORIGINAL_MIN_DOT_DENSITY) return answer('original', 'fine-screen-present', fineDots, densities.length);
  if (fineDots <= COPY_MAX_DOT_DENSITY) return answer('copy', 'fine-screen-missing', fineDots, densities.length);
  return answer('cannot-tell', 'ambiguous', fineDots, densities.length);
}

function tileMean(image: GreyImage, x0: number, y0: number): number {
  let sum = 0;
  for (let y = 0; y < TILE; y += 2) for (let x = 0; x < TILE; x += 2) sum += image.data[(y0 + y) * image.width + x0 + x];
  return sum / ((TILE / 2) * (TILE / 2));
}

function smoothGrey(image: GreyImage, sigma: number): GreyImage {
  const blurred = blurGrey(Float64Array.from(image.data), image.width, image.height, sigma);
  return { width: image.width, height: image.height, data: Uint8Array.from(blurred, (v) => Math.round(v)) };
}
