/**
 * The whole sheet (issue #11): every page a person gave — front and back as two files, one
 * two-page PDF, a multi-page TIFF, two photos — sorted into backs and fronts, the backs verified
 * (pipeline.ts), each front compared with the rendering of its own sheet (front.ts), and the
 * outcome decided by the rules of sheet-verdict.ts.
 *
 *   pages → verifyBack each → backs (a carrier or QR code) | fronts (the rest)
 *         → the back the verdict rests on (chooseBack), backs agree?
 *         → the signed content rendered at COMPARE_DPI → front i ↔ sheet i (or the sheet it fits)
 *         → wholeSheetVerdict
 *
 * Like the pipeline, it never throws for bad input; only cancellation escapes. Runs in the
 * verify worker; every browser-facing part (QR reader, renderer) is a dependency.
 */
import { looksLikeCarrier } from './carrier-like.ts';
import { throwIfAborted } from '../bytes/errors.ts';
import { adoptSuppressed, suppressBackground, type Suppressed } from '../compare/background.ts';
import { COMPARE_DPI, type GlobalExcessElsewhere, type GlobalExcessJob } from '../compare/compare.ts';
import { adoptSurroundRemoved, paperSurround } from '../compare/surround.ts';
import { A4 } from '../render/layout.ts';
import { greyToRgba, rgbaToGrey, type GreyImage } from '../vision/grey.ts';
import type { PageTextItem } from '../vision/pdf-input.ts';
import { checkFront, checkFrontElsewhere, looksLikePrintedPage, type FrontReference, type FrontResult } from './front.ts';
import { verifyBack, type BackResult, type PipelineOptions } from './pipeline.ts';
import type { RgbaLike } from './qr.ts';
import type { FrontCheck, RestoredImage, VerificationReport } from './report.ts';
import type { Restored } from './restore.ts';
import { backsAgree, chooseBack, wholeSheetVerdict } from './sheet-verdict.ts';
import { adviceFor } from './verdicts.ts';

export interface SheetPage extends RgbaLike {
  /** The page's text layer, for a page of a PDF. */
  readonly text?: readonly PageTextItem[];
}

export interface SheetOptions extends Omit<PipelineOptions, 'onProgress'> {
  readonly onProgress?: (fraction: number) => void;
  /**
   * Reads a page on another thread (the verify worker's page-check worker): with two or more
   * pages, this thread and that one take pages from either end of the list, so that a front's QR
   * search and step 0 of its comparison run beside the back's carrier decoding. The page's pixels
   * must stay usable here (send a copy). Undefined: that thread is not there (it could not start,
   * or it failed) and the page is read here, as are the rest. `signal` aborts when this thread has
   * given up waiting (see OTHER_THREAD_GRACE_MS): the other thread should then be stopped. Absent:
   * every page is read here, in order.
   */
  readonly readElsewhere?: (page: SheetPage, index: number, signal: AbortSignal) => Promise<PageReading | undefined>;
  /** Least wait for the other thread once this one has read its share (default OTHER_THREAD_GRACE_MS); tests shorten it. */
  readonly otherThreadGraceMs?: number;
  /**
   * The global half of a scanned front's difference map on the other thread (src/compare/compare.ts
   * GlobalExcessElsewhere), while this one computes the rest of the comparison; undefined from it,
   * or no answer within the grace once this thread is done, and it is computed here. `signal`
   * aborts when this thread gives up waiting. Absent: all of it here.
   */
  readonly compareElsewhere?: (job: GlobalExcessJob, signal: AbortSignal) => Promise<Uint8Array | undefined>;
}

/**
 * Once this thread has read its share of the pages, the other thread is given this long, or twice
 * this thread's slowest page if that is longer, to answer; past that its page is read here. A
 * thread that stopped answering (a browser that lost a message or ended a worker without an error
 * event) then costs seconds, never the verdict.
 */
export const OTHER_THREAD_GRACE_MS = 5_000;

/** What reading one page found (readPage): its result as a back and, for a front candidate, the page in grey. */
export interface PageReading {
  readonly index: number;
  readonly result: BackResult;
  /**
   * Not a back (no QR code and no carrier): the page in grey with its surround turned to paper
   * (src/compare/surround.ts), and step 0 of its comparison (src/compare/background.ts) when the
   * reader did it ahead (readPage's `prepareFront`).
   */
  readonly front?: { readonly grey: GreyImage; readonly background?: Suppressed };
  /** Read by `readElsewhere`: a back's fine rendering did not come with it (a function stays on the thread that made it). */
  readonly elsewhere?: boolean;
}

/** Failures that say "this page is not a back" (no QR code, no carrier): a front candidate. */
const NOT_A_BACK = new Set(['verify.no-qr', 'carrier.not-found']);

