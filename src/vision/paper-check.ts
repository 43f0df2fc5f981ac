/**
 * The paper checks the verifier adds to the signature verdict (issue #10): where on the input the
 * latent emblem is, its revealed mark (latent-reveal.ts), and the originality hint
 * (copy-evidence.ts). The input may be a whole back (a 300 or 600 dpi scan, a phone photo of the
 * sheet) or a close-up of the emblem, so the emblem is found first: tile by tile, where the
 * spectrum holds the line screen's peak at a consistent frequency, and only that region is
 * demodulated (a whole A4 page at full resolution would cost seconds and hundreds of MB).
 *
 * The check takes seconds on a 300 dpi page (bench/paper.bench.ts, `paper.check_ms.scan300`), so
 * it reports its stages through `onProgress`: the search, tile row by tile row, then the reveal,
 * then the originality hint. It is synchronous: the app runs it in its own worker and stops it by
 * terminating that worker (src/app/paper-check.ts).
 */
import { estimateCopyEvidence, type CopyEvidence } from './copy-evidence.ts';
import type { GreyImage } from './grey.ts';
import { cropGrey, reduceGrey } from './grey-ops.ts';
import { powerSpectrum2d } from './fft.ts';
import { MIN_CARRIER_STRENGTH, revealLatent, revealView } from './latent-reveal.ts';
import { LATENT_DEFAULTS } from '../patterns/latent-line.ts';
import { MM_PER_INCH } from '../patterns/raster.ts';

export interface LatentFinding {
  readonly found: boolean;
  /** 0..1, as LatentReveal.score. */
  readonly score: number;
  /** Whether a line screen was seen at all (found false with screen true: a screen with no mark). */
  readonly screen: boolean;
  /** The revealed emblem for display: surround light, mark dark, unread mid-grey. */
  readonly view: GreyImage | null;
  /** The emblem's box in the input's pixels. */
  readonly region: { readonly x: number; readonly y: number; readonly width: number; readonly height: number } | null;
  /** The input's resolution as the screen's period tells it (the period is 1.0 mm on paper), if seen. */
  readonly dpiFromScreen: number | null;
}

export interface PaperCheck {
  readonly latent: LatentFinding;
  readonly originality: CopyEvidence;
}

/** The stages of the check, in the order they run. */
export const PAPER_CHECK_STAGES = ['locate', 'reveal', 'originality'] as const;
export type PaperCheckStage = (typeof PAPER_CHECK_STAGES)[number];

export interface PaperCheckProgress {
  readonly stage: PaperCheckStage;
  /** Of the whole check, 0..1; never decreases. */
  readonly fraction: number;
}

export type PaperCheckProgressListener = (progress: PaperCheckProgress) => void;

/**
 * Where each stage starts in the whole check's fraction (the rest up to the next stage is its
 * share). On a 300 dpi back (bench/paper.bench.ts) the tile search and the reveal of the
 * emblem's box take about a second each; a 600 dpi input is reduced to the same working sizes.
 * The originality hint is instant below 600 dpi and measures up to 400 tiles above.
 */
const STAGE_START: Readonly<Record<PaperCheckStage, number>> = { locate: 0, reveal: 0.45, originality: 0.9 };
const STAGE_END: Readonly<Record<PaperCheckStage, number>> = { locate: STAGE_START.reveal, reveal: STAGE_START.originality, originality: 1 };

/** Reports `done` (0..1) of `stage` as a fraction of the whole check. */
function reportStage(onProgress: PaperCheckProgressListener | undefined, stage: PaperCheckStage, done: number): void {
  onProgress?.({ stage, fraction: STAGE_START[stage] + (STAGE_END[stage] - STAGE_START[stage]) * Math.min(1, Math.max(0, done)) });
}

