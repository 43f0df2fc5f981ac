/**
 * The restored certificate image: the front of every sheet redrawn from the signed content by
 * the same layout and rasteriser that drew the paper's front (src/render/). The verifier shows it
 * next to the scan so a person can compare it with the paper they hold, as the original service
 * does. Browser edge: needs OffscreenCanvas and FontFace (window or worker).
 */
import { COMPARE_DPI } from '../compare/compare.ts';
import type { Certificate } from '../documents/types.ts';
import { ensureFontFace, rasterizeSheet } from '../render/bitmap.ts';
import { loadCertificateFont } from '../render/font-asset.ts';
import { layoutCertificate } from '../render/render.ts';
import type { Sheet } from '../render/layout.ts';
import { MM_PER_PT } from '../render/layout.ts';
import { readableLines, type PrintedRun } from './front.ts';
import type { RestoredImage } from './report.ts';

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
  return { sheetCount: sheets.length, images, runs };
};
