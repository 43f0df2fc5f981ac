/**
 * PDF page worker: renders the back page of a PDF chosen in the verifier (src/vision/pdf-input.ts)
 * off the main thread, so that Cancel, or the deadline in src/app/pdf-page.ts, ends the work at
 * once by terminating this worker — PDF.js's parser included, which runs in this same thread.
 * The file's bytes arrive transferred; the pixels leave transferred.
 */
import { expose, transfer } from 'comlink';
import { installErrorTransfer } from '../src/app/worker-errors.ts';
import { renderPdfBackPage } from '../src/vision/pdf-input.ts';

installErrorTransfer();

export interface RenderedPage {
  readonly rgba: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

const api = {
  async renderBackPage(bytes: ArrayBuffer, dpi?: number, maxOperators?: number): Promise<RenderedPage> {
    const image = await renderPdfBackPage(new Uint8Array(bytes), { dpi, maxOperators });
    return transfer({ rgba: image.data, width: image.width, height: image.height }, [image.data.buffer as ArrayBuffer]);
  },
};

export type PdfPageWorkerApi = typeof api;

expose(api);
