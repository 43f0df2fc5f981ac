/**
 * Verify worker: a thin comlink adapter over src/verify/pipeline.ts (one image) and
 * src/verify/sheet-pipeline.ts (every page of a sheet, fronts compared). The scan's pixels arrive
 * transferred; the restored images leave transferred.
 */
import { expose, transfer, wrap, type Remote } from 'comlink';
import * as zxing from 'zxing-wasm/reader';
import { scanCameraFrame, type FrameScan } from '../src/app/camera-guidance.ts';
import { installErrorTransfer } from '../src/app/worker-errors.ts';
import { KofuError, type ErrorParams } from '../src/bytes/errors.ts';
import { decodeLocator } from '../src/seal/locator.ts';
import { verifyImage, type TrustInput } from '../src/verify/pipeline.ts';
import { provideQrReader } from '../src/verify/qr.ts';
import { restoreWithCanvas } from '../src/verify/restore.ts';
import { verifySheet, type SheetOptions, type SheetPage } from '../src/verify/sheet-pipeline.ts';
import type { VerificationReport } from '../src/verify/report.ts';
import type { PageCheckWorkerApi } from './page-check.worker.ts';

installErrorTransfer();
// In this worker's own module graph: no dynamic import() at the first page (see provideQrReader).
provideQrReader(zxing);

/** Longest wait for the page-check worker to answer its first call (it loads one module). */
const PAGE_CHECKER_START_MS = 10_000;

let pageChecker: Promise<PageChecker | undefined> | undefined;

interface PageChecker {
  readonly remote: Remote<PageCheckWorkerApi>;
  /** Rejects when the worker fails (an error event): a call in flight then ends instead of waiting for ever. */
  readonly failed: Promise<never>;
  /** Set once `failed` has rejected. */
  readonly crashed: () => boolean;
  /** Ends the worker (it stopped answering); a call in flight is then left to the caller's fallback. */
  readonly retire: () => void;
}

/**
 * The page-check worker (page-check.worker.ts), started on the first sheet of two pages or more
 * and kept while this worker lives (it ends with it). Undefined on a single core, where a worker
 * cannot start a worker, or when it does not answer: every page is then read here.
 */
function startPageChecker(): Promise<PageChecker | undefined> {
  if (typeof Worker === 'undefined' || (navigator.hardwareConcurrency ?? 1) < 2) return Promise.resolve(undefined);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./page-check.worker.ts', import.meta.url), { type: 'module', name: 'kofu-page-check' });
  } catch {
    return Promise.resolve(undefined);
  }
  const remote = wrap<PageCheckWorkerApi>(worker);
  let crashed = false;
  const failed = new Promise<never>((_, reject) => worker.addEventListener('error', (event) => reject(new Error(`page-check worker: ${event.message}`)), { once: true }));
  failed.catch(() => {
    crashed = true;
    worker.terminate();
  });
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), PAGE_CHECKER_START_MS));
  const checker: PageChecker = { remote, failed, crashed: () => crashed, retire: () => worker.terminate() };
  return Promise.race([remote.ready().then(() => checker), failed.catch(() => undefined), timeout]).then((checker) => {
    if (!checker) worker.terminate();
    return checker;
  });
}

function readElsewhere(trust: TrustInput, locatorText: string | undefined): NonNullable<SheetOptions['readElsewhere']> {
  return (page, index, signal) =>
    onPageChecker((pageChecker ??= startPageChecker()), signal, (checker) => {
      // A copy is sent (≈ 5 ms for an A4 page at 300 dpi), so that should the worker fail, this
      // thread still has the page and reads it itself: a crash costs time, never the verdict.
      const data = page.data.slice();
      return checker.remote.readPage(transfer({ data, width: page.width, height: page.height }, [data.buffer as ArrayBuffer]), index, trust, locatorText);
    });
}

/** The global half of a front's difference map on the page-check worker, when one was started for this sheet. */
const compareElsewhere: NonNullable<SheetOptions['compareElsewhere']> = (job, signal) => {
  if (!pageChecker) return Promise.resolve(undefined);
  return onPageChecker(pageChecker, signal, (checker) => {
    // Copies again: the page and the rendering stay usable here should the answer not come.
    const page = { ...job.page, data: job.page.data.slice() };
    const rendering = { ...job.rendering, data: job.rendering.data.slice() };
    return checker.remote.globalExcess(transfer({ ...job, page, rendering }, [page.data.buffer as ArrayBuffer, rendering.data.buffer as ArrayBuffer]));
  });
};

