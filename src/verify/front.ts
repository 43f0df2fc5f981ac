/**
 * One front page compared with the front restored from the signed content (issue #11):
 *
 * - the **pixels**, always: the page (a scan, a photo, or kofu's own PDF page rasterised) is
 *   registered to the rendering, tone-normalised and compared with a tolerance for print–scan
 *   blur and fine dot screens (the difference map), and every printed glyph is aligned and
 *   judged on its own against the page's other glyphs (the cells) (src/compare/); on a photo only
 *   the cells count;
 * - the **text layer**, for kofu's own PDF: every line of text the PDF carries must be a line the
 *   signed content prints, at the same place. An overlay (a white box and new text over the old)
 *   leaves the old text in the layer and adds a line that is not signed; both are caught here even
 *   where the pixels would look right in a viewer.
 *
 * Pure over grey pixels and text runs; the rendering is drawn by the caller (restore.ts).
 */
import { compareScanWithRendering, compareScanWithRenderingElsewhere, type CompareInputs, type FrontComparison, type GlobalExcessElsewhere } from '../compare/compare.ts';
import { DEFAULT_DIFFERENCE, mergeOverlapping, type DifferenceRegion } from '../compare/difference.ts';
import type { FineRendering } from '../compare/fine-cells.ts';
import { trustsLayout } from '../compare/flatbed.ts';
import { unplacedBlocks } from '../compare/layout-change.ts';
import { applyHomography } from '../vision/homography.ts';
import type { GreyImage } from '../vision/grey.ts';
import type { PageTextItem } from '../vision/pdf-input.ts';
import type { FractionPoint, FrontCheck, FrontRegion } from './report.ts';

/** One run of text the layout prints (src/render/ TextOp): left x and baseline y in mm, em size in mm. */
export interface PrintedRun {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
}

/** Two runs whose baselines are this close (mm) are on one line. */
const LINE_TOLERANCE_MM = 0.8;
/** A text layer that matches fewer of the signed lines than this is not kofu's (a scan saved as PDF, a re-typeset copy): only the pixels are compared. */
const MIN_TEXT_LAYER_AGREEMENT = 0.5;
/** A front that covers less of the sheet than this is not compared at all ("could not be placed"). */
const MIN_COVERAGE = 0.6;
/**
 * A front whose printed cells could be placed on fewer than this share (src/compare/cells.ts
 * placedCells: too blurred, bent or cut off to align glyph by glyph) is not compared.
 */
const MIN_CELLS_PLACED = 0.6;

/** Whitespace of every kind (the layout pads with U+3000, pdf.js inserts spaces for character spacing) is not content. */
const normalise = (text: string) => text.normalize('NFC').replace(/[\s\u3000]+/gu, '');

interface Line<T> {
  readonly y: number;
  readonly runs: T[];
  readonly text: string;
}

/** Runs grouped by baseline (within LINE_TOLERANCE_MM), each line's runs left to right. */
export function linesOf<T extends { text: string; x: number; y: number }>(runs: readonly T[]): Line<T>[] {
  const sorted = runs.filter((r) => normalise(r.text).length > 0).sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: T[][] = [];
  for (const run of sorted) {
    const last = groups[groups.length - 1];
    if (last && Math.abs(run.y - last[0].y) <= LINE_TOLERANCE_MM) last.push(run);
    else groups.push([run]);
  }
  return groups.map((g) => {
    const line = g.sort((a, b) => a.x - b.x);
    return { y: line[0].y, runs: line, text: line.map((r) => normalise(r.text)).join('') };
  });
}

/** The printed text as lines for a person to read: runs on one baseline joined by a space. */
export function readableLines(runs: readonly PrintedRun[]): string[] {
  return linesOf(runs).map((line) => line.runs.map((r) => r.text.trim()).join(' '));
}

export interface TextLayerCheck {
  /** False when the layer is not kofu's own text (too little of it agrees): then it says nothing. */
  readonly usable: boolean;
  readonly added: readonly PageTextItem[];
  readonly missing: readonly PrintedRun[];
}

/**
 * The PDF's text, line by line, against the signed content's lines at the same baseline. A line
 * of the PDF that is not the signed line there is "added" (its runs that the signed line does not
 * contain, or the whole line); a signed line the PDF lacks is "missing".
 */
