/**
 * The carrier decoder: grey/RGBA image of any size → payload bytes + diagnostics, as a list of
 * stages, each in its own file:
 *
 *   input.ts        image → grey
 *   locate.ts       finder patterns at two binarisation windows → groups of four, best first
 *   refine.ts       per plausible grid size: homography from the finders, then every alignment
 *                   pattern found by template matching (the grid's displacement field)
 *   sample.ts       soft samples at every module centre
 *   orient.ts       the 8 orientations ranked by the corner tags; the header decides
 *   soft-values.ts  per-region black/white levels, sharpening and equalisation against blur
 *   blocks.ts       Reed–Solomon with erasures, iterative decoding, un-whitening, CRC-32
 *   occlusion.ts    on failure: blur (low contrast everywhere) or damage (flat regions)
 *
 * Every loop is bounded; bad input ends in a typed CarrierError.
 */
import { throwIfAborted } from '../bytes/errors.ts';
import type { GreyImage, ImageInput } from '../vision/grey.ts';
import { decodeData, type CorrectionOutcome } from './blocks.ts';
import { MODULE_UNITS_PER_INCH, layoutFor, moduleMmOf, type HeaderFields, type Layout } from './format.ts';
import { toGrey } from './input.ts';
import { binarisationWindows, confirmedFinders, finderQuads, gridSizesNear, locateFinders, type FinderCorner, type FinderQuad } from './locate.ts';
import { flatTileShare } from './occlusion.ts';
import { orientationOf, orientSymbol, type Orientation } from './orient.ts';
import { cornerSearchRanges, gridMapFor, pixelsPerModule, refineGrid } from './refine.ts';
import { sampleGrid, type GridMap } from './sample.ts';
import { WHITENING_KEY_BYTES } from './whiten.ts';
import {
  CarrierBlurryError,
  CarrierDamagedError,
  CarrierFormatError,
  CarrierKeyError,
  CarrierNotFoundError,
  CarrierTooSmallError,
} from './errors.ts';

export interface DecodeProgress {
  readonly stage: 'grey' | 'finders' | 'header' | 'grid' | 'sample' | 'correct' | 'done';
  readonly fraction: number;
}

export interface DecodeOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DecodeProgress) => void;
}

export interface CarrierDiagnostics {
  readonly size: number;
  readonly ecLevel: number;
  readonly moduleMm: number;
  /** Image pixels per module at the symbol's centre. */
  readonly pixelsPerModule: number;
  /** Scan resolution implied by pixelsPerModule and the printed module size. */
  readonly estimatedDpi: number;
  /** Bit errors in the data modules before correction ÷ data bits. */
  readonly rawBitErrorRate: number;
  /** Bytes changed by Reed–Solomon over all blocks. */
  readonly correctedSymbols: number;
  /** Bytes declared erased (low confidence) before correction. */
  readonly erasures: number;
  /** 1 − the largest share of any block's correction budget used (1 = clean, 0 = at the limit). */
  readonly confidence: number;
  readonly rotation: 0 | 90 | 180 | 270;
  readonly mirrored: boolean;
  readonly findersSeen: number;
  /** Alignment patterns found by template matching ÷ alignment patterns in the layout. */
  readonly alignmentFound: number;
  /** Index into SOFT_VARIANTS of the soft values that decoded (0 = plain sampling; beyond the
   *  list: rounds of iterative decoding). */
  readonly sharpening: number;
  readonly headerCorrected: number;
}

export interface DecodeResult {
  readonly payload: Uint8Array;
  readonly diagnostics: CarrierDiagnostics;
}

/** When the decoder stops trying: the search's bounds. */
const SEARCH = {
  /** Below this many pixels per module a quad is not tried (the sampling theorem says no). */
  minPixelsPerModule: 1.2,
  /** Finder quads tried before giving up (bounds the time spent on cluttered images). */
  maxQuadAttempts: 6,
} as const;
/** What a failure is blamed on, as one set of thresholds. */
const BLAME = {
  /** Below this many pixels per module: the resolution. */
  tooSmallPixelsPerModule: 1.6,
  /** Share of function modules misread above which: blur … */
  blurryFunctionErrors: 0.12,
  /** … unless at least this share of the symbol is flat: then something covers it (occlusion.ts). */
  occludedTileShare: 0.15,
} as const;

