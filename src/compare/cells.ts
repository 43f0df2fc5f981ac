/**
 * The per-character-cell check (issue #11): every printed line is cut into cells about one em
 * wide, each cell of the registered scan is aligned on its own (integer search, then sub-pixel),
 * and compared with a model of the capture rather than with a fixed threshold:
 *
 *     scan ≈ gain · (G_σ ∗ rendering)(p − f) + offset + noise
 *
 * σ (the print–scan blur, rendering pixels) is estimated once per page from many cells; f (the
 * cell's sub-pixel residual shift), the gain and the offset per cell. What is left over, the
 * residual, is smoothed **with its sign** over a 3 × 3 box: a stroke one side of which is a
 * fraction of a pixel off leaves a residual of opposite signs on its two sides, which the box
 * cancels; a stroke that is on one image and not on the other leaves residual of one sign across
 * its whole width, which the box keeps. A cell is flagged when its strongest smoothed residual is
 * an outlier against the page's own cells (median + k·MAD, above an absolute floor), so the rule
 * calibrates itself to each printer, scanner and camera.
 *
 * Pure over grey pixels; no browser globals.
 */
import type { GreyImage } from '../vision/grey.ts';
import type { DifferenceRegion } from './difference.ts';

/** A cell, rendering pixels: the core whose residual is judged; alignment looks wider. */
export interface Cell {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One run of printed text (src/verify/front.ts PrintedRun): left x and baseline y in mm, em size in mm. */
export interface TextRun {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
}

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

const PX_PER_MM_AT = (dpi: number) => dpi / 25.4;

/** Grey below this in the rendering is ink (the forms' shaded cells are 235, text 0–200). */
const INK_LEVEL = 180;
/** Blank columns that separate two cells: glyphs are set with side bearings of ≥ 2 px at 150 dpi, a kanji's own radicals touch or leave one. */
const CELL_GAP = 2;

/**
 * The cells of every run: its em band (an em above the baseline to a fifth below) cut at blank
 * columns of the rendering into glyphs (a half-width digit, a kanji, sometimes a kanji's radical
 * standing apart), each cut again into pieces of at most one em where glyphs touch. Each glyph is
 * its own cell because the rasterisers place glyphs independently to a fraction of a pixel (the
 * 150 dpi rendering and the 300 dpi print disagree by up to half a pixel glyph to glyph), so one
 * offset per glyph fits and one per em of text does not. A cell's box is the ink's box plus one pixel.
 * A run's length is not known from its text (half- and full-width glyphs, character spacing): it
 * runs over its text's em count at most and ends where the next run on its line starts.
 */
export function cellsFromRuns(runs: readonly TextRun[], rendering: GreyImage, dpi: number): Cell[] {
  const k = PX_PER_MM_AT(dpi);
  const { width, height, data } = rendering;
  const cells: Cell[] = [];
  const sorted = [...runs].filter((r) => r.text.trim().length > 0).sort((a, b) => a.y - b.y || a.x - b.x);
  for (const run of sorted) {
    const em = run.size * k;
    const top = Math.max(0, Math.floor(run.y * k - em * 1.0));
    const bottom = Math.min(height, Math.ceil(run.y * k + em * 0.2));
    const next = sorted.find((r) => r !== run && Math.abs(r.y - run.y) < 0.8 && r.x > run.x);
    const start = Math.max(0, Math.floor(run.x * k - 1));
    const limit = Math.min(width, Math.ceil(Math.min(run.x * k + [...run.text].length * em + 2, next ? next.x * k - 1 : Infinity)));
    const inked = (x: number) => {
      for (let y = top; y < bottom; y++) if (data[y * width + x] < INK_LEVEL) return true;
      return false;
    };
    const pieces: [number, number][] = [];
    let from = -1;
    let blank = 0;
    for (let x = start; x <= limit; x++) {
      if (x < limit && inked(x)) {
        if (from < 0) from = x;
        blank = 0;
      } else if (from >= 0 && (++blank >= CELL_GAP || x === limit)) {
        pieces.push([from, x - blank + 1]);
        from = -1;
      }
    }
    for (const [a, b] of pieces) {
      const count = Math.max(1, Math.round((b - a) / (1.1 * em)));
      for (let i = 0; i < count; i++) {
        const x0 = a + Math.round((i * (b - a)) / count);
        const x1 = a + Math.round(((i + 1) * (b - a)) / count);
        let y0 = bottom;
        let y1 = top - 1;
        for (let y = top; y < bottom; y++)
          for (let x = x0; x < x1; x++)
            if (data[y * width + x] < INK_LEVEL) {
              y0 = Math.min(y0, y);
              y1 = Math.max(y1, y);
            }
        if (y1 < y0) continue;
        cells.push(...tiles({ x: x0 - 1, y: y0 - 1, w: x1 - x0 + 2, h: y1 - y0 + 3 }));
      }
    }
  }
  return cells;
}

/**
 * Largest cell side (pixels, about 7 mm at 150 dpi): a bigger glyph (a title, a seal's characters)
 * is cut into tiles, each aligned on its own, as a photo's lens residual varies across it.
 */
const MAX_CELL = 40;

function tiles(cell: Cell): Cell[] {
  const columns = Math.ceil(cell.w / MAX_CELL);
  const rows = Math.ceil(cell.h / MAX_CELL);
  const out: Cell[] = [];
  for (let j = 0; j < rows; j++)
    for (let i = 0; i < columns; i++) {
      const x = cell.x + Math.round((i * cell.w) / columns);
      const y = cell.y + Math.round((j * cell.h) / rows);
      out.push({ x, y, w: cell.x + Math.round(((i + 1) * cell.w) / columns) - x, h: cell.y + Math.round(((j + 1) * cell.h) / rows) - y });
    }
  return out;
}

/** Normalised 1-D Gaussian taps for σ, centred at −shift (so that convolving samples the image at p − shift). */
export function gaussianTaps(sigma: number, shift: number): { radius: number; taps: Float64Array } {
  const radius = Math.max(1, Math.ceil(3 * sigma + Math.abs(shift)));
  const taps = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const t = i + shift;
    taps[i + radius] = Math.exp(-(t * t) / (2 * sigma * sigma));
    sum += taps[i + radius];
  }
  for (let i = 0; i < taps.length; i++) taps[i] /= sum;
  return { radius, taps };
}

