/**
 * Certificate → sheets of drawing operations. One function for the front of every sheet, used by
 * the PDF writer at issue time and by the verifier for the restored image.
 */
import { CHARACTERS_RENDER_VERSION, type Certificate } from '../documents/types.ts';
import type { FontMetrics } from './font.ts';
import { documentFor } from './forms.ts';
import { glyphTableOf } from './glyph-sources.ts';
import { Painter, TextMeasure, type DrawOp, type Sheet } from './layout.ts';
import { drawOfficialSeal, flowSheets } from './sheets.ts';

export interface LaidOutCertificate {
  readonly sheets: readonly Sheet[];
  /** Clusters no source has, printed as 〓 (or their base character) and explained in a note on the paper. */
  readonly missing: readonly string[];
}

/** Lays the certificate out; the outlines it carries (`cert.glyphs`) draw what the font lacks. */
export function layoutCertificate(cert: Certificate, font: FontMetrics): LaidOutCertificate {
  // Version 1 content is drawn by version 1's rules: its variation sequences as their base character.
  return flowSheets(new TextMeasure(font, glyphTableOf(cert.glyphs), cert.renderVersion >= CHARACTERS_RENDER_VERSION), documentFor(cert));
}

/** The drawing operations of a municipality's 公印 on its own, at the origin. */
export function officialSealOps(sealText: string, sizeMm: number, font: FontMetrics): DrawOp[] {
  const painter = new Painter(new TextMeasure(font));
  drawOfficialSeal(painter, 0, 0, sizeMm, sealText);
  return painter.ops;
}