/** Blur when function modules are misread all over; damage when whole regions are covered. */
const looksBlurry = (functionErrors: number, flatShare: number) => functionErrors > BLAME.blurryFunctionErrors && flatShare < BLAME.occludedTileShare;

export async function decodeCarrier(image: ImageInput, key: Uint8Array, options: DecodeOptions = {}): Promise<DecodeResult> {
  const { signal, onProgress } = options;
  if (!(key instanceof Uint8Array) || key.length !== WHITENING_KEY_BYTES) throw new CarrierKeyError();
  throwIfAborted(signal);
  const checkpoint = () => pause(signal);
  onProgress?.({ stage: 'grey', fraction: 0 });
  const grey = toGrey(image);
  await checkpoint();

  onProgress?.({ stage: 'finders', fraction: 0.1 });
  const search = await findSymbol(grey, checkpoint, () => onProgress?.({ stage: 'header', fraction: 0.3 }));
  const { symbol } = search;
  if (!symbol) throw notFoundError(search);

  onProgress?.({ stage: 'correct', fraction: 0.8 });
  const { layout, map, values, orientation } = symbol;
  const data = await decodeData(values, layout, orientation.symmetry, orientation.header, key, checkpoint);
  const ppm = pixelsPerModule(map, layout.size);
  if (!data.payload) {
    if (data.checksumFailed) throw new CarrierDamagedError('checksum');
    if (ppm < BLAME.tooSmallPixelsPerModule) throw new CarrierTooSmallError(ppm);
    if (looksBlurry(orientation.functionErrors, flatTileShare(values, layout.size))) throw new CarrierBlurryError();
    throw new CarrierDamagedError('data');
  }
  onProgress?.({ stage: 'done', fraction: 1 });
  return { payload: data.payload, diagnostics: diagnosticsOf(symbol, data.correction, data.sharpening, ppm, search.findersSeen) };
}

/**
 * Lets the event loop run (so an abort can arrive) between stages, then throws if aborted. A
 * MessageChannel task, not setTimeout, which browsers clamp to ≥ 4 ms when nested.
 */
async function pause(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
  throwIfAborted(signal);
}

/** A symbol located, its grid refined and sampled, its orientation and header read. */
interface LocatedSymbol {
  readonly layout: Layout;
  readonly map: GridMap;
  /** Module samples in image order (orientation not applied). */
  readonly values: Float32Array;
  readonly orientation: Orientation;
  readonly alignmentFound: number;
}

interface SymbolSearch {
  readonly symbol: LocatedSymbol | null;
  /** Most finders confirmed at one binarisation window. */
  readonly findersSeen: number;
  /** Module pitch of the best-scoring finder group: the one a failure is explained by. */
  readonly bestModule: number;
  readonly fewestFunctionErrors: number;
  /** flatTileShare of the samples that had the fewest function errors. */
  readonly flatShare: number;
  readonly otherVersion: HeaderFields | null;
}