/**
 * The printer's tone curve on the rendering's grey: toner coverage c = 1 − v/255 becomes
 * min(1, c·(1 + γ)), as toner spread darkens anti-aliased edges and thin strokes (the print–scan
 * simulator's dot gain, and what a laser printer does to a hairline). γ = 0 is the identity.
 */
export function toneCurve(gamma: number): Float64Array {
  return Float64Array.from({ length: 256 }, (_, v) => 255 * (1 - Math.min(1, (1 - v / 255) * (1 + gamma))));
}

/** How the page was captured, estimated from the page itself: blur σ (rendering pixels) and the printer's tone curve. */
export interface CaptureModel {
  readonly sigma: number;
  readonly gamma: number;
  readonly tone: Float64Array;
}

const clampAt = (image: GreyImage, x: number, y: number) =>
  image.data[Math.min(image.height - 1, Math.max(0, y)) * image.width + Math.min(image.width - 1, Math.max(0, x))];

/**
 * The rendering through the tone curve, blurred by G_σ and sampled at p − (fx, fy), over the
 * window (x, y, w, h), as a separable convolution (edge-clamped): what the scan should show there.
 */
export function modelWindow(rendering: GreyImage, x: number, y: number, w: number, h: number, capture: CaptureModel, fx: number, fy: number): Float64Array {
  const gx = gaussianTaps(capture.sigma, fx);
  const gy = gaussianTaps(capture.sigma, fy);
  const { tone } = capture;
  const rows = h + 2 * gy.radius;
  const cols = w + 2 * gx.radius;
  // The toned source, clamped at the image's edges, once.
  const source = new Float64Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const row = Math.min(rendering.height - 1, Math.max(0, y - gy.radius + r)) * rendering.width;
    for (let c = 0; c < cols; c++) source[r * cols + c] = tone[rendering.data[row + Math.min(rendering.width - 1, Math.max(0, x - gx.radius + c))]];
  }
  const tmp = new Float64Array(w * rows);
  const nx = gx.taps.length;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < w; c++) {
      let acc = 0;
      const base = r * cols + c;
      for (let i = 0; i < nx; i++) acc += gx.taps[i] * source[base + i];
      tmp[r * w + c] = acc;
    }
  const out = new Float64Array(w * h);
  const ny = gy.taps.length;
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      let acc = 0;
      for (let j = 0; j < ny; j++) acc += gy.taps[j] * tmp[(r + j) * w + c];
      out[r * w + c] = acc;
    }
  return out;
}

