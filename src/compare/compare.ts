/**
 * Scan or photo of a front ↔ its restored rendering: register, resample, compare. The rendering
 * is drawn at COMPARE_DPI, not at the 100 dpi of the restored image on screen: at 100 dpi a
 * 9.5 pt glyph is 13 px and one changed stroke is a pixel or two, inside the blur tolerance; at
 * 150 dpi it is 20 px, which a 300 dpi scan and a 150–250 dpi photo both still resolve.
 */
import type { GreyImage } from '../vision/grey.ts';
import { suppressBackground } from './background.ts';
import { paperSurround } from './surround.ts';
import { captureKind, COMPARE_DPI, type CaptureKind } from './capture-geometry.ts';
import { cellsFromRuns, type TextRun } from './cell-layout.ts';
import { checkCells, type CellCheck } from './cells.ts';
import { compareFront, DEFAULT_DIFFERENCE, differenceFromExcess, excessOf, mapReference, type Difference, type DifferenceOptions, type MapReference } from './difference.ts';
import { FINE_SCALE, refineCells, type FineCheck, type FineRendering } from './fine-cells.ts';
import type { Homography } from '../vision/homography.ts';
import { registerToRendering, warpToRendering, ZERO_FIELD, type Registration } from './register.ts';

export { COMPARE_DPI } from './capture-geometry.ts';
/** The cells' second look (fine-cells.ts) compares suspicious cells of a scan at this resolution. */
export const FINE_DPI = COMPARE_DPI * FINE_SCALE;

/** What the page is: a rasterised PDF page (flat and square-on by construction) or an image, a scan or a photo told apart by the registration (capture-geometry.ts). */
export type PageSource = 'image' | 'pdf';

/** What else the comparison is given: where the page came from, and the rendering at FINE_DPI for the cells' second look. */
export interface CompareInputs {
  readonly source?: PageSource;
  readonly fine?: FineRendering;
}

export type FrontComparison =
  | {
      readonly registered: true;
      readonly registration: Registration;
      /** A scan, or a photo (capture-geometry.ts); a PDF page counts as a scan. */
      readonly capture: CaptureKind;
      /**
       * The difference map, on scans and PDF pages only: on a photo it cannot tell the lens
       * residual from a changed stroke (docs/compare.md), so it is not computed there.
       */
      readonly difference?: Difference;
      /** The per-character-cell check (cells.ts), when the printed runs were given; with its second look (fine-cells.ts) when the fine rendering was. */
      readonly cells?: CellCheck & { readonly fine?: FineCheck };
      /** The scan resampled onto the rendering's grid (homography and local field): what was compared. */
      readonly aligned: GreyImage;
    }
  /** No consistent placement of the rendering in the scan: not this sheet, or not readable. */
  | { readonly registered: false };

/**
 * Turns what lies around the page to paper (surround.ts), takes the printed background out of
 * the scan (background.ts) and registers it; then, on a scan
 * or PDF page, runs the difference map (added or removed ink anywhere: stamps, rows) and, given
 * the runs the rendering prints, the per-character-cell check (cells.ts) on the same aligned scan,
 * with its second look (fine-cells.ts) when the rendering at FINE_DPI is given. A photo
 * (capture-geometry.ts) gets the cells only.
 */
export function compareScanWithRendering(rendering: GreyImage, scan: GreyImage, runs: readonly TextRun[] = [], options: DifferenceOptions = DEFAULT_DIFFERENCE, inputs: CompareInputs = {}): FrontComparison {
  const placed = placePage(rendering, scan, inputs);
  if (!placed) return { registered: false };
  const reference = placed.capture === 'scan' ? mapReference(rendering, options) : undefined;
  const global = reference ? globalExcess(globalJob(rendering, placed, options), reference) : undefined;
  return assemble(rendering, placed, comparedHere(rendering, placed, runs, options, inputs, reference), global, options);
}

/**
 * The half of the difference map that needs only the homography — the scan resampled through it
 * alone, tone normalised, its excess darkness against the rendering (difference.ts excessOf) —
 * asked of another thread, which `localDone` tells when this thread has finished its own half
 * (the resampling with the local field, its excess, the cells). Undefined: computed here.
 */
export type GlobalExcessElsewhere = (job: GlobalExcessJob, localDone: Promise<void>) => Promise<Uint8Array | undefined>;

/** What globalExcess needs: the page after step 0, the homography and its scale, the rendering (its size and tones). */
export interface GlobalExcessJob {
  readonly page: GreyImage;
  readonly homography: Homography;
  /** Registration.scale: which level of the page's pyramid the resampling reads. */
  readonly scale: number;
  readonly rendering: GreyImage;
  readonly options: DifferenceOptions;
}

/** The global half of the difference map (see GlobalExcessElsewhere), on whichever thread runs it. */
export function globalExcess({ page, homography, scale, rendering, options }: GlobalExcessJob, reference: MapReference = mapReference(rendering, options)): Uint8Array {
  const global = warpToRendering(page, { homography, scale, field: ZERO_FIELD, matches: 0 }, rendering.width, rendering.height);
  return excessOf(reference, global, options);
}

