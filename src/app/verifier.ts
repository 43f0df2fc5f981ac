/**
 * Composition of the verifier: the trust lists this device holds (trust store, main thread,
 * IndexedDB) and the pipeline in the verify worker. Input errors (file too large, not an image)
 * become invalid reports like every other failure, so the UI has one result shape.
 */
import { transfer } from 'comlink';
import type { LocatorPeek, VerifyWorkerApi } from '../../workers/verify.worker.ts';
import { AbortedError } from '../bytes/errors.ts';
import { inputFailureReport } from '../verify/verdicts.ts';
import type { VerificationReport } from '../verify/report.ts';
import type { PageTextItem } from '../vision/pdf-input.ts';
import { trustStore } from './trust/verifier-trust.ts';
import type { VerifierPages } from './verifier-input.ts';
import { WorkerBridge, type CallOptions } from './worker-bridge.ts';

let bridge: WorkerBridge<VerifyWorkerApi> | undefined;

export function verifyBridge(): WorkerBridge<VerifyWorkerApi> {
  bridge ??= new WorkerBridge<VerifyWorkerApi>(
    () => new Worker(new URL('../../workers/verify.worker.ts', import.meta.url), { type: 'module', name: 'kofu-verify' }),
  );
  return bridge;
}

export interface VerifyCallOptions extends CallOptions {
  /** The locator from the `/verify#digits` URL, if the page was opened from the QR code. */
  readonly locatorText?: string;
}

/** Verifies RGBA pixels (transferred: `image` is unusable afterwards). */
export async function verifyPixels(image: { data: Uint8ClampedArray; width: number; height: number }, options: VerifyCallOptions = {}): Promise<VerificationReport> {
  let trust;
  try {
    const current = await trustStore().currentTrust();
    trust = { demoMode: current.demoMode, lists: [...current.lists] };
  } catch (error) {
    return inputFailureReport(error);
  }
  return verifyBridge().call(
    (api, onProgress) => api.verify(transfer(image.data, [image.data.buffer]), image.width, image.height, trust, options.locatorText, onProgress),
    options,
  );
}

export interface PagesVerification {
  readonly report: VerificationReport;
  /** The page the report is about (0-based): the back the verdict rests on, or the first page. */
  readonly page: number;
}

export interface VerifyPagesOptions extends VerifyCallOptions {
  /** Called with each page before it goes to the worker (its pixels are transferred afterwards): for a preview. */
  readonly onPage?: (index: number, image: ImageData) => void | Promise<void>;
}

/** Pages sent to the worker in one call at most: three sheets, front and back (each 35 MB at 300 dpi). */
export const MAX_SHEET_PAGES = 6;

/**
 * Verifies all pages of what the person gave as one sheet (src/verify/sheet-pipeline.ts): the
 * pages are classified in the worker (a back has the carrier or QR code), each front is compared
 * with its sheet, and the report carries the whole-sheet outcome.
 */
export async function verifyPages(pages: VerifierPages, options: VerifyPagesOptions = {}): Promise<PagesVerification> {
  const images: { data: Uint8ClampedArray; width: number; height: number; text?: readonly PageTextItem[] }[] = [];
  for (let index = 0; index < Math.min(pages.count, MAX_SHEET_PAGES); index++) {
    let image: ImageData;
    try {
      image = await pages.page(index);
    } catch (error) {
      return { report: inputFailureReport(error), page: index };
    }
    if (options.signal?.aborted) throw new AbortedError();
    await options.onPage?.(index, image);
    const text = pages.text?.(index);
    images.push({ data: image.data, width: image.width, height: image.height, ...(text ? { text: [...text] } : {}) });
  }
  if (images.length === 0) return { report: inputFailureReport(new RangeError('no page')), page: 0 };
  let trust;
  try {
    const current = await trustStore().currentTrust();
    trust = { demoMode: current.demoMode, lists: [...current.lists] };
  } catch (error) {
    return { report: inputFailureReport(error), page: 0 };
  }
  const report = await verifyBridge().call(
    (api, onProgress) =>
      api.verifySheet(
        transfer(images, images.map((i) => i.data.buffer as ArrayBuffer)),
        trust,
        options.locatorText,
        onProgress,
      ),
    options,
  );
  return { report, page: report.backPage ?? report.fronts?.[0]?.page ?? 0 };
}

export function readLocatorInWorker(text: string): Promise<LocatorPeek> {
  return verifyBridge().call((api) => api.readLocator(text) as Promise<LocatorPeek>);
}

export { AbortedError, inputFailureReport };
