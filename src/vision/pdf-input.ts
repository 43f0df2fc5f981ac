/**
 * A kofu PDF as verifier input: the back page of its first sheet (page 2: every sheet is a front
 * page followed by its back) rendered at scan resolution with PDF.js (pdfjs-dist), so the same
 * pipeline reads it as a 300 dpi flatbed scan. PDF.js is loaded on first use only and served from
 * this app's origin (precached by the service worker): it works offline.
 *
 * Hostile PDFs: a few kilobytes of compressed content can expand to millions of drawing operators
 * (2,000,000 rectangles took 8–50 s and 5–6 GB in Chromium). The work is bounded here by the
 * operators executed (a kofu back page draws two images and a few rectangles), and the app runs
 * this in a worker it terminates on Cancel or after a deadline (src/app/pdf-page.ts).
 *
 * Runs in a worker or a page, every canvas an OffscreenCanvas. PDF.js parses in a worker of its
 * own, started here (in a worker: nested, handed to PDF.js as its port, since PDF.js would look
 * for `window.location`), so the page's operators arrive in chunks while parsing goes on and the
 * bound can stop it early. Where a worker cannot start another one, PDF.js parses in this thread
 * ("fake worker"); it then delivers operators only at the end, and the deadline in
 * src/app/pdf-page.ts is what stops a hostile page. Browser edges: OffscreenCanvas, Worker.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { KofuError, type NoParams, type ParamsOf } from '../bytes/errors.ts';
import type { VisionErrorCode, VisionErrorParams } from './errors.ts';
import { checkInputSize, checkPixelCount } from './input.ts';

export class PdfInputError<Code extends VisionErrorCode = VisionErrorCode> extends KofuError<Code, ParamsOf<VisionErrorParams, Code>> {
  override readonly name = 'PdfInputError';
}

/** The back of sheet 1. */
export const BACK_PAGE = 2;
const POINTS_PER_INCH = 72;
/**
 * Drawing operators allowed on the back page. kofu's back page has a few dozen (jsPDF: two image
 * XObjects, their transforms, a few rectangles and text); 10,000 leaves room for any re-saved
 * copy and stops a hostile page within a fraction of a second of parsing.
 */
export const MAX_PDF_OPERATORS = 10_000;

/** PDF.js canvas factory for any thread: OffscreenCanvas instead of `document.createElement`. */
class OffscreenCanvasFactory {
  create(width: number, height: number) {
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) };
  }
  reset(entry: { canvas: OffscreenCanvas | null }, width: number, height: number) {
    if (!entry.canvas) throw new Error('Canvas is not specified');
    entry.canvas.width = width;
    entry.canvas.height = height;
  }
  destroy(entry: { canvas: OffscreenCanvas | null; context: unknown }) {
    if (entry.canvas) entry.canvas.width = entry.canvas.height = 0;
    entry.canvas = null;
    entry.context = null;
  }
}

/** No SVG filters (they need a DOM): a kofu back page uses none; a page that does renders without them. */
class NoFilterFactory {
  addFilter() {
    return 'none';
  }
  addHCMFilter() {
    return 'none';
  }
  addAlphaFilter() {
    return 'none';
  }
  addLuminosityFilter() {
    return 'none';
  }
  addHighlightHCMFilter() {
    return 'none';
  }
  destroy() {}
}

const tooComplex = () => new PdfInputError('vision.pdf-too-complex', { max: MAX_PDF_OPERATORS });

type Pdfjs = typeof import('pdfjs-dist');

let provided: Pdfjs | undefined;

/**
 * PDF.js as imported statically by the worker that renders pages (workers/pdf-page.worker.ts), so
 * that no dynamic import() runs in a worker: Firefox ESR 153 left one pending for ever in about 1
 * run in 7 of kofu's e2e under load (the page then hit the 30 s deadline).
 */
export function providePdfjs(module: Pdfjs): void {
  provided = module;
}

/** PDF.js, and the worker it parses in: its own in a page, a nested one in a worker, none (same thread) where nesting is unavailable. */
async function loadPdfjs(): Promise<{ pdfjs: Pdfjs; parser?: InstanceType<Pdfjs['PDFWorker']>; nested?: Worker }> {
  const pdfjs = provided ?? (await import('pdfjs-dist'));
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  const inPage = typeof window !== 'undefined';
  if (inPage) return { pdfjs };
  if (typeof Worker !== 'undefined') {
    const nested = new Worker(workerUrl, { type: 'module', name: 'kofu-pdfjs' });
    return { pdfjs, parser: new pdfjs.PDFWorker({ port: nested as never }), nested };
  }
  // Sets globalThis.pdfjsWorker, which PDF.js then runs in this thread.
  await import(/* @vite-ignore */ workerUrl);
  return { pdfjs };
}

export interface PdfRenderOptions {
  readonly dpi?: number;
  readonly maxOperators?: number;
}