/**
 * `call` on the page-check worker `started`: its answer, or undefined when there is none (it did
 * not start, it failed, or `signal` says the sheet pipeline gave up waiting, which also ends it).
 * The next sheet then starts a new one.
 */
async function onPageChecker<T>(started: Promise<PageChecker | undefined>, signal: AbortSignal, call: (checker: PageChecker) => Promise<T>): Promise<T | undefined> {
  const checker = await started;
  if (!checker || checker.crashed() || signal.aborted) return undefined;
  const forget = () => {
    if (pageChecker === started) pageChecker = undefined;
  };
  const giveUp = () => {
    checker.retire();
    forget();
  };
  signal.addEventListener('abort', giveUp, { once: true });
  try {
    return await Promise.race([call(checker), checker.failed]);
  } catch (error) {
    if (!checker.crashed()) throw error;
    forget();
    return undefined;
  } finally {
    signal.removeEventListener('abort', giveUp);
  }
}

/** The locator's issuer and serial, or the code and params of why it cannot be read. */
export type LocatorPeek = { ok: true; issuer: number; serial: number } | { ok: false; code: string; params: object };

const api = {
  async verify(
    rgba: Uint8ClampedArray,
    width: number,
    height: number,
    trust: TrustInput,
    locatorText: string | undefined,
    onProgress?: (fraction: number) => unknown,
  ): Promise<VerificationReport> {
    let delivered: unknown;
    const report = await verifyImage(
      { data: rgba, width, height },
      { trust, locatorText, restore: restoreWithCanvas, onProgress: (p) => (delivered = onProgress?.(p.fraction)) },
    );
    await delivered;
    return transfer(report, buffersOf(report));
  },
  /**
   * Every page the person gave (fronts and backs, in order; their pixels arrive transferred):
   * the whole-sheet report of src/verify/sheet-pipeline.ts.
   */
  async verifySheet(pages: SheetPage[], trust: TrustInput, locatorText: string | undefined, onProgress?: (fraction: number) => unknown): Promise<VerificationReport> {
    let delivered: unknown;
    const report = await verifySheet(pages, {
      trust,
      locatorText,
      restore: restoreWithCanvas,
      onProgress: (fraction) => (delivered = onProgress?.(fraction)),
      ...(pages.length > 1 ? { readElsewhere: readElsewhere(trust, locatorText), compareElsewhere } : {}),
    });
    await delivered;
    return transfer(report, buffersOf(report));
  },
  /**
   * One camera frame (src/app/camera-guidance.ts): the hint for the preview always, the whole
   * pipeline when the hint is good or `decodeAnyway`. Restored images leave transferred.
   */
  async scanFrame(rgba: Uint8ClampedArray, width: number, height: number, trust: TrustInput, locatorText: string | undefined, decodeAnyway: boolean): Promise<FrameScan> {
    const scan = await scanCameraFrame({ data: rgba, width, height }, { trust, locatorText, restore: restoreWithCanvas, decodeAnyway });
    return transfer(scan, scan.report?.restored.map((r) => r.pixels.buffer as ArrayBuffer) ?? []);
  },
  /** The locator from a `/verify#digits` URL: issuer and serial, or why it cannot be read. */
  async readLocator(text: string): Promise<LocatorPeek> {
    try {
      const locator = decodeLocator(text);
      return { ok: true, issuer: locator.issuer, serial: locator.serial };
    } catch (error) {
      if (error instanceof KofuError) return { ok: false, code: error.code, params: error.params };
      return { ok: false, code: 'verify.unexpected-qr', params: { detail: error instanceof Error ? error.message : String(error) } satisfies ErrorParams };
    }
  },
};

/** Every pixel buffer of a report, once each (a sheet's rendering is shared by the fronts compared with it). */
function buffersOf(report: VerificationReport): ArrayBuffer[] {
  const images = [...report.restored, ...(report.fronts ?? []).flatMap((f) => [f.aligned, f.rendering])];
  return [...new Set(images.flatMap((image) => (image ? [image.pixels.buffer as ArrayBuffer] : [])))];
}

export type VerifyWorkerApi = typeof api;

expose(api);
