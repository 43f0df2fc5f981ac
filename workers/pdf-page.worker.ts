/**
 * PDF page worker: renders the pages of a PDF chosen in the verifier (src/vision/pdf-input.ts)
 * off the main thread, so that Cancel, or the deadline in src/app/pdf-page.ts, ends the work at
 * once by terminating this worker — PDF.js's parser included, which runs in this same thread.
 * The file's bytes arrive transferred; the pixels leave transferred.
 */
import { expose, transfer } from 'comlink';
import * as pdfjs from 'pdfjs-dist';
import { installErrorTransfer } from '../src/app/worker-errors.ts';
import { providePdfjs, renderPdfBackPage, renderPdfPages, type PageTextItem } from '../src/vision/pdf-input.ts';

installErrorTransfer();
// Part of this worker's own module graph: no dynamic import() at the first PDF (see providePdfjs).
providePdfjs(pdfjs);

export interface RenderedPage {
  readonly rgba: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  /** The page's text layer (renderPages only). */
  readonly text?: PageTextItem[];
}

const api = {
  async renderBackPage(bytes: ArrayBuffer, dpi?: number, maxOperators?: number): Promise<RenderedPage> {
    const image = await renderPdfBackPage(new Uint8Array(bytes), { dpi, maxOperators });
    return transfer({ rgba: image.data, width: image.width, height: image.height }, [image.data.buffer as ArrayBuffer]);
  },
  /** Every page (fronts and backs, src/vision/pdf-input.ts MAX_PDF_PAGES at most) with its text layer. */
  async renderPages(bytes: ArrayBuffer, dpi?: number, maxOperators?: number): Promise<RenderedPage[]> {
    const pages = await renderPdfPages(new Uint8Array(bytes), { dpi, maxOperators });
    const out = pages.map(({ image, text }) => ({ rgba: image.data, width: image.width, height: image.height, text }));
    return transfer(out, out.map((p) => p.rgba.buffer as ArrayBuffer));
  },
};

export type PdfPageWorkerApi = typeof api;

expose(api);
