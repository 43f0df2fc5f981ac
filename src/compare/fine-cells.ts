/**
 * The cells' second look at twice the resolution (issue #11): the per-character-cell check
 * (cells.ts) judges every glyph at COMPARE_DPI (150), where a changed stroke is 1–2 px and a digit
 * that shares most of its strokes with another (a birth day 12 → 13: 2 and 3 share their top
 * half) stays under the page's limit. A 300 dpi scan resolves more, but judging every cell at
 * 300 dpi raises the genuine cells too (more print and scan texture per glyph), so the second
 * stage looks only where it matters:
 *
 * - only on a capture that has the resolution (FineOptions.minDpi, from the registration's scale);
 * - only the **candidates**: placed cells whose stage-1 statistic is high (z ≥ candidateZ) but not
 *   over the page's limit — a handful a page — plus a fixed **sample** of ordinary placed cells
 *   spread over the page that calibrates the 300 dpi capture model and distribution (σ, γ,
 *   median, MAD) on this page;
 * - each such cell's window is resampled directly from the original scan at 300 dpi (through the
 *   registration and the cell's own stage-1 offset; only the windows, never the page) and judged
 *   by the same model and statistic (cells.ts judgeCells) against the 300 dpi rendering of the
 *   same window.
 *
 * A candidate is flagged when its 300 dpi z also exceeds `k`: a genuine cell must be high at both
 * resolutions to be flagged, which is what keeps false alarms down.
 *
 * Pure over grey pixels; the 300 dpi rendering is read through a callback (drawn by the caller,
 * src/verify/restore.ts, only when there are candidates).
 */
import type { GreyImage } from '../vision/grey.ts';
import { applyHomography } from '../vision/homography.ts';
import { bilinear } from '../vision/template-match.ts';
import type { CaptureModel } from './capture-model.ts';
import type { Cell } from './cell-layout.ts';
import { estimateCapture, judgeCells, regionOf, spreadOf, type CellCheck, type CellOptions, type CellVerdict } from './cells.ts';
import { fieldAt } from './field.ts';
import { pyramid } from './image-ops.ts';
import { levelFor } from './patch-match.ts';
import type { Registration } from './register.ts';

/** Fine-rendering pixels per comparison pixel (FINE_DPI / COMPARE_DPI, compare.ts). */
export const FINE_SCALE = 2;

/**
 * The restored front at FINE_SCALE × the comparison's resolution, read window by window (fine
 * pixels; outside the page reads as paper). A callback so that the caller draws it only when a
 * page has candidates, and reads back only the windows.
 */
export type FineRendering = (x: number, y: number, w: number, h: number) => GreyImage;

export interface FineOptions {
  /** The capture's resolution (dpi, from the registration's scale at the page centre) below which the second stage is not run. */
  readonly minDpi: number;
  /** Stage-1 z (statistic over the page's robust spread) from which a placed cell is a candidate. */
  readonly candidateZ: number;
  /** Ordinary placed cells, spread over the page, that calibrate the fine distribution. */
  readonly sample: number;
  /** A candidate is flagged above median + k · 1.4826 · MAD of the sample's fine statistics … */
  readonly k: number;
  /** … and above this floor (rendering grey levels). */
  readonly floor: number;
  /** The cell options at the fine resolution (σ candidates, search, context, statistic size). */
  readonly cells: CellOptions;
}

export const DEFAULT_FINE: FineOptions = {
  minDpi: 270,
  candidateZ: 4,
  sample: 30,
  k: 20,
  floor: 40,
  cells: { sigmas: [0.9, 1.2, 1.6, 2.2], search: 3, doublings: 0, context: 4, top: 12, k: 7.5, floor: 40, regionShare: 0.5, neighbourhood: 120, minNcc: 0.75, gammas: [0, 0.3, 0.6] },
};

/** One cell looked at again: its index in the stage-1 check, its z at both resolutions. */
export interface FineVerdict {
  readonly index: number;
  readonly candidate: boolean;
  readonly z: number;
  readonly fineZ: number;
  readonly statistic: number;
}

