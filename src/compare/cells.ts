/**
 * The per-character-cell check (issue #11): every printed glyph is a cell (cell-layout.ts); each
 * cell of the registered scan is aligned on its own (integer search, then sub-pixel) and compared
 * with a model of the capture rather than with a fixed threshold (capture-model.ts):
 *
 *     scan ≈ gain · (G_σ ∗ T_γ(rendering))(p − f) + offset + noise
 *
 * σ (the print–scan blur, rendering pixels) and γ (the printer's tone curve) are estimated once
 * per page from many cells; f (the cell's sub-pixel residual shift), the gain and the offset per
 * cell. A cell's statistic is the mean of its largest residual magnitudes; a cell is flagged when
 * the statistic is an outlier against the page's own placed cells (median + k·MAD, above an
 * absolute floor), so the rule calibrates itself to each printer, scanner and camera. Cells where
 * the registration failed (a photo's bent corner) are not placed, and not judged.
 *
 * Pure over grey pixels; no browser globals.
 */
import type { GreyImage } from '../vision/grey.ts';
import { clampAt, correlationSurface, modelWindow, parabolaPeak, scanWindow, toneCurve, toneFit, type CaptureModel } from './capture-model.ts';
import type { Cell } from './cell-layout.ts';
import type { DifferenceRegion } from './difference.ts';

export interface CellOptions {
  /** Blur candidates σ (rendering pixels) tried for the page. */
  readonly sigmas: readonly number[];
  /** Integer search radius each way (rendering pixels), and how many times it may double (alignCell). */
  readonly search: number;
  readonly doublings: number;
  /** Context around a cell's core used to align it and fit its tone, pixels. */
  readonly context: number;
  /** The statistic of a cell: the mean of its `top` largest |residual| pixels (a changed stroke has more; one stray pixel does not make it). */
  readonly top: number;
  /** A cell is an outlier above median + k · 1.4826 · MAD of the page's cells … */
  readonly k: number;
  /** … and above this floor (rendering grey levels of the smoothed residual). */
  readonly floor: number;
  /** Pixels of a flagged cell above this share of the cell's statistic make its region. */
  readonly regionShare: number;
  /** Reach (pixels, along the line) of a cell's neighbourhood and the median best-correlation it needs to count as placed. */
  readonly neighbourhood: number;
  readonly minNcc: number;
  /** Toner gain candidates γ tried for the page (see toneCurve). */
  readonly gammas: readonly number[];
}

export const DEFAULT_CELLS: CellOptions = { sigmas: [0.5, 0.8, 1.1, 1.5, 2], search: 3, doublings: 1, context: 2, top: 12, k: 7.5, floor: 40, regionShare: 0.5, neighbourhood: 60, minNcc: 0.75, gammas: [0, 0.3, 0.6, 1] };

export interface CellVerdict {
  readonly cell: Cell;
  /** Best correlation found (how well the cell could be aligned at all). */
  readonly ncc: number;
  /** Offset of the scan, rendering pixels. */
  readonly dx: number;
  readonly dy: number;
  /** The best offset lies inside the widest search (alignCell). */
  readonly bounded: boolean;
  /**
   * The scan's contrast over the window relative to the model's at the page's gain (std(scan) / (page gain · std(model))):
   * near 1 where the scan shows the cell's ink, near 0 where it shows blank paper.
   */
  readonly contrast: number;
  /** Mean of the largest |residual| pixels in the core (options.top), in rendering grey levels. */
  readonly statistic: number;
  /** The residual over the core (rendering grey levels, signed; negative = the scan darker). */
  readonly residual: Float64Array;
}

interface Alignment {
  readonly ncc: number;
  readonly dx: number;
  readonly dy: number;
  /** The peak lies inside the search (not on its edge). */
  readonly bounded: boolean;
}

function windowOf(cell: Cell, options: CellOptions) {
  const m = options.context;
  return { x: cell.x - m, y: cell.y - m, w: cell.w + 2 * m, h: cell.h + 2 * m };
}

/**
 * A cell's best integer offset under the capture model, refined to sub-pixel by parabolas. The
 * search starts at ±options.search and doubles (up to options.doublings times) while the peak is
 * on its edge: a photo's lens residual can leave a corner 10 px off. A peak still on the edge is
 * no placement (`bounded` false).
 */
