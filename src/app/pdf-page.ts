/**
 * The back page of a PDF chosen in the verifier, rendered in its own worker
 * (workers/pdf-page.worker.ts): Cancel terminates the worker, so the screen is free at once
 * instead of waiting for PDF.js to finish, and a page that still takes longer than a deadline is
 * stopped the same way and refused with a message that says so.
 */
import { transfer, type Remote } from 'comlink';
import { checkInputSize } from '../vision/input.ts';
import { PdfInputError, type PageTextItem } from '../vision/pdf-input.ts';
import type { PdfPageWorkerApi } from '../../workers/pdf-page.worker.ts';
import { WorkerBridge } from './worker-bridge.ts';

/** A kofu back page renders in 1–3 s on a phone; four times that is a page kofu did not make. */
export const PDF_PAGE_DEADLINE_MS = 12_000;

let bridge: WorkerBridge<PdfPageWorkerApi> | undefined;

/** A short idle time: the worker holds PDF.js and a page of pixels, and a PDF is rarely followed by another. */
export function pdfPageBridge(): WorkerBridge<PdfPageWorkerApi> {
  bridge ??= new WorkerBridge<PdfPageWorkerApi>(() => new Worker(new URL('../../workers/pdf-page.worker.ts', import.meta.url), { type: 'module', name: 'kofu-pdf-page' }), 2_000);
  return bridge;
}

export interface PdfPageOptions {
  readonly signal?: AbortSignal;
  readonly deadlineMs?: number;
  readonly dpi?: number;
  /** See MAX_PDF_OPERATORS in src/vision/pdf-input.ts. */
  readonly maxOperators?: number;
}

const tooSlow = (seconds: number) => new PdfInputError('vision.pdf-too-slow', { seconds });

/** The back page's pixels; AbortedError on Cancel, `vision.pdf-too-slow` past the deadline, or why the PDF was refused. */
export async function renderPdfBackPageInWorker(file: Blob, options: PdfPageOptions = {}): Promise<ImageData> {
  const page = await inPdfWorker(file, options, (api, bytes) => api.renderBackPage(bytes, options.dpi, options.maxOperators));
  return new ImageData(page.rgba as Uint8ClampedArray<ArrayBuffer>, page.width, page.height);
}

export interface PdfPageWithText {
  readonly image: ImageData;
  readonly text: PageTextItem[];
}

/** Every page of the PDF (fronts and backs) with its text layer; the deadline covers them all. */
export async function renderPdfPagesInWorker(file: Blob, options: PdfPageOptions = {}): Promise<PdfPageWithText[]> {
  const pages = await inPdfWorker(file, { deadlineMs: PDF_PAGES_DEADLINE_MS, ...options }, (api, bytes) => api.renderPages(bytes, options.dpi, options.maxOperators));
  return pages.map((page) => ({ image: new ImageData(page.rgba as Uint8ClampedArray<ArrayBuffer>, page.width, page.height), text: page.text ?? [] }));
}

/** kofu's PDF of up to three sheets is six pages: more time than one back page, still a bound. */
export const PDF_PAGES_DEADLINE_MS = 30_000;

/** Runs `work` in the PDF page worker with the file's bytes, under Cancel and the deadline. */
async function inPdfWorker<T>(file: Blob, options: PdfPageOptions, work: (api: Remote<PdfPageWorkerApi>, bytes: ArrayBuffer) => Promise<T>): Promise<T> {
  const { signal, deadlineMs = PDF_PAGE_DEADLINE_MS } = options;
  checkInputSize(file.size);
  const bytes = await file.arrayBuffer();
  // One signal for both ways to stop: the caller's Cancel and the deadline.
  const stop = new AbortController();
  const onCancel = () => stop.abort(signal?.reason);
  if (signal?.aborted) onCancel();
  signal?.addEventListener('abort', onCancel, { once: true });
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    stop.abort();
  }, deadlineMs);
  try {
    return await pdfPageBridge().call((api) => work(api, transfer(bytes, [bytes])), { signal: stop.signal });
  } catch (error) {
    if (late && !signal?.aborted) throw tooSlow(Math.round(deadlineMs / 1000));
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCancel);
  }
}