export function checkTextLayer(expected: readonly PrintedRun[], actual: readonly PageTextItem[]): TextLayerCheck {
  const want = linesOf(expected);
  const have = linesOf(actual);
  const near = <T>(lines: Line<T>[], y: number) => lines.filter((l) => Math.abs(l.y - y) <= LINE_TOLERANCE_MM);
  const added: PageTextItem[] = [];
  let agreeing = 0;
  for (const line of have) {
    const signed = near(want, line.y);
    if (signed.some((s) => s.text === line.text)) {
      agreeing++;
      continue;
    }
    const context = signed.map((s) => s.text).join('\n');
    const foreign = line.runs.filter((r) => !context.includes(normalise(r.text)));
    added.push(...(foreign.length ? foreign : line.runs));
  }
  const missing = want.filter((line) => !near(have, line.y).some((h) => h.text === line.text || h.text.includes(line.text))).flatMap((l) => l.runs);
  const usable = want.length > 0 && agreeing >= MIN_TEXT_LAYER_AGREEMENT * want.length;
  return { usable, added: usable ? added : [], missing: usable ? missing : [] };
}

/** Page size in mm (A4), the frame both the text runs and the fractions refer to. */
export interface PageMm {
  readonly width: number;
  readonly height: number;
}

function runRegion(run: { text: string; x: number; y: number; size: number; width?: number }, page: PageMm): FrontRegion {
  const width = run.width ?? [...run.text].length * run.size;
  // The em box: from one em above the baseline to a fifth below it.
  return { x: run.x / page.width, y: (run.y - run.size) / page.height, w: width / page.width, h: (run.size * 1.2) / page.height, source: 'text' };
}

export interface FrontInput {
  readonly page: number;
  readonly grey: GreyImage;
  /** The text layer of a PDF page (absent for a scan or photo). */
  readonly text?: readonly PageTextItem[];
}

export interface FrontReference {
  readonly sheet: number;
  /** The restored front in grey at the comparison resolution (src/compare/compare.ts COMPARE_DPI). */
  readonly rendering: GreyImage;
  readonly runs: readonly PrintedRun[];
  readonly page: PageMm;
  /** The same front at FINE_DPI, read window by window (src/compare/fine-cells.ts): a scan's suspicious cells are looked at again there. */
  readonly fine?: FineRendering;
}

export interface FrontResult {
  readonly check: Omit<FrontCheck, 'aligned' | 'rendering'>;
  /** The page resampled onto the rendering, grey (for the overlay and blink views). */
  readonly aligned?: GreyImage;
}

/** A point of the person's image, as fractions of its width and height, inside the image. */
const inImage = (p: FractionPoint) => p.x >= 0 && p.y >= 0 && p.x <= 1 && p.y <= 1;

/** Fraction of a grid of rendering points that the registration puts inside the scan. */
function coverageOf(toScan: (x: number, y: number) => FractionPoint, width: number, height: number): number {
  let inside = 0;
  const n = 24;
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const p = toScan(((i + 0.5) / n) * width, ((j + 0.5) / n) * height);
      if (inImage(p)) inside++;
    }
  return inside / (n * n);
}

/** Whether a rendering rectangle lies wholly inside the person's image (all four corners). */
function insideImage(toScan: (x: number, y: number) => FractionPoint, x: number, y: number, w: number, h: number): boolean {
  return [toScan(x, y), toScan(x + w, y), toScan(x + w, y + h), toScan(x, y + h)].every(inImage);
}

/** Compares one front page with one sheet's rendering: text layer (PDF) and pixels. */
export function checkFront(input: FrontInput, reference: FrontReference): FrontResult {
  return judgeFront(input, reference, compareScanWithRendering(reference.rendering, input.grey, reference.runs, DEFAULT_DIFFERENCE, compareInputs(input, reference)));
}

/** checkFront with the global half of the difference map on another thread (src/compare/compare.ts); the same result. */
export async function checkFrontElsewhere(input: FrontInput, reference: FrontReference, elsewhere: GlobalExcessElsewhere): Promise<FrontResult> {
  return judgeFront(input, reference, await compareScanWithRenderingElsewhere(reference.rendering, input.grey, reference.runs, DEFAULT_DIFFERENCE, compareInputs(input, reference), elsewhere));
}

/** Where the page came from and, for a capture, the fine rendering: the cells' second look is for captures (a PDF page is checked by its text layer as well). */
function compareInputs(input: FrontInput, reference: FrontReference): CompareInputs {
  const source = input.text ? 'pdf' : 'image';
  const fine = source === 'image' ? reference.fine : undefined;
  return { source, ...(fine ? { fine } : {}) };
}