/** Working resolution of the search: this many pixels per screen period. */
const SEARCH_PERIOD_PX = 6;
/** Without a known resolution, the input is reduced until its longer side fits this. */
const SEARCH_MAX_SIDE = 2400;
const SEARCH_TILE = 128;
/** Search band without a known resolution (px per period): clear of the low frequencies where text and modules put their power. */
const UNKNOWN_BAND = { minPeriodPx: 3, maxPeriodPx: 16 };
/**
 * Share of a tile's detail power within 4 bins of its strongest peak in the band above which the
 * tile holds the line screen: 0.3–0.6 on the emblem (the mark spreads it a little), ≤ 0.05 on the
 * carrier's random modules, the pantograph or paper.
 */
const SCREEN_CONCENTRATION = 0.15;
const PEAK_RADIUS_BINS = 4;
/** A screen tile's frequency within this share of the median screen frequency. */
const FREQUENCY_TOLERANCE = 0.25;
/** Fewer screen tiles than this: no emblem (a stray stripe pattern, a ruled table). */
const MIN_SCREEN_TILES = 2;
/** The reveal's working area is capped at this many pixels (reduced further when larger). */
const REVEAL_MAX_PIXELS = 640 * 640;
/** Groups of screen tiles revealed at most, largest first, until one shows the mark. */
const MAX_CANDIDATES = 3;

/**
 * Runs both checks on a grey input; `dpi` is the resolution if known (the carrier's estimate).
 * `onProgress` hears each stage start and the search's progress, and the end (fraction 1).
 */
export function checkPaper(image: GreyImage, dpi?: number, onProgress?: PaperCheckProgressListener): PaperCheck {
  const latent = findLatentMark(image, dpi, onProgress);
  const resolution = dpi ?? latent.dpiFromScreen ?? undefined;
  reportStage(onProgress, 'originality', 0);
  const originality = estimateCopyEvidence(image, resolution ?? Number.NaN, (done) => reportStage(onProgress, 'originality', done));
  reportStage(onProgress, 'originality', 1);
  return { latent, originality };
}

/** Finds the emblem and reveals its mark; `onProgress` as checkPaper's, for the first two stages. */
export function findLatentMark(image: GreyImage, dpi?: number, onProgress?: PaperCheckProgressListener): LatentFinding {
  const none: LatentFinding = { found: false, score: 0, screen: false, view: null, region: null, dpiFromScreen: null };
  const periodPx = dpi ? (LATENT_DEFAULTS.periodMm * dpi) / MM_PER_INCH : undefined;
  // With a known resolution the period is known; without, a close-up may hold anything from a few
  // to a hundred pixels per period, so the search tries coarser reductions in turn.
  const base = Math.ceil(Math.max(image.width, image.height) / SEARCH_MAX_SIDE);
  const factors = periodPx ? [Math.max(1, Math.round(periodPx / SEARCH_PERIOD_PX))] : [base, 2 * base, 4 * base];
  // Each reduction's search costs as its pixels do (1/factor²): the progress weighs them so.
  const costs = factors.map((factor) => 1 / (factor * factor));
  const totalCost = costs.reduce((sum, cost) => sum + cost, 0);
  let costDone = 0;
  reportStage(onProgress, 'locate', 0);
  for (const [i, factor] of factors.entries()) {
    const small = factor > 1 ? reduceGrey(image, factor) : image;
    const band = periodPx ? { minPeriodPx: (0.75 * periodPx) / factor, maxPeriodPx: (1.33 * periodPx) / factor } : UNKNOWN_BAND;
    const tiles = screenTiles(small, band, (rowsDone) => reportStage(onProgress, 'locate', (costDone + costs[i] * rowsDone) / totalCost));
    costDone += costs[i];
    // The largest group of screen-like tiles first. Something else can look like a line screen to
    // the tile test (a QR code's rows of modules, with the wide band of an unknown resolution), so
    // a group that does not demodulate as the emblem's screen is set aside and the next is tried.
    let fallback: LatentFinding | undefined;
    const excluded = new Set<number>();
    for (let candidate = 0; candidate < MAX_CANDIDATES; candidate++) {
      const group = largestGroup(tiles, excluded);
      if (!group) break;
      if (candidate === 0) reportStage(onProgress, 'reveal', 0);
      const finding = revealBox(image, group.box, factor, (done) => reportStage(onProgress, 'reveal', candidateShare(candidate, done)));
      if (finding.found) return finding;
      if (finding.screen) fallback ??= finding;
      for (const tile of group.members) excluded.add(tile);
    }
    if (excluded.size > 0) {
      reportStage(onProgress, 'reveal', 1);
      return fallback ?? none;
    }
  }
  reportStage(onProgress, 'reveal', 0);
  return none;
}

