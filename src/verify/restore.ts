/**
 * The restored certificate image: the front of every sheet redrawn from the signed content by
 * the same layout and rasteriser that drew the paper's front (src/render/). The verifier shows it
 * next to the scan so a person can compare it with the paper they hold, as the original service
 * does. Browser edge: needs OffscreenCanvas and FontFace (window or worker).
 */
import type { Certificate } from '../documents/types.ts';
import { ensureFontFace, rasterizeSheet } from '../render/bitmap.ts';
import { loadCertificateFont } from '../render/font-asset.ts';
import { layoutCertificate } from '../render/render.ts';
import type { RestoredImage } from './report.ts';

/** Screen resolution for the restored image: an A4 sheet is 827 × 1169 px, sharp enough to read 8 pt text. */
export const RESTORED_DPI = 100;

export interface Restored {
  /** Sheets the layout needs: must equal the seal's signed `sheets` claim. */
  readonly sheetCount: number;
  readonly images: RestoredImage[];
}

export type RestoreFn = (cert: Certificate, dpi: number) => Promise<Restored>;

export const restoreWithCanvas: RestoreFn = async (cert, dpi) => {
  const font = await loadCertificateFont();
  await ensureFontFace(font.bytes);
  const { sheets } = layoutCertificate(cert, font.metrics);
  const images = sheets.map((sheet) => {
    const raster = rasterizeSheet(sheet, dpi, font.metrics);
    return { width: raster.width, height: raster.height, pixels: raster.pixels, dpi };
  });
  return { sheetCount: sheets.length, images };
};
