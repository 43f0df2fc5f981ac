/**
 * 偽造防止検出画像 (infrared): a 証 mark printed in K-only black inside a surround of C+M+Y grey
 * chosen to match its visual density (a metamer pair, research/anti-forgery.md §1). In daylight the
 * emblem is one even grey. Carbon black (K toner or ink) absorbs near-infrared light (around
 * 850 nm) while cyan, magenta and yellow dyes and most pigments pass it, so under an IR camera the
 * surround vanishes and 証 stands out in black. A colour copier or scanner re-separates the grey
 * as it sees it, usually into K or a K-rich mix, and the mark is lost in the copy.
 *
 * It only works when the printer driver keeps K and CMY apart: the PDF asks for DeviceCMYK, but a
 * driver that converts to RGB and back (or prints "rich black") decides for itself (docs/patterns.md).
 */
import { SHO, type BitmapGlyph } from './glyphs.ts';
import { blankRaster, cellRectangles, fillRect, pxFromMm, type PatternRaster } from './raster.ts';

/** DeviceCMYK tints, 0–1 (PDF 32000-1 §8.6.4.4). */
export type Cmyk = readonly [number, number, number, number];

/**
 * A K-only 50 % black and a composite grey of about the same lightness: equal C, M, Y tints look
 * brownish, so cyan runs a little higher (the usual grey balance of process inks).
 */
export const IR_MARK_INK: Cmyk = [0, 0, 0, 0.5];
export const IR_SURROUND_INK: Cmyk = [0.5, 0.4, 0.4, 0];

export interface IrEmblemPlan {
  readonly sideMm: number;
  /** The mark's cells (x, y, w, h interleaved, mm from the emblem's corner), in IR_MARK_INK. */
  readonly markRects: Float64Array;
  readonly surround: Cmyk;
  readonly mark: Cmyk;
}

/** The mark fills `markScale` of the emblem's side, centred. */
export function irEmblemPlan(sideMm: number, markScale = 0.7, glyph: BitmapGlyph = SHO): IrEmblemPlan {
  const cell = (sideMm * markScale) / Math.max(glyph.width, glyph.height);
  const x0 = (sideMm - cell * glyph.width) / 2;
  const y0 = (sideMm - cell * glyph.height) / 2;
  const markRects = Float64Array.from(cellRectangles(glyph.cells, glyph.width, glyph.height).flatMap(([c, r, w, h]) => [x0 + c * cell, y0 + r * cell, w * cell, h * cell]));
  return { sideMm, markRects, surround: IR_SURROUND_INK, mark: IR_MARK_INK };
}

/**
 * What an IR camera sees (grey, 0 = absorbs): the K plane only. The tests' golden, and the check
 * that the surround carries no K at all.
 */
export function renderIrView(plan: IrEmblemPlan, dpi = 600): PatternRaster {
  const r = blankRaster(plan.sideMm, plan.sideMm, dpi);
  const level = Math.round(255 * (1 - plan.mark[3]));
  for (let i = 0; i < plan.markRects.length; i += 4) {
    const [x, y, w, h] = [0, 1, 2, 3].map((k) => pxFromMm(plan.markRects[i + k], dpi));
    fillRect(r, x, y, w, h, level);
  }
  return r;
}
