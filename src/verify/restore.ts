/**
 * The restored certificate image: the front of every sheet redrawn from the signed content by
 * the same layout and rasteriser that drew the paper's front (src/render/). The verifier shows it
 * next to the scan so a person can compare it with the paper they hold, as the original service
 * does. Browser edge: needs OffscreenCanvas and FontFace (window or worker).
 */
import { COMPARE_DPI, FINE_DPI } from '../compare/compare.ts';
import type { FineRendering } from '../compare/fine-cells.ts';
import type { Certificate } from '../documents/types.ts';
import { drawSheet, ensureFontFace, rasterizeSheet } from '../render/bitmap.ts';
import { loadCertificateFont } from '../render/font-asset.ts';
import { layoutCertificate } from '../render/render.ts';
import type { Sheet } from '../render/layout.ts';
import { MM_PER_PT } from '../render/layout.ts';
import { readableLines, type PrintedRun } from './front.ts';
import type { RestoredImage } from './report.ts';
import { rgbaToGrey, type GreyImage } from '../vision/grey.ts';

/** The text a sheet prints, run by run (left x and baseline in mm, em size in mm). */
export function printedRuns(sheet: Sheet): PrintedRun[] {
  return sheet.ops.flatMap((op) => (op.kind === 'text' ? [{ text: op.text, x: op.x, y: op.y, size: op.size * MM_PER_PT }] : []));
}

/**
 * Resolution of the restored image: the comparison's (src/compare/compare.ts), so the one
 * rendering serves the screen (A4 is 1240 × 1754 px: 8 pt text reads at 100 %, and zoom goes to
 * 400 %) and the front comparison, and is drawn once.
 */
export const RESTORED_DPI = COMPARE_DPI;

export interface Restored {
  /** Sheets the layout needs: must equal the seal's signed `sheets` claim. */
  readonly sheetCount: number;
  readonly images: RestoredImage[];
  /** Each sheet's printed text runs (for the PDF text-layer check, src/verify/front.ts). */
  readonly runs?: readonly (readonly PrintedRun[])[];
  /**
   * Sheet i's front at FINE_DPI for the cells' second look (src/compare/fine-cells.ts), read
   * window by window: drawn on the first read only (most fronts have no suspicious cell; the
   * whole page at 300 dpi is 2480 × 3508 px), and only the windows are read back.
   */
  readonly fine?: (sheet: number) => FineRendering;
}

export type RestoreFn = (cert: Certificate, dpi: number) => Promise<Restored>;

export const restoreWithCanvas: RestoreFn = async (cert, dpi) => {
  const font = await loadCertificateFont();
  await ensureFontFace(font.bytes);
  const { sheets } = layoutCertificate(cert, font.metrics);
  const runs = sheets.map(printedRuns);
  const images = sheets.map((sheet, i) => {
    const raster = rasterizeSheet(sheet, dpi, font.metrics);
    return { width: raster.width, height: raster.height, pixels: raster.pixels, dpi, lines: readableLines(runs[i]) };
  });
  const fine = (index: number): FineRendering => {
    let canvas: OffscreenCanvas | undefined;
    return (x, y, w, h) => {
      canvas ??= drawSheet(sheets[index], FINE_DPI, font.metrics);
      return readWindow(canvas, x, y, w, h);
    };
  };
  return { sheetCount: sheets.length, images, runs, fine };
};

/** A window of a canvas in grey; what lies outside the canvas reads as paper (getImageData would give transparent black). */
function readWindow(canvas: OffscreenCanvas, x: number, y: number, w: number, h: number): GreyImage {
  const data = new Uint8Array(w * h).fill(255);
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(canvas.width, x + w);
  const y1 = Math.min(canvas.height, y + h);
  if (x1 <= x0 || y1 <= y0) return { width: w, height: h, data };
  const inside = rgbaToGrey(canvas.getContext('2d')!.getImageData(x0, y0, x1 - x0, y1 - y0).data, x1 - x0, y1 - y0);
  for (let r = 0; r < y1 - y0; r++) data.set(inside.data.subarray(r * (x1 - x0), (r + 1) * (x1 - x0)), (y0 - y + r) * w + (x0 - x));
  return { width: w, height: h, data };
}