/** Slow reference for modelWindow: the 2-D kernel applied directly to the toned, clamped rendering. */
export function modelWindowReference(rendering: GreyImage, x: number, y: number, w: number, h: number, capture: CaptureModel, fx: number, fy: number): Float64Array {
  const gx = gaussianTaps(capture.sigma, fx);
  const gy = gaussianTaps(capture.sigma, fy);
  const out = new Float64Array(w * h);
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      let acc = 0;
      for (let j = -gy.radius; j <= gy.radius; j++)
        for (let i = -gx.radius; i <= gx.radius; i++) acc += gx.taps[i + gx.radius] * gy.taps[j + gy.radius] * capture.tone[clampAt(rendering, x + c + i, y + r + j)];
      out[r * w + c] = acc;
    }
  return out;
}

/** The scan's pixels over a window (edge-clamped), as floats. */
function scanWindow(scan: GreyImage, x: number, y: number, w: number, h: number): Float64Array {
  const out = new Float64Array(w * h);
  for (let r = 0; r < h; r++) {
    const row = Math.min(scan.height - 1, Math.max(0, y + r)) * scan.width;
    for (let c = 0; c < w; c++) out[r * w + c] = scan.data[row + Math.min(scan.width - 1, Math.max(0, x + c))];
  }
  return out;
}

/**
 * Normalised cross-correlation of the model window with the scan window at every integer offset
 * up to ±radius: `scores[(dy + radius) * (2·radius + 1) + dx + radius]`. Constant windows score 0.
 */
export function correlationSurface(model: Float64Array, scan: GreyImage, x: number, y: number, w: number, h: number, radius: number): Float64Array {
  const n = w * h;
  let sm = 0;
  let smm = 0;
  for (let i = 0; i < n; i++) {
    sm += model[i];
    smm += model[i] * model[i];
  }
  const varM = smm - (sm * sm) / n;
  const side = 2 * radius + 1;
  // The scan over the window grown by the radius, read once.
  const sw = w + 2 * radius;
  const patch = scanWindow(scan, x - radius, y - radius, sw, h + 2 * radius);
  const scores = new Float64Array(side * side);
  for (let oy = 0; oy < side; oy++)
    for (let ox = 0; ox < side; ox++) {
      let ss = 0;
      let sss = 0;
      let sms = 0;
      for (let r = 0; r < h; r++) {
        const base = (r + oy) * sw + ox;
        const mrow = r * w;
        for (let c = 0; c < w; c++) {
          const v = patch[base + c];
          ss += v;
          sss += v * v;
          sms += v * model[mrow + c];
        }
      }
      const varS = sss - (ss * ss) / n;
      const cov = sms - (sm * ss) / n;
      scores[oy * side + ox] = varM > 1e-6 && varS > 1e-6 ? cov / Math.sqrt(varM * varS) : 0;
    }
  return scores;
}

/** Slow reference for correlationSurface: means subtracted first, the textbook formula. */
export function correlationSurfaceReference(model: Float64Array, scan: GreyImage, x: number, y: number, w: number, h: number, radius: number): Float64Array {
  const n = w * h;
  const side = 2 * radius + 1;
  const scores = new Float64Array(side * side);
  const meanM = model.reduce((a, b) => a + b, 0) / n;
  for (let dy = -radius; dy <= radius; dy++)
    for (let dx = -radius; dx <= radius; dx++) {
      const s = Float64Array.from({ length: n }, (_, i) => clampAt(scan, x + (i % w) + dx, y + Math.floor(i / w) + dy));
      const meanS = s.reduce((a, b) => a + b, 0) / n;
      let cov = 0;
      let vm = 0;
      let vs = 0;
      for (let i = 0; i < n; i++) {
        cov += (model[i] - meanM) * (s[i] - meanS);
        vm += (model[i] - meanM) ** 2;
        vs += (s[i] - meanS) ** 2;
      }
      scores[(dy + radius) * side + dx + radius] = vm > 1e-6 && vs > 1e-6 ? cov / Math.sqrt(vm * vs) : 0;
    }
  return scores;
}