/** Of the reveal stage, candidate `k`'s share: the first is most of it, a retry the rest. */
function candidateShare(k: number, done: number): number {
  const start = 1 - 0.2 ** k;
  return start + (1 - 0.2 ** (k + 1) - start) * done;
}

/** Reveals the mark in `box` (in the search's pixels, reduced by `factor`) at ≥ 5 px per period. */
function revealBox(image: GreyImage, box: ScreenBox, factor: number, onProgress: (done: number) => void): LatentFinding {
  const region = { x: box.x * factor, y: box.y * factor, width: box.width * factor, height: box.height * factor };
  const crop = cropGrey(image, region);
  const inputPeriod = box.periodPx * factor;
  const byPeriod = Math.max(1, Math.floor(inputPeriod / 5));
  const byArea = Math.ceil(Math.sqrt((crop.width * crop.height) / REVEAL_MAX_PIXELS));
  const revealFactor = Math.min(byPeriod, Math.max(1, byArea));
  const work = revealFactor > 1 ? reduceGrey(crop, revealFactor) : crop;
  const workPeriod = inputPeriod / revealFactor;
  const reveal = revealLatent(work, { minPeriodPx: 0.75 * workPeriod, maxPeriodPx: 1.33 * workPeriod }, onProgress);
  onProgress(1);
  // A line screen is there only if the demodulation ran: a spectrum without a clear peak is not one.
  const screen = reveal.carrierStrength >= MIN_CARRIER_STRENGTH && reveal.periodPx > 0;
  return {
    found: reveal.found,
    score: reveal.score,
    screen,
    view: screen ? revealView(reveal) : null,
    region,
    dpiFromScreen: screen ? (reveal.periodPx * revealFactor * MM_PER_INCH) / LATENT_DEFAULTS.periodMm : null,
  };
}

interface ScreenBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly periodPx: number;
}

/**
 * The strongest spectral peak of a square tile inside the band (cycles/px) and the share of the
 * tile's detail power (DC aside) that lies within PEAK_RADIUS_BINS of it: a line screen puts most
 * of its power there, random modules, dots and text spread theirs.
 */
export function screenPeak(tile: GreyImage, band: { minPeriodPx?: number; maxPeriodPx?: number }): { concentration: number; frequency: number } {
  const n = tile.width;
  const windowed = new Float64Array(n * n);
  let mean = 0;
  for (const g of tile.data) mean += g;
  mean /= n * n;
  const hann = (i: number) => 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) windowed[y * n + x] = (tile.data[y * n + x] - mean) * hann(x) * hann(y);
  const power = powerSpectrum2d(windowed, n);
  const signed = (k: number) => (k <= n / 2 ? k : k - n);
  const rMin = n / (band.maxPeriodPx ?? 32);
  const rMax = n / (band.minPeriodPx ?? 3);
  let total = 0;
  let best = -1;
  let bu = 0;
  let bv = 0;
  for (let v = 0; v < n; v++) {
    for (let u = 0; u < n; u++) {
      const r = Math.hypot(signed(u), signed(v));
      if (r < 2) continue;
      const p = power[v * n + u];
      total += p;
      if (r >= rMin && r <= rMax && p > best) [best, bu, bv] = [p, signed(u), signed(v)];
    }
  }
  // A maximum on the band's edge is the slope of something outside it (random modules put their
  // power near DC), not a line screen's peak.
  const radius = Math.hypot(bu, bv);
  if (radius < rMin + 1 || radius > rMax - 1) return { concentration: 0, frequency: radius / n };
  let near = 0;
  for (let v = 0; v < n; v++) {
    for (let u = 0; u < n; u++) {
      const [fu, fv] = [signed(u), signed(v)];
      if (Math.hypot(fu, fv) >= 2 && (Math.hypot(fu - bu, fv - bv) <= PEAK_RADIUS_BINS || Math.hypot(fu + bu, fv + bv) <= PEAK_RADIUS_BINS)) near += power[v * n + u];
    }
  }
  return { concentration: total > 0 ? near / total : 0, frequency: Math.hypot(bu, bv) / n };
}

