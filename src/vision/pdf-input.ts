/**
 * A kofu PDF as verifier input: the back page of its first sheet (page 2: every sheet is a front
 * page followed by its back) rendered at scan resolution with PDF.js (pdfjs-dist), so the same
 * pipeline reads it as a 300 dpi flatbed scan. PDF.js and its worker are loaded on first use only
 * and served from this app's origin (precached by the service worker): it works offline.
 * Browser edge: OffscreenCanvas.
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

export async function renderPdfBackPage(file: Blob, dpi = 300): Promise<ImageData> {
  checkInputSize(file.size);
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  const data = new Uint8Array(await file.arrayBuffer());
  // No font faces, no system fonts, no wasm decoders: the back page is images and rectangles.
  const task = pdfjs.getDocument({ data, disableFontFace: true, useSystemFonts: false, useWasm: false });
  let document;
  try {
    document = await task.promise;
  } catch (cause) {
    throw new PdfInputError('vision.pdf-unreadable', {} as NoParams, { cause });
  }
  try {
    if (document.numPages < BACK_PAGE) {
      throw new PdfInputError('vision.pdf-no-back', {} as NoParams);
    }
    const page = await document.getPage(BACK_PAGE);
    const viewport = page.getViewport({ scale: dpi / POINTS_PER_INCH });
    const width = Math.round(viewport.width);
    const height = Math.round(viewport.height);
    checkPixelCount(width, height);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
    return context.getImageData(0, 0, width, height);
  } finally {
    await task.destroy();
  }
}