/** Sub-pixel position of a 1-D peak from its two neighbours (a parabola through three points), in [−0.5, 0.5]. */
function parabolaPeak(left: number, centre: number, right: number): number {
  const curvature = left - 2 * centre + right;
  if (curvature >= 0) return 0;
  return Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature));
}

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

/** Least-squares gain and offset of scan ≈ gain · model + offset over a window; the gain is null where the model is flat. */
function toneFit(model: Float64Array, scan: Float64Array): { gain: number | null; offset: number; residual: number } {
  const n = model.length;
  let sm = 0;
  let ss = 0;
  let smm = 0;
  let sms = 0;
  let sss = 0;
  for (let i = 0; i < n; i++) {
    sm += model[i];
    ss += scan[i];
    smm += model[i] * model[i];
    sms += model[i] * scan[i];
    sss += scan[i] * scan[i];
  }
  const varM = smm - (sm * sm) / n;
  const varS = sss - (ss * ss) / n;
  const cov = sms - (sm * ss) / n;
  if (varM < n * 100) return { gain: null, offset: ss / n, residual: varS };
  const gain = cov / varM;
  return { gain, offset: (ss - gain * sm) / n, residual: Math.max(0, varS - gain * cov) };
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

const varianceOf = (values: Float64Array) => {
  const m = mean(values);
  return values.reduce((a, v) => a + (v - m) * (v - m), 0);
};

const mean = (values: Float64Array) => values.reduce((a, b) => a + b, 0) / values.length;

/** Mean of the `count` largest |values| (all of them when there are fewer). */
export function topMean(values: Float64Array, count: number): number {
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

export interface CellCheck {
  readonly capture: CaptureModel;
  /** The page's gain (scan grey levels per rendering grey level). */
  readonly gain: number;
  /** The page's outlier limit on the statistic. */
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
  const verdicts = cells.map((cell) => judgeCell(rendering, aligned, cell, capture, alignCell(rendering, aligned, cell, capture, options), options, gain));
  const placed = placedCells(verdicts, options);
  const stats = verdicts.filter((_, i) => placed[i]).map((v) => v.statistic);
  const median = medianOf(stats);
  const mad = medianOf(stats.map((s) => Math.abs(s - median)));
  const limit = Math.max(options.floor, median + options.k * 1.4826 * mad);
  const regions = verdicts
    .filter((v, i) => placed[i] && v.statistic > limit)
    .map((v) => regionOf(v, options.regionShare * v.statistic))
    .sort((a, b) => b.mass - a.mass);
  const compared = cells.length ? placed.filter(Boolean).length / cells.length : 0;
  const strength = regions.length ? Math.max(...verdicts.filter((v, i) => placed[i]).map((v) => v.statistic)) / limit : 0;
  return { capture, gain, limit, verdicts, placed, compared, regions, strength };
}

/**
 * Whether each cell was placed at all: where the registration failed (a corner of a photo bent
 * beyond the search, a part of the page outside the picture) every cell around scores a low
 * correlation, while a changed glyph scores low among neighbours that align well, and a removed
 * line shows blank paper (no contrast) where the model has ink. A cell is placed when the median
 * best-correlation of the cells on its line within `neighbourhood` pixels (itself included) that
 * show ink reaches `minNcc`, or when none around shows ink; never when its own best offset was on
 * the edge of the widest search. The line, not a disc: a failed line at
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
  const credible = (i: number, dx: number, dy: number) => {
    const around: number[] = [];
    for (let j = 0; j < verdicts.length; j++) if (votes[j] && near(i, j, dx, dy)) around.push(verdicts[j].ncc);
    return around.length > 0 && medianOf(around) >= options.minNcc;
  };
  return verdicts.map((v, i) => {
    if (!v.bounded) return false;
    // A cell showing ink: its line around it must align. A blank one (a removed line, or ink
    // pushed away by a failed placement): the inked cells around it, lines above and below
    // included, must align.
    return votes[i] ? credible(i, options.neighbourhood, SAME_LINE) : credible(i, 2 * options.neighbourhood, 2 * options.neighbourhood);
  });
}

/** The bounding box of a flagged cell's pixels above `level`, with their count and summed excess. */
function regionOf(verdict: CellVerdict, level: number): DifferenceRegion {
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
