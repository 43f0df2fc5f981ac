/**
 * Certificate → PDF bytes: layout once, then vector pages. Pure given the font bytes and metrics,
 * so it runs in a worker, in tests, and in Node (the pdffonts check).
 */
import type { Certificate } from '../documents/types.ts';
import { CERTIFICATE_TITLES } from '../documents/types.ts';
import type { FontMetrics } from '../render/font.ts';
import { layoutCertificate } from '../render/render.ts';
import { buildPdf, type BackSide } from './pdf.ts';

export interface CertificatePdf {
  readonly pdf: Uint8Array;
  /** Sheets of paper (each is a front page and a back page in the PDF). */
  readonly sheets: number;
  /** Characters printed as 〓 (see the note on the paper). */
  readonly missing: readonly string[];
}

export interface FontInput {
  readonly bytes: Uint8Array;
  readonly metrics: FontMetrics;
}

/**
 * `backs[i]` is the back of sheet i; a shorter list repeats its last entry (one QR locator for
 * the whole certificate), and an empty list leaves placeholders.
 */
export function certificatePdf(cert: Certificate, font: FontInput, backs: readonly BackSide[] = [], createdAt?: Date): CertificatePdf {
  const { sheets, missing } = layoutCertificate(cert, font.metrics);
  const pdf = buildPdf(sheets, backs, { fontBytes: font.bytes, metrics: font.metrics, title: `${CERTIFICATE_TITLES[cert.kind].ja} ${cert.serial}`, createdAt });
  return { pdf, sheets: sheets.length, missing };
}