/** compareScanWithRendering with the global half of the difference map on another thread; the same result. */
export async function compareScanWithRenderingElsewhere(
  rendering: GreyImage,
  scan: GreyImage,
  runs: readonly TextRun[],
  options: DifferenceOptions,
  inputs: CompareInputs,
  elsewhere: GlobalExcessElsewhere,
): Promise<FrontComparison> {
  const placed = placePage(rendering, scan, inputs);
  if (!placed) return { registered: false };
  const job = globalJob(rendering, placed, options);
  let localDone!: () => void;
  const done = new Promise<void>((resolve) => (localDone = resolve));
  const there = placed.capture === 'scan' ? elsewhere(job, done) : undefined;
  // Yield once so the job leaves before this thread starts its own half.
  await Promise.resolve();
  const reference = there ? mapReference(rendering, options) : undefined;
  const here = comparedHere(rendering, placed, runs, options, inputs, reference);
  localDone();
  const global = there ? ((await there) ?? globalExcess(job, reference)) : undefined;
  return assemble(rendering, placed, here, global, options);
}

interface PlacedPage {
  /** The scan after the surround and step 0. */
  readonly page: GreyImage;
  readonly registration: Registration;
  readonly capture: CaptureKind;
}

function placePage(rendering: GreyImage, scan: GreyImage, inputs: CompareInputs): PlacedPage | null {
  // A dark lid or desk around the page would pull the registration's first guess off the page
  // (surround.ts); the pantograph and the 地紋 under the text are not in the rendering (background.ts).
  const page = suppressBackground(paperSurround(scan)).image;
  const registration = registerToRendering(rendering, page);
  if (!registration) return null;
  const capture = inputs.source === 'pdf' ? 'scan' : captureKind(registration.homography, rendering.width, rendering.height);
  return { page, registration, capture };
}

const globalJob = (rendering: GreyImage, placed: PlacedPage, options: DifferenceOptions): GlobalExcessJob => ({
  page: placed.page,
  homography: placed.registration.homography,
  scale: placed.registration.scale,
  rendering,
  options,
});

interface LocalHalf {
  readonly local: GreyImage;
  readonly localExcess?: Uint8Array;
  readonly cells?: CellCheck & { readonly fine?: FineCheck };
}

/** The resampling with the local field, its excess (on a scan), and the cells on it. */
function comparedHere(rendering: GreyImage, { page, registration }: PlacedPage, runs: readonly TextRun[], options: DifferenceOptions, inputs: CompareInputs, reference: MapReference | undefined): LocalHalf {
  const local = warpToRendering(page, registration, rendering.width, rendering.height);
  // The difference map is on scans and PDF pages only (see FrontComparison.difference).
  const localExcess = reference ? excessOf(reference, local, options) : undefined;
  const coarse = runs.length ? checkCells(rendering, local, cellsFromRuns(runs, rendering, COMPARE_DPI)) : undefined;
  // Given the rendering at FINE_DPI, the suspicious cells of a capture that resolves it are looked at again there.
  const cells = coarse && inputs.fine ? refineCells(coarse, { scan: page, registration, rendering: inputs.fine, dpi: COMPARE_DPI }) : coarse;
  return { local, ...(localExcess ? { localExcess } : {}), ...(cells ? { cells } : {}) };
}

/** The difference map of the scan aligned twice (homography only, and with the local field), each region re-aligned on its own. */
function assemble(rendering: GreyImage, { registration, capture }: PlacedPage, { local, localExcess, cells }: LocalHalf, global: Uint8Array | undefined, options: DifferenceOptions): FrontComparison {
  const difference = global && localExcess ? confirmByRealignment(rendering, local, differenceFromExcess(rendering, [global, localExcess], options), options) : undefined;
  return { registered: true, registration, capture, ...(difference ? { difference } : {}), ...(cells ? { cells } : {}), aligned: local };
}

/** Margin around a region and the shifts (rendering pixels, each way) tried when re-aligning it. */
const REALIGN = { margin: 24, shift: 3 } as const;

function crop(image: GreyImage, x: number, y: number, w: number, h: number): GreyImage {
  const data = new Uint8Array(w * h);
  for (let row = 0; row < h; row++) {
    const yy = Math.min(image.height - 1, Math.max(0, y + row));
    for (let col = 0; col < w; col++) data[row * w + col] = image.data[yy * image.width + Math.min(image.width - 1, Math.max(0, x + col))];
  }
  return { width: w, height: h, data };
}

/**
 * Each region re-checked on its own: the window around it is compared again with the aligned
 * scan shifted by up to ±REALIGN.shift pixels, and the region is kept only if the difference
 * survives every shift. Where the global and local registration leave a residual (a photo's lens
 * distortion at the page's edges, where the displacement field has few blocks to measure), a
 * genuine front lines up under one of the shifts and its false region goes; a changed, added or
 * removed glyph differs under all of them.
 */
export function confirmByRealignment(rendering: GreyImage, aligned: GreyImage, difference: Difference, options: DifferenceOptions = DEFAULT_DIFFERENCE): Difference {
  const { margin, shift } = REALIGN;
  const kept = difference.regions.filter((region) => {
    const x = region.x - margin;
    const y = region.y - margin;
    const w = region.w + 2 * margin;
    const h = region.h + 2 * margin;
    const reference = crop(rendering, x, y, w, h);
    const core = { x: margin - shift, y: margin - shift, w: region.w + 2 * shift, h: region.h + 2 * shift };
    for (let dy = -shift; dy <= shift; dy++)
      for (let dx = -shift; dx <= shift; dx++) {
        const again = compareFront(reference, [crop(aligned, x + dx, y + dy, w, h)], { ...options, border: 0 });
        const survives = again.regions.some((r) => r.x < core.x + core.w && core.x < r.x + r.w && r.y < core.y + core.h && core.y < r.y + r.h);
        if (!survives) return false;
      }
    return true;
  });
  if (kept.length === difference.regions.length) return difference;
  return { ...difference, regions: kept, score: kept.length ? kept[0].mass / 1000 : 0 };
}