/** One run of text in a PDF page's text layer (pdf.js text content): left x and baseline y in mm from the top-left corner, em size and width in mm. */
export interface PageTextItem {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly width: number;
}

export interface PdfPage {
  readonly image: ImageData;
  readonly text: PageTextItem[];
}

/** Pages read from one PDF at most: a certificate of three sheets, front and back (each page at 300 dpi is 35 MB of pixels). */
export const MAX_PDF_PAGES = 6;

const MM_PER_POINT = 25.4 / POINTS_PER_INCH;

type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;

/** Opens the PDF with PDF.js, runs `use` on it, and always tears PDF.js down after. */
async function withPdf<T>(file: Blob | Uint8Array, use: (document: PdfDocument) => Promise<T>): Promise<T> {
  checkInputSize(file instanceof Blob ? file.size : file.length);
  const { pdfjs, parser, nested } = await loadPdfjs();
  const data = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : file;
  // No font faces, no system fonts, no wasm decoders: glyphs are drawn as paths by PDF.js itself.
  const task = pdfjs.getDocument({
    data,
    disableFontFace: true,
    useSystemFonts: false,
    useWasm: false,
    CanvasFactory: OffscreenCanvasFactory,
    FilterFactory: NoFilterFactory,
    worker: parser,
  } as Parameters<typeof pdfjs.getDocument>[0]);
  let document;
  try {
    document = await task.promise;
  } catch (cause) {
    throw new PdfInputError('vision.pdf-unreadable', {} as NoParams, { cause });
  }
  try {
    return await use(document);
  } finally {
    await task.destroy();
    parser?.destroy();
    nested?.terminate();
  }
}

/** Page `number` (1-based) rasterised at `dpi` on white, within the operator bound. */
async function renderPage(document: PdfDocument, number: number, dpi: number, maxOperators: number): Promise<ImageData> {
  const page = await document.getPage(number);
  const viewport = page.getViewport({ scale: dpi / POINTS_PER_INCH });
  const width = Math.round(viewport.width);
  const height = Math.round(viewport.height);
  checkPixelCount(width, height);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  let exceeded = false;
  const render = page.render({
    canvas: canvas as unknown as HTMLCanvasElement,
    canvasContext: context as unknown as CanvasRenderingContext2D,
    viewport,
    // Called with each operator's index as it is executed, while the parser still streams the
    // rest: the first operator past the bound cancels the render, which stops the parser too.
    operationsFilter: (index: number) => {
      if (index < maxOperators) return true;
      if (!exceeded) {
        exceeded = true;
        queueMicrotask(() => render.cancel());
      }
      return false;
    },
  });
  try {
    await render.promise;
  } catch (cause) {
    if (exceeded) throw tooComplex();
    throw cause;
  }
  return context.getImageData(0, 0, width, height);
}

/**
 * Page `number`'s text layer in mm from the top-left corner. PDF.js gives each run's text matrix
 * in PDF user space (points, y up; PDF 32000-1 § 9.4.2): e, f are the origin on the baseline,
 * the length of (c, d) the em size.
 */
async function pageText(document: PdfDocument, number: number): Promise<PageTextItem[]> {
  const page = await document.getPage(number);
  const [, , , top] = page.view;
  let content;
  try {
    content = await page.getTextContent();
  } catch {
    // WebKitGTK's PDF.js text path fails (its stream reading); without the layer, the page's
    // pixels are still compared — a missing layer is what a scanned PDF has too.
    return [];
  }
  const out: PageTextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item) || !item.str.trim()) continue;
    const [, , c, d, e, f] = item.transform as number[];
    out.push({ text: item.str, x: e * MM_PER_POINT, y: (top - f) * MM_PER_POINT, size: Math.hypot(c, d) * MM_PER_POINT, width: item.width * MM_PER_POINT });
  }
  return out;
}

export async function renderPdfBackPage(file: Blob | Uint8Array, options: PdfRenderOptions = {}): Promise<ImageData> {
  const { dpi = 300, maxOperators = MAX_PDF_OPERATORS } = options;
  return withPdf(file, async (document) => {
    if (document.numPages < BACK_PAGE) throw new PdfInputError('vision.pdf-no-back', {} as NoParams);
    return renderPage(document, BACK_PAGE, dpi, maxOperators);
  });
}

/**
 * Every page of a PDF (at most MAX_PDF_PAGES) rasterised at `dpi`, with its text layer: kofu's
 * own PDF (front, back per sheet) or a duplex scanner's (page images, no text). The operator
 * bound applies to each page.
 */
export async function renderPdfPages(file: Blob | Uint8Array, options: PdfRenderOptions = {}): Promise<PdfPage[]> {
  const { dpi = 300, maxOperators = MAX_PDF_OPERATORS } = options;
  return withPdf(file, async (document) => {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= Math.min(document.numPages, MAX_PDF_PAGES); number++) {
      pages.push({ image: await renderPage(document, number, dpi, maxOperators), text: await pageText(document, number) });
    }
    return pages;
  });
}