function alignCell(rendering: GreyImage, aligned: GreyImage, cell: Cell, capture: CaptureModel, options: CellOptions): Alignment {
  const win = windowOf(cell, options);
  const model = modelWindow(rendering, win.x, win.y, win.w, win.h, capture, 0, 0);
  const onEdge = (i: number, radius: number) => Math.abs((i % (2 * radius + 1)) - radius) === radius || Math.abs(Math.floor(i / (2 * radius + 1)) - radius) === radius;
  let r = options.search;
  let scores = correlationSurface(model, aligned, win.x, win.y, win.w, win.h, r);
  let best = argMax(scores);
  for (let doubling = 0; doubling < options.doublings && onEdge(best, r); doubling++) {
    r *= 2;
    scores = correlationSurface(model, aligned, win.x, win.y, win.w, win.h, r);
    best = argMax(scores);
  }
  // A flat surface (blank scan, or blank model): no offset to find; the cell keeps the registration's.
  if (!(scores[best] > 0)) return { ncc: 0, dx: 0, dy: 0, bounded: true };
  const side = 2 * r + 1;
  const bx = (best % side) - r;
  const by = Math.floor(best / side) - r;
  const at = (dx: number, dy: number) => scores[(dy + r) * side + dx + r];
  const fx = Math.abs(bx) < r ? parabolaPeak(at(bx - 1, by), at(bx, by), at(bx + 1, by)) : 0;
  const fy = Math.abs(by) < r ? parabolaPeak(at(bx, by - 1), at(bx, by), at(bx, by + 1)) : 0;
  return { ncc: scores[best], dx: bx + fx, dy: by + fy, bounded: !onEdge(best, r) };
}

function argMax(values: Float64Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** The model and the scan over a cell's window at its alignment (integer offset in the scan, the fraction in the model). */
function pairAt(rendering: GreyImage, aligned: GreyImage, cell: Cell, capture: CaptureModel, found: Alignment, options: CellOptions) {
  const win = windowOf(cell, options);
  const ix = Math.round(found.dx);
  const iy = Math.round(found.dy);
  // aligned(p + D) ≈ model(p − f), f = d − D.
  const model = modelWindow(rendering, win.x, win.y, win.w, win.h, capture, found.dx - ix, found.dy - iy);
  const scan = scanWindow(aligned, win.x + ix, win.y + iy, win.w, win.h);
  return { win, model, scan };
}

/** The residual of one cell after its alignment: the scan minus the fitted model, smoothed with its sign. */
function judgeCell(rendering: GreyImage, aligned: GreyImage, cell: Cell, capture: CaptureModel, found: Alignment, options: CellOptions, pageGain: number): CellVerdict {
  const { win, model, scan } = pairAt(rendering, aligned, cell, capture, found, options);
  const fit = toneFit(model, scan);
  // A gain from the window where it holds ink; the page's on a blank window (or a nonsensical fit).
  const gain = fit.gain !== null && fit.gain > 0.2 * pageGain ? fit.gain : pageGain;
  const offset = fit.gain === gain ? fit.offset : mean(scan) - gain * mean(model);
  const n = model.length;
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) raw[i] = (scan[i] - (gain * model[i] + offset)) / gain;
  const ox = cell.x - win.x;
  const oy = cell.y - win.y;
  const residual = new Float64Array(cell.w * cell.h);
  for (let r = 0; r < cell.h; r++) for (let c = 0; c < cell.w; c++) residual[r * cell.w + c] = raw[(oy + r) * win.w + ox + c];
  const statistic = topMean(residual, options.top);
  const contrast = Math.sqrt(varianceOf(scan) / Math.max(1e-9, pageGain * pageGain * varianceOf(model)));
  return { cell, ncc: found.ncc, dx: found.dx, dy: found.dy, bounded: found.bounded, contrast, statistic, residual };
}

// Plain loops, not reduce with a callback (a closure call per pixel of every cell); the same sums in the same order.
const varianceOf = (values: Float64Array) => {
  const m = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - m) * (values[i] - m);
  return sum;
};

const mean = (values: Float64Array) => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
};

/** Mean of the `count` largest |values| (all of them when there are fewer), summed largest first. */
export function topMean(values: Float64Array, count: number): number {
  const magnitudes = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) magnitudes[i] = Math.abs(values[i]);
  magnitudes.sort();
  const n = Math.min(count, magnitudes.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += magnitudes[magnitudes.length - 1 - i];
  return n ? sum / n : 0;
}

