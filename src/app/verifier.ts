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

/** Failures that say "the carrier is not on this page" (a TIFF's front page, say): the next page is tried. */
const NOT_ON_THIS_PAGE = new Set(['verify.no-qr', 'carrier.not-found']);

export interface PagesVerification {
  readonly report: VerificationReport;
  /** The page the report is about (0-based): the first one that carries a back side. */
  readonly page: number;
}

export interface VerifyPagesOptions extends VerifyCallOptions {
  /** Called with each page before it goes to the worker (its pixels are transferred afterwards): for a preview. */
  readonly onPage?: (index: number, image: ImageData) => void | Promise<void>;
}

/**
 * Verifies the pages of one input in order and reports on the first that carries a back side;
 * when none does, the first page's report. A later check (front against back) can ask `pages`
 * for any page again.
 */
export async function verifyPages(pages: VerifierPages, options: VerifyPagesOptions = {}): Promise<PagesVerification> {
  let first: PagesVerification | undefined;
  for (let index = 0; index < pages.count; index++) {
    let image: ImageData;
    try {
      image = await pages.page(index);
    } catch (error) {
      return first ?? { report: inputFailureReport(error), page: index };
    }
    if (options.signal?.aborted) throw new AbortedError();
    await options.onPage?.(index, image);
    const report = await verifyPixels(image, options);
    if (!NOT_ON_THIS_PAGE.has(report.code)) return { report, page: index };
    first ??= { report, page: index };
  }
  return first ?? { report: inputFailureReport(new RangeError('no page')), page: 0 };
}

export function readLocatorInWorker(text: string): Promise<LocatorPeek> {
  return verifyBridge().call((api) => api.readLocator(text) as Promise<LocatorPeek>);
}

export { AbortedError, inputFailureReport };