const greyOf = (page: RgbaLike): GreyImage => (page.data.length === page.width * page.height ? { width: page.width, height: page.height, data: page.data as Uint8Array } : rgbaToGrey(page.data, page.width, page.height));

interface Classified {
  readonly index: number;
  readonly result: BackResult;
  readonly elsewhere?: boolean;
}

/**
 * One page read as a back (pipeline.ts verifyBack); a page that is not one (no QR code, no
 * carrier) is a front candidate, in grey, with step 0 of its comparison done ahead when
 * `prepareFront` (for a reader on another thread, whose spare time it uses).
 */
export async function readPage(page: SheetPage, index: number, options: PipelineOptions, prepareFront = false): Promise<PageReading> {
  const result = await verifyBack(page, options);
  if (!NOT_A_BACK.has(result.report.code)) return { index, result };
  const grey = greyOf(page);
  if (result.report.code === 'verify.no-qr' && looksLikeCarrier(grey)) return { index, result };
  // A dark lid or desk around the page turned to paper here (src/compare/surround.ts), before
  // step 0, so that step 0 done ahead is the one the comparison uses.
  const front = paperSurround(grey);
  return { index, result, front: { grey: front, ...(prepareFront ? { background: suppressBackground(front) } : {}) } };
}

/**
 * Every page read (readPage), in page order. With `readElsewhere` and two pages or more, this
 * thread takes pages from the end of the list and the other from the start (a front usually comes
 * before its back, and the back's carrier is the longer read): each page is read once, by whichever
 * thread reaches it first, and what a page gives does not depend on which thread read it.
 */
async function readPages(pages: readonly SheetPage[], options: SheetOptions): Promise<PageReading[]> {
  // Backs take most of the time (the carrier); the comparison of fronts comes after.
  const share = 0.7 / Math.max(1, pages.length);
  const readings: PageReading[] = [];
  let done = 0;
  const here = (index: number) => readPage(pages[index], index, { ...options, onProgress: (p) => options.onProgress?.((done + p.fraction) * share) });
  const elsewhere = options.readElsewhere;
  if (!elsewhere || pages.length < 2) {
    for (let index = 0; index < pages.length; index++) {
      throwIfAborted(options.signal);
      readings[index] = await here(index);
      done++;
    }
    return readings;
  }
  let first = 0;
  let last = pages.length - 1;
  let slowestHere = 0;
  const fromEnd = async () => {
    while (first <= last) {
      throwIfAborted(options.signal);
      const index = last--;
      const started = performance.now();
      readings[index] = await here(index);
      slowestHere = Math.max(slowestHere, performance.now() - started);
      options.onProgress?.(++done * share);
    }
  };
  const local = fromEnd();
  const grace = () => Math.max(options.otherThreadGraceMs ?? OTHER_THREAD_GRACE_MS, 2 * slowestHere);
  const fromStart = async () => {
    let there = true;
    while (first <= last) {
      throwIfAborted(options.signal);
      const index = first++;
      const reading: PageReading | undefined = there ? await untilGivenUp((signal) => elsewhere(pages[index], index, signal), local, grace) : undefined;
      there = reading !== undefined;
      readings[index] = reading ? { ...reading, elsewhere: true } : await here(index);
      options.onProgress?.(++done * share);
    }
  };
  await Promise.all([local, fromStart()]);
  return readings;
}

/**
 * `call`'s answer, or undefined once `idle` (this thread's own share) has settled and `grace()`
 * more milliseconds have passed without one; the call's signal is then aborted.
 */
async function untilGivenUp<T>(call: (signal: AbortSignal) => Promise<T>, idle: Promise<unknown>, grace: () => number): Promise<T | undefined> {
  const stop = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The call may answer before `idle` settles: no timer is started after that (it would abort an answered call).
  let answered = false;
  const givenUp = idle.then(() =>
    answered
      ? undefined
      : new Promise<undefined>((resolve) => {
          timer = setTimeout(() => {
            stop.abort();
            resolve(undefined);
          }, grace());
        }),
  );
  try {
    return await Promise.race([call(stop.signal), givenUp]);
  } finally {
    answered = true;
    clearTimeout(timer);
  }
}