/** Locate, then refine, sample and orient at each finder quad in turn, until a header reads. */
async function findSymbol(grey: GreyImage, checkpoint: () => Promise<void>, onQuads: () => void): Promise<SymbolSearch> {
  let findersSeen = 0;
  let bestModule = Infinity;
  let fewestFunctionErrors = 1;
  let flatShare = 0;
  let otherVersion: HeaderFields | null = null;
  const tried: FinderCorner[] = [];
  let attempts = 0;
  for (const window of binarisationWindows(grey)) {
    const finders = locateFinders(grey, window);
    await checkpoint();
    findersSeen = Math.max(findersSeen, confirmedFinders(finders));
    const quads = finderQuads(finders);
    onQuads();
    for (const quad of quads) {
      if (attempts >= SEARCH.maxQuadAttempts) break;
      // Skip a quad already tried at the other window size.
      if (quad.corners.every((c) => tried.some((t) => Math.hypot(t.x - c.x, t.y - c.y) < 2 * c.module))) continue;
      tried.push(...quad.corners);
      attempts++;
      if (bestModule === Infinity) bestModule = quad.module;
      if (quad.module < SEARCH.minPixelsPerModule) continue;
      const outcome = readSymbolAt(grey, quad);
      if (outcome.functionErrors < fewestFunctionErrors) {
        fewestFunctionErrors = outcome.functionErrors;
        flatShare = outcome.flatShare;
      }
      if (outcome.otherVersion) otherVersion = outcome.otherVersion;
      await checkpoint();
      if (outcome.symbol) return { symbol: outcome.symbol, findersSeen, bestModule, fewestFunctionErrors, flatShare, otherVersion };
    }
  }
  return { symbol: null, findersSeen, bestModule, fewestFunctionErrors, flatShare, otherVersion };
}

/**
 * For each grid size near the quad's estimate: refine the grid, sample it once, and read the
 * header in each orientation (the other orientations are symmetries of the same samples).
 */
function readSymbolAt(grey: GreyImage, quad: FinderQuad): { symbol: LocatedSymbol | null; otherVersion: HeaderFields | null; functionErrors: number; flatShare: number } {
  let otherVersion: HeaderFields | null = null;
  let functionErrors = 1;
  let flatShare = 0;
  for (const size of gridSizesNear(quad.sizeEstimate)) {
    const layout = layoutFor(size);
    const map = gridMapFor(quad, layout);
    if (!map) continue;
    const alignmentFound = refineGrid(grey, map, cornerSearchRanges(quad));
    const values = sampleGrid(grey, map, size);
    const read = orientSymbol(values, layout);
    if (read.otherVersion) otherVersion = read.otherVersion;
    if (read.functionErrors < functionErrors) {
      functionErrors = read.functionErrors;
      flatShare = flatTileShare(values, size);
    }
    if (read.orientation) return { symbol: { layout, map, values, orientation: read.orientation, alignmentFound }, otherVersion, functionErrors, flatShare };
  }
  return { symbol: null, otherVersion, functionErrors, flatShare };
}

/** Why no symbol was read, from the best evidence the search left. */
function notFoundError(search: SymbolSearch): Error {
  if (search.otherVersion) return new CarrierFormatError(`version ${search.otherVersion.version}`);
  if (search.bestModule === Infinity) return new CarrierNotFoundError(search.findersSeen);
  if (search.bestModule < BLAME.tooSmallPixelsPerModule) return new CarrierTooSmallError(search.bestModule);
  if (looksBlurry(search.fewestFunctionErrors, search.flatShare)) return new CarrierBlurryError();
  return new CarrierDamagedError('format header');
}

function diagnosticsOf(symbol: LocatedSymbol, correction: CorrectionOutcome, sharpening: number, ppm: number, findersSeen: number): CarrierDiagnostics {
  const { layout, map, orientation } = symbol;
  const { header } = orientation;
  const { rotation, mirrored } = orientationOf(map, layout.size, orientation.symmetry);
  return {
    size: layout.size,
    ecLevel: header.ecLevel,
    moduleMm: moduleMmOf(header.moduleUnits),
    pixelsPerModule: ppm,
    estimatedDpi: (ppm * MODULE_UNITS_PER_INCH) / header.moduleUnits,
    rawBitErrorRate: correction.rawBitErrors / correction.dataBits,
    correctedSymbols: correction.corrected,
    erasures: correction.erasures,
    confidence: Math.max(0, 1 - correction.worstUse),
    rotation,
    mirrored,
    findersSeen,
    alignmentFound: symbol.alignmentFound,
    sharpening,
    headerCorrected: orientation.headerCorrected,
  };
}