export interface FineCheck {
  /** The capture's resolution as the registration gives it (dpi). */
  readonly dpi: number;
  /** Whether the second stage ran (resolution, candidates). */
  readonly ran: boolean;
  /** Candidates and sample cells as judged at the fine resolution (empty when it did not run). */
  readonly verdicts: readonly FineVerdict[];
  /** The page's capture model at the fine resolution (when it ran). */
  readonly capture?: CaptureModel;
  /** The fine outlier limit on the statistic (0 when it did not run). */
  readonly limit: number;
  /** Stage-1 indices flagged by the second stage. */
  readonly flagged: readonly number[];
}

export interface FineInput {
  readonly scan: GreyImage;
  readonly registration: Registration;
  readonly rendering: FineRendering;
  /** The comparison's resolution (dpi) the stage-1 check ran at. */
  readonly dpi: number;
}

/** Fewest ordinary cells the fine distribution is calibrated on. */
const MIN_SAMPLE = 12;

/** Space (fine pixels) around a cell's box in its window: the context, the search and the widest Gaussian reach. */
const MARGIN = 20;

/**
 * The second stage over a stage-1 check: candidates and sample judged at the fine resolution, the
 * candidates over the fine limit added to the check's regions. Returns the check unchanged (with
 * `fine.ran` false) on a capture below minDpi, without candidates or with fewer than MIN_SAMPLE
 * ordinary placed cells to calibrate on: the rendering is then not read.
 */
export function refineCells(check: CellCheck, input: FineInput, options: FineOptions = DEFAULT_FINE): CellCheck & { readonly fine: FineCheck } {
  const dpi = input.registration.scale * input.dpi;
  const idle = { ...check, fine: { dpi, ran: false, verdicts: [], limit: 0, flagged: [] } };
  if (dpi < options.minDpi) return idle;
  const z = (v: CellVerdict) => (v.statistic - check.spread.median) / Math.max(1e-9, check.spread.scale);
  const candidates = check.verdicts.flatMap((v, i) => (check.placed[i] && v.statistic <= check.limit && z(v) >= options.candidateZ ? [i] : []));
  if (!candidates.length) return idle;
  const sample = sampleOf(check, new Set(candidates), options.sample);
  // Too few ordinary cells to calibrate on (a near-empty page): the median and MAD would say nothing.
  if (sample.length < MIN_SAMPLE) return idle;
  const chosen = [...sample, ...candidates];
  const mosaic = mosaicOf(chosen.map((i) => check.verdicts[i]), input, options.cells);
  const { capture, gain } = estimateCapture(mosaic.rendering, mosaic.scan, mosaic.cells.slice(0, sample.length), options.cells);
  const fine = judgeCells(mosaic.rendering, mosaic.scan, mosaic.cells, capture, gain, options.cells);
  const spread = spreadOf(fine.slice(0, sample.length).map((v) => v.statistic));
  const limit = Math.max(options.floor, spread.median + options.k * spread.scale);
  const verdicts = chosen.map((index, j) => ({
    index,
    candidate: j >= sample.length,
    z: z(check.verdicts[index]),
    fineZ: (fine[j].statistic - spread.median) / Math.max(1e-9, spread.scale),
    statistic: fine[j].statistic,
  }));
  const flagged = verdicts.filter((v) => v.candidate && v.statistic > limit);
  if (!flagged.length) return { ...check, fine: { dpi, ran: true, verdicts, capture, limit, flagged: [] } };
  // A flagged candidate's region is its stage-1 region (comparison pixels, as every region is).
  const added = flagged.map((v) => regionOf(check.verdicts[v.index], 0.5 * check.verdicts[v.index].statistic));
  const regions = [...check.regions, ...added].sort((a, b) => b.mass - a.mass);
  const strength = Math.max(check.strength, ...flagged.map((v) => v.statistic / limit));
  return { ...check, regions, strength, fine: { dpi, ran: true, verdicts, capture, limit, flagged: flagged.map((v) => v.index) } };
}

/** `count` placed cells that are not candidates, evenly spread over the page's list (which runs line by line). */
function sampleOf(check: CellCheck, candidates: ReadonlySet<number>, count: number): number[] {
  const ordinary = check.verdicts.flatMap((_, i) => (check.placed[i] && !candidates.has(i) ? [i] : []));
  const step = ordinary.length / Math.min(count, ordinary.length);
  return Array.from({ length: Math.min(count, ordinary.length) }, (_, j) => ordinary[Math.floor(j * step)]);
}