/** Slow reference for topMean: the magnitudes sorted largest first, the first `count` averaged. */
export function topMeanReference(values: Float64Array, count: number): number {
  const magnitudes = Float64Array.from(values, Math.abs).sort().reverse();
  const n = Math.min(count, magnitudes.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += magnitudes[i];
  return n ? sum / n : 0;
}

const medianOf = (values: readonly number[]) => {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Cells with ink enough to align (≥ 8 % of the core darker than mid-grey), evenly spread over the page's list. */
function sampleOf(rendering: GreyImage, cells: readonly Cell[], count: number): Cell[] {
  const inked = cells.filter((cell) => {
    let dark = 0;
    for (let y = cell.y; y < cell.y + cell.h; y++) for (let x = cell.x; x < cell.x + cell.w; x++) if (clampAt(rendering, x, y) < 128) dark++;
    return dark >= 0.08 * cell.w * cell.h;
  });
  const step = Math.max(1, Math.floor(inked.length / count));
  return inked.filter((_, i) => i % step === 0).slice(0, count);
}

/**
 * The page's capture model: a sample of inked cells is aligned under a middling model, then every
 * (σ, γ) candidate is scored by the median share of a sample cell's variance it leaves unexplained
 * after the cell's own tone fit (1 − ρ²), at those alignments; the best wins. Also the page's gain (median of the sample's).
 */
export function estimateCapture(rendering: GreyImage, aligned: GreyImage, cells: readonly Cell[], options: CellOptions = DEFAULT_CELLS): { capture: CaptureModel; gain: number } {
  const sample = sampleOf(rendering, cells, 30);
  const middling: CaptureModel = { sigma: options.sigmas[Math.floor(options.sigmas.length / 2)], gamma: 0, tone: toneCurve(0) };
  const alignments = sample.map((cell) => alignCell(rendering, aligned, cell, middling, options));
  let best = middling;
  let bestResidual = Infinity;
  let gains: number[] = [];
  for (const gamma of options.gammas) {
    const tone = toneCurve(gamma);
    for (const sigma of options.sigmas) {
      const capture = { sigma, gamma, tone };
      const unexplained: number[] = [];
      const cellGains: number[] = [];
      sample.forEach((cell, i) => {
        const { model, scan } = pairAt(rendering, aligned, cell, capture, alignments[i], options);
        const fit = toneFit(model, scan);
        if (fit.gain === null) return;
        unexplained.push(fit.residual / Math.max(1e-9, fit.residual + fit.gain * fit.gain * varianceOf(model)));
        cellGains.push(fit.gain);
      });
      // The median share of the scan's variance the model leaves unexplained (1 − ρ²): robust to a few altered cells.
      const residual = medianOf(unexplained);
      if (residual < bestResidual) {
        bestResidual = residual;
        best = capture;
        gains = cellGains;
      }
    }
  }
  return { capture: best, gain: Math.max(0.1, medianOf(gains) || 1) };
}

/** Each cell aligned on its own under the page's capture model, then judged (its residual and statistic). */
export function judgeCells(rendering: GreyImage, aligned: GreyImage, cells: readonly Cell[], capture: CaptureModel, gain: number, options: CellOptions): CellVerdict[] {
  return cells.map((cell) => judgeCell(rendering, aligned, cell, capture, alignCell(rendering, aligned, cell, capture, options), options, gain));
}

/** The median of a page's cell statistics and their robust spread, 1.4826 · MAD (σ of a normal distribution): a cell's z is (statistic − median) / scale. */
export function spreadOf(statistics: readonly number[]): { median: number; scale: number } {
  const median = medianOf(statistics);
  return { median, scale: 1.4826 * medianOf(statistics.map((s) => Math.abs(s - median))) };
}

export interface CellCheck {
  readonly capture: CaptureModel;
  /** The page's gain (scan grey levels per rendering grey level). */
  readonly gain: number;
  /** The placed cells' median statistic and robust spread (spreadOf), and the page's outlier limit on the statistic. */
  readonly spread: { readonly median: number; readonly scale: number };
  readonly limit: number;
  readonly verdicts: readonly CellVerdict[];
  /** Per verdict: whether its neighbourhood was placed (placedCells); only placed cells are judged. */
  readonly placed: readonly boolean[];
  /** Share of the cells placed. */
  readonly compared: number;
  /** Flagged cells as regions (rendering pixels), strongest first. */
  readonly regions: readonly DifferenceRegion[];
  /** The strongest flagged cell's statistic over the limit (0 when none is flagged). */
  readonly strength: number;
}

/**
 * Checks every cell of the registered scan (`aligned`, on the rendering's grid) against the
 * rendering: the page's capture model, then each cell aligned and judged, then the page's outlier
 * limit over the cells' statistics.
 */
export function checkCells(rendering: GreyImage, aligned: GreyImage, cells: readonly Cell[], options: CellOptions = DEFAULT_CELLS): CellCheck {
  const { capture, gain } = estimateCapture(rendering, aligned, cells, options);
  const verdicts = judgeCells(rendering, aligned, cells, capture, gain, options);
  const placed = placedCells(verdicts, options);
  const spread = spreadOf(verdicts.filter((_, i) => placed[i]).map((v) => v.statistic));
  const limit = Math.max(options.floor, spread.median + options.k * spread.scale);
  const regions = verdicts
    .filter((v, i) => placed[i] && v.statistic > limit)
    .map((v) => regionOf(v, options.regionShare * v.statistic))
    .sort((a, b) => b.mass - a.mass);
  const compared = cells.length ? placed.filter(Boolean).length / cells.length : 0;
  const strength = regions.length ? Math.max(...verdicts.filter((v, i) => placed[i]).map((v) => v.statistic)) / limit : 0;
  return { capture, gain, spread, limit, verdicts, placed, compared, regions, strength };
}

/**
 * Whether each cell was placed at all: where the registration failed (a corner of a photo bent
 * beyond the search, a part of the page outside the picture) every cell around scores a low
 * correlation, while a changed glyph scores low among neighbours that align well, and a removed
 * line shows blank paper (no contrast) where the model has ink. A cell showing ink is placed when
 * the median best-correlation of the other cells on its line within `neighbourhood` pixels that
 * show ink reaches `minNcc` (its own, when it is alone there); a blank cell, when that of the inked
 * cells within twice that in both directions does; never when its own best offset was on the edge
 * of the widest search. The line, not a disc: a failed line at
 * a photo's edge must not be outvoted by the well-placed line above it.
 */
/** Cells whose centres are this close vertically (pixels) are on one line. */
const SAME_LINE = 8;
/** Below this contrast the scan shows blank paper where the model has ink. */
const MIN_INK_CONTRAST = 0.35;

function placedCells(verdicts: readonly CellVerdict[], options: CellOptions): boolean[] {
  const centre = (v: CellVerdict) => ({ x: v.cell.x + v.cell.w / 2, y: v.cell.y + v.cell.h / 2 });
  const centres = verdicts.map(centre);
  // Only cells where the scan shows ink vote: blank paper where the model has ink says nothing
  // about the placement (a removed line, or a cell pushed off its ink by a failed placement).
  const votes = verdicts.map((v) => v.contrast >= MIN_INK_CONTRAST);
  const near = (i: number, j: number, dx: number, dy: number) => Math.abs(centres[j].x - centres[i].x) <= dx && Math.abs(centres[j].y - centres[i].y) <= dy;
  // The cell itself does not vote: a changed glyph correlates poorly with the model wherever it
  // is placed, and on a line of two (a two-character surname) it would outvote its only witness
  // (measured by scripts/independent-scan at 160–250 dpi: 0.52–0.58 against the neighbour's
  // 0.88–0.91, median under minNcc, so the change was never judged).
  const credible = (i: number, dx: number, dy: number) => {
    const around: number[] = [];
    for (let j = 0; j < verdicts.length; j++) if (j !== i && votes[j] && near(i, j, dx, dy)) around.push(verdicts[j].ncc);
    return around.length > 0 ? medianOf(around) >= options.minNcc : null;
  };
  return verdicts.map((v, i) => {
    if (!v.bounded) return false;
    // A cell showing ink: the rest of its line around it must align (alone on its line, its own
    // alignment: the lines above and below must not outvote a failed line). A blank one (a
    // removed line, or ink pushed away by a failed placement): the inked cells around it, lines
    // above and below included, must align.
    const wide = 2 * options.neighbourhood;
    if (!votes[i]) return credible(i, wide, wide) ?? false;
    return credible(i, options.neighbourhood, SAME_LINE) ?? v.ncc >= options.minNcc;
  });
}

/** The bounding box of a flagged cell's pixels above `level`, with their count and summed excess. */
export function regionOf(verdict: CellVerdict, level: number): DifferenceRegion {
  const { cell, residual } = verdict;
  let x0 = cell.w;
  let y0 = cell.h;
  let x1 = -1;
  let y1 = -1;
  let area = 0;
  let mass = 0;
  for (let r = 0; r < cell.h; r++)
    for (let c = 0; c < cell.w; c++) {
      const v = Math.abs(residual[r * cell.w + c]);
      if (v <= level) continue;
      area++;
      mass += v;
      x0 = Math.min(x0, c);
      y0 = Math.min(y0, r);
      x1 = Math.max(x1, c);
      y1 = Math.max(y1, r);
    }
  return { x: cell.x + x0, y: cell.y + y0, w: x1 - x0 + 1, h: y1 - y0 + 1, area, mass: Math.round(mass) };
}