/** The search's tiles: each one's screen frequency (cycles/px), 0 where it holds no screen. */
interface ScreenTiles {
  readonly frequency: Float64Array;
  readonly cols: number;
  readonly rows: number;
  readonly step: number;
  readonly width: number;
  readonly height: number;
}

/** Every tile's screen test (the costly part of the search). `onRow` hears the share of tile rows done after each row. */
function screenTiles(image: GreyImage, band: { minPeriodPx?: number; maxPeriodPx?: number }, onRow?: (done: number) => void): ScreenTiles {
  const step = SEARCH_TILE / 2;
  const cols = Math.max(0, Math.floor((image.width - SEARCH_TILE) / step) + 1);
  const rows = Math.max(0, Math.floor((image.height - SEARCH_TILE) / step) + 1);
  const frequency = new Float64Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const tile = cropGrey(image, { x: c * step, y: r * step, width: SEARCH_TILE, height: SEARCH_TILE });
      const peak = screenPeak(tile, band);
      if (peak.concentration >= SCREEN_CONCENTRATION) frequency[r * cols + c] = peak.frequency;
    }
    onRow?.((r + 1) / rows);
  }
  return { frequency, cols, rows, step, width: image.width, height: image.height };
}

/**
 * The largest 8-connected group of screen tiles, not `excluded`, whose frequency is within
 * FREQUENCY_TOLERANCE of the median of those tiles; its bounding box with one tile of margin.
 */
function largestGroup(tiles: ScreenTiles, excluded: ReadonlySet<number>): { box: ScreenBox; members: number[] } | null {
  const { frequency, cols, rows, step } = tiles;
  const open = (i: number) => frequency[i] > 0 && !excluded.has(i);
  const strong = [...frequency.keys()].filter(open).map((i) => frequency[i]).sort((a, b) => a - b);
  if (strong.length < MIN_SCREEN_TILES) return null;
  const median = strong[strong.length >> 1];
  const member = (i: number) => open(i) && Math.abs(frequency[i] - median) <= FREQUENCY_TOLERANCE * median;
  const seen = new Uint8Array(cols * rows);
  let best: number[] = [];
  for (let i = 0; i < seen.length; i++) {
    if (seen[i] || !member(i)) continue;
    const group: number[] = [];
    const stack = [i];
    seen[i] = 1;
    while (stack.length > 0) {
      const j = stack.pop()!;
      group.push(j);
      const [cj, rj] = [j % cols, Math.floor(j / cols)];
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const [cn, rn] = [cj + dc, rj + dr];
          const k = rn * cols + cn;
          if (cn < 0 || rn < 0 || cn >= cols || rn >= rows || seen[k] || !member(k)) continue;
          seen[k] = 1;
          stack.push(k);
        }
      }
    }
    if (group.length > best.length) best = group;
  }
  if (best.length < MIN_SCREEN_TILES) return null;
  const xs = best.map((j) => (j % cols) * step);
  const ys = best.map((j) => Math.floor(j / cols) * step);
  const x = Math.max(0, Math.min(...xs) - step);
  const y = Math.max(0, Math.min(...ys) - step);
  const right = Math.min(tiles.width, Math.max(...xs) + SEARCH_TILE + step);
  const bottom = Math.min(tiles.height, Math.max(...ys) + SEARCH_TILE + step);
  const periods = best.map((j) => frequency[j]).sort((a, b) => a - b);
  return { box: { x, y, width: right - x, height: bottom - y, periodPx: 1 / periods[periods.length >> 1] }, members: best };
}
