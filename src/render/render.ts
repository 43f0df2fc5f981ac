/**
 * Certificate → sheets of drawing operations. One function for the front of every sheet, used by
 * the PDF writer at issue time and by the verifier for the restored image.
 */
import type { Certificate } from '../documents/types.ts';
import type { FontMetrics } from './font.ts';
import { documentFor } from './forms.ts';
import { TextMeasure, type Sheet } from './layout.ts';
import { flowSheets } from './sheets.ts';

export interface LaidOutCertificate {
  readonly sheets: readonly Sheet[];
  /** Characters the font lacks, printed as 〓 and explained in a note on the paper. */
  readonly missing: readonly string[];
}

export function layoutCertificate(cert: Certificate, font: FontMetrics): LaidOutCertificate {
  return flowSheets(new TextMeasure(font), documentFor(cert));
}