/** The front's check from its text layer (a PDF page) and the comparison of its pixels. */
function judgeFront(input: FrontInput, reference: FrontReference, comparison: FrontComparison): FrontResult {
  const { rendering } = reference;
  const method = input.text ? 'pdf' : 'image';
  const text = input.text ? checkTextLayer(reference.runs, input.text) : undefined;
  const textRegions = text?.usable ? [...text.added.map((r) => runRegion(r, reference.page)), ...text.missing.map((r) => runRegion(r, reference.page))] : [];
  const textSummary = text?.usable ? { added: text.added.map((r) => r.text), missing: text.missing.map((r) => r.text) } : undefined;
  const base = { page: input.page, sheet: reference.sheet, method, ...(textSummary ? { text: textSummary } : {}) } as const;

  if (!comparison.registered) {
    const status = textRegions.length ? 'differs' : 'unreadable';
    return { check: { ...base, status, regions: textRegions, regionsOnImage: [], score: textRegions.length ? 1 : 0, coverage: 0 } };
  }
  const { registration, difference, cells } = comparison;
  const toScan = (x: number, y: number): FractionPoint => {
    const p = applyHomography(registration.homography, x, y);
    return { x: p.x / input.grey.width, y: p.y / input.grey.height };
  };
  // A photo (capture-geometry.ts, decided in compareScanWithRendering): the cells only, no difference map.
  const photoLike = comparison.capture === 'photo';
  // The share of the sheet compared: inside the image, and (where there are cells) placed glyph by glyph.
  const coverage = coverageOf(toScan, rendering.width, rendering.height) * (cells ? cells.compared : 1);
  const unplaced = cells ? cells.compared < MIN_CELLS_PLACED : photoLike;
  // On a trusted flatbed registration, a block of cells that cannot be placed while the page
  // around them is (src/compare/layout-change.ts) is content moved, removed or added: a region,
  // and the front is compared, not "not compared". Only cells wholly inside the image count.
  const layoutRegions = cells && !photoLike && trustsLayout(registration.flatbed) ? unplacedBlocks(cells, (c) => insideImage(toScan, c.x, c.y, c.w, c.h)) : [];
  if (!layoutRegions.length && (coverage < MIN_COVERAGE || unplaced)) {
    const status = textRegions.length ? 'differs' : 'unreadable';
    return { check: { ...base, status, regions: textRegions, regionsOnImage: [], score: 0, coverage } };
  }
  // A region reaching outside the person's image compares the rendering with nothing there; a
  // glyph cut by the image's edge aligns on half its strokes and is flagged (measured: a genuine
  // scan with its left fifth cut off flagged the cut column's glyphs when only the region's centre
  // had to be in view).
  const inView = (r: DifferenceRegion) => insideImage(toScan, r.x, r.y, r.w, r.h);
  const mapRegions = (difference?.regions ?? []).filter(inView);
  const cellRegions = (cells?.regions ?? []).filter(inView);
  const pixelRegions = mergeOverlapping([...mapRegions, ...cellRegions, ...layoutRegions]).map((r) => pixelRegion(r, rendering));
  const regions = [...textRegions, ...pixelRegions];
  const regionsOnImage = regions.map((r) => {
    const [x0, y0, x1, y1] = [r.x * rendering.width, r.y * rendering.height, (r.x + r.w) * rendering.width, (r.y + r.h) * rendering.height];
    return [toScan(x0, y0), toScan(x1, y0), toScan(x1, y1), toScan(x0, y1)];
  });
  const score = Math.max(textRegions.length || layoutRegions.length ? 1 : 0, mapRegions.length ? mapRegions[0].mass / 1000 : 0, cellRegions.length ? cells!.strength : 0);
  const aligned = comparison.aligned;
  return {
    check: { ...base, ...(method === 'image' ? { capture: photoLike ? 'photo' : 'scan' } : {}), status: regions.length ? 'differs' : 'match', regions, regionsOnImage, score, coverage },
    aligned,
  };
}

function pixelRegion(r: DifferenceRegion, image: GreyImage): FrontRegion {
  return { x: r.x / image.width, y: r.y / image.height, w: r.w / image.width, h: r.h / image.height, source: 'pixels' };
}

/**
 * Whether a page without a back looks like a printed page (light paper with some ink on it), so
 * that "this is the front — add the back" is said for it and not for a photo of something else.
 */
export function looksLikePrintedPage(grey: GreyImage): boolean {
  const { data } = grey;
  const step = Math.max(1, Math.floor(data.length / 200_000));
  let n = 0;
  let light = 0;
  let ink = 0;
  for (let i = 0; i < data.length; i += step) {
    n++;
    if (data[i] >= 200) light++;
    else if (data[i] < 110) ink++;
  }
  return light / n > 0.6 && ink / n > 0.002 && ink / n < 0.3;
}