export interface Mosaic {
  /** The cells' windows of the fine rendering, stacked top to bottom (paper between them). */
  readonly rendering: GreyImage;
  /** The same windows of the scan, resampled at the fine resolution. */
  readonly scan: GreyImage;
  /** Each cell at the fine resolution, in the mosaic's coordinates. */
  readonly cells: readonly Cell[];
}

/**
 * The chosen cells' windows, one under the other: the fine rendering read through the callback,
 * the scan resampled through the registration and each cell's stage-1 offset (so the fine search
 * only takes up what 150 dpi could not resolve). Each window has MARGIN fine pixels around its
 * cell, more than the context, search and Gaussian reach (options.cells), so that no model or
 * search reads across into a neighbouring window.
 */
export function mosaicOf(verdicts: readonly CellVerdict[], input: FineInput, options: CellOptions): Mosaic {
  const reach = options.context + options.search * 2 ** options.doublings + Math.ceil(3 * Math.max(...options.sigmas)) + 1;
  if (reach > MARGIN) throw new RangeError(`fine windows need ${reach} px of margin, have ${MARGIN}`);
  const boxes = verdicts.map((v) => ({ x: FINE_SCALE * v.cell.x - MARGIN, y: FINE_SCALE * v.cell.y - MARGIN, w: FINE_SCALE * v.cell.w + 2 * MARGIN, h: FINE_SCALE * v.cell.h + 2 * MARGIN }));
  const width = Math.max(...boxes.map((b) => b.w));
  const height = boxes.reduce((n, b) => n + b.h, 0);
  const rendering = { width, height, data: new Uint8Array(width * height).fill(255) };
  const scan = { width, height, data: new Uint8Array(width * height).fill(255) };
  const source = sourceFor(input);
  const cells: Cell[] = [];
  let top = 0;
  boxes.forEach((box, i) => {
    const window = input.rendering(box.x, box.y, box.w, box.h);
    for (let r = 0; r < box.h; r++) rendering.data.set(window.data.subarray(r * box.w, (r + 1) * box.w), (top + r) * width);
    resampleWindow(source, input.registration, box, verdicts[i], scan, top);
    cells.push({ x: MARGIN, y: top + MARGIN, w: box.w - 2 * MARGIN, h: box.h - 2 * MARGIN });
    top += box.h;
  });
  return { rendering, scan, cells };
}

/** The scan, or its pyramid level nearest to one scan pixel per fine pixel (a 600 dpi scan), and that level's reduction. */
function sourceFor(input: FineInput): { image: GreyImage; reduction: number } {
  const ratio = input.registration.scale / FINE_SCALE;
  if (ratio < 1.5) return { image: input.scan, reduction: 1 };
  const levels = pyramid(input.scan, 4);
  const k = levelFor(ratio, levels.length);
  return { image: levels[k], reduction: 2 ** k };
}

/**
 * One window of the scan at the fine resolution: fine pixel (X, Y) is the comparison point
 * q = (X + ½) / FINE_SCALE + d (d the cell's stage-1 offset), carried by the displacement field
 * and the homography into the scan (as warp.ts maps a comparison pixel), read bilinearly.
 */
function resampleWindow(source: { image: GreyImage; reduction: number }, registration: Registration, box: { x: number; y: number; w: number; h: number }, verdict: CellVerdict, out: GreyImage, top: number): void {
  const { image, reduction } = source;
  for (let r = 0; r < box.h; r++)
    for (let c = 0; c < box.w; c++) {
      const qx = (box.x + c + 0.5) / FINE_SCALE + verdict.dx;
      const qy = (box.y + r + 0.5) / FINE_SCALE + verdict.dy;
      const d = fieldAt(registration.field, qx, qy);
      const p = applyHomography(registration.homography, qx + d.x, qy + d.y);
      out.data[(top + r) * out.width + c] = bilinear(image, p.x / reduction, p.y / reduction) + 0.5;
    }
}

/** A fine rendering read from a whole page already in memory (tests, tools); outside the page is paper. */
export function fineFromImage(image: GreyImage): FineRendering {
  return (x, y, w, h) => {
    const data = new Uint8Array(w * h).fill(255);
    for (let r = 0; r < h; r++) {
      const row = y + r;
      if (row < 0 || row >= image.height) continue;
      for (let c = 0; c < w; c++) {
        const col = x + c;
        if (col >= 0 && col < image.width) data[r * w + c] = image.data[row * image.width + col];
      }
    }
    return { width: w, height: h, data };
  };
}