/** Verifies every page; returns the whole-sheet report. */
export async function verifySheet(pages: readonly SheetPage[], options: SheetOptions): Promise<VerificationReport> {
  const backs: Classified[] = [];
  const fronts: { index: number; grey: GreyImage; text?: readonly PageTextItem[] }[] = [];
  let firstFailure: Classified | undefined;
  for (const { index, result, front, elsewhere } of await readPages(pages, options)) {
    firstFailure ??= { index, result };
    if (!front) backs.push({ index, result, elsewhere });
    else {
      // The surround and step 0 done by the other thread on the same pixels: the comparison takes it from there.
      adoptSurroundRemoved(front.grey);
      if (front.background) adoptSuppressed(front.grey, front.background);
      fronts.push({ index, grey: front.grey, text: pages[index].text });
    }
  }
  const chosen = chooseBack(backs.map((b) => ({ ...b.result.report, classified: b })))?.classified;
  const frontLike = fronts.filter((f) => (f.text && f.text.length > 0) || looksLikePrintedPage(f.grey)).length;

  if (!chosen || !chosen.result.certificate) {
    const report = (chosen ?? firstFailure)?.result.report;
    const base: VerificationReport = report ?? { verdict: 'invalid', demo: false, code: 'verify.no-qr', params: {}, stage: 'qr', warnings: [], restored: [], timings: {} };
    const verdict = wholeSheetVerdict({ back: chosen?.result.report, backsAgree: true, fronts: [], frontLike });
    const frontOnly = verdict.notes.includes('front-only');
    options.onProgress?.(1);
    return {
      ...base,
      ...(frontOnly ? { code: 'verify.front-only', params: {}, stage: 'qr' as const, advice: adviceFor('verify.front-only', 'qr') } : {}),
      outcome: verdict.outcome,
      notes: verdict.notes,
      fronts: [],
      backPage: chosen?.index,
      pages: pages.length,
    };
  }

  const checks: FrontCheck[] = [];
  if (fronts.length > 0 && options.restore) {
    const references = await referencesFor(chosen, options);
    for (const [ordinal, front] of fronts.entries()) {
      throwIfAborted(options.signal);
      checks.push(await compareWithSheets(front, references, ordinal, options));
      options.onProgress?.(0.7 + (0.3 * (ordinal + 1)) / fronts.length);
    }
  }
  const report = chosen.result.report;
  const verdict = wholeSheetVerdict({ back: report, backsAgree: backsAgree(backs.map((b) => b.result.report)), fronts: checks, frontLike });
  options.onProgress?.(1);
  return { ...report, outcome: verdict.outcome, notes: verdict.notes, fronts: checks, backPage: chosen.index, pages: pages.length };
}

interface SheetReference extends FrontReference {
  readonly rgba: RestoredImage;
}

/**
 * Each sheet's front drawn from the signed content at the comparison resolution, with its text
 * runs: the back's restored images when they are at that resolution (the default), else drawn anew;
 * and, when the renderer has one, its fine rendering (drawn only if a front's cells ask for it).
 */
async function referencesFor(chosen: Classified, options: SheetOptions): Promise<SheetReference[]> {
  const back = chosen.result;
  const drawn = back.report.restored;
  // A back read on the other thread has no fine rendering (a function stays on the thread that made it): drawn anew here.
  const reusable = drawn.length > 0 && drawn.every((image) => image.dpi === COMPARE_DPI) && back.runs && !chosen.elsewhere;
  const restored: Pick<Restored, 'images' | 'runs' | 'fine'> = reusable ? { images: [...drawn], runs: back.runs, fine: back.fine } : await options.restore!(back.certificate!, COMPARE_DPI);
  return restored.images.map((image, sheet) => ({
    sheet,
    rendering: rgbaToGrey(image.pixels, image.width, image.height),
    runs: restored.runs?.[sheet] ?? [],
    page: A4,
    ...(restored.fine ? { fine: restored.fine(sheet) } : {}),
    rgba: { width: image.width, height: image.height, pixels: image.pixels, dpi: COMPARE_DPI },
  }));
}

/**
 * Front `ordinal` (in page order) against sheet `ordinal` first — a kofu PDF and a duplex scan
 * keep the sheets in order — and, when it cannot be placed there, against the other sheets.
 */
async function compareWithSheets(front: { index: number; grey: GreyImage; text?: readonly PageTextItem[] }, references: readonly SheetReference[], ordinal: number, options: SheetOptions): Promise<FrontCheck> {
  const first = Math.min(ordinal, references.length - 1);
  const order = [first, ...references.map((_, i) => i).filter((i) => i !== first)];
  const there = options.compareElsewhere;
  // Given up once this thread has done its half and the other has not answered within the grace.
  const elsewhere: GlobalExcessElsewhere | undefined = there && ((job, localDone) => untilGivenUp((signal) => there(job, signal), localDone, () => options.otherThreadGraceMs ?? OTHER_THREAD_GRACE_MS));
  let result: FrontResult | undefined;
  let reference = references[first];
  for (const sheet of order) {
    reference = references[sheet];
    const input = { page: front.index, grey: front.grey, text: front.text };
    result = elsewhere ? await checkFrontElsewhere(input, reference, elsewhere) : checkFront(input, reference);
    if (result.check.status !== 'unreadable') break;
  }
  const aligned = result!.aligned;
  return {
    ...result!.check,
    rendering: reference.rgba,
    ...(aligned ? { aligned: { width: aligned.width, height: aligned.height, pixels: greyToRgba(aligned), dpi: COMPARE_DPI } } : {}),
  };
}
