/**
 * Certificate → PDF bytes: layout once, then vector pages. Pure given the font bytes and metrics,
 * so it runs in a worker, in tests, and in Node (the pdffonts check).
 */
import type { Certificate } from '../documents/types.ts';
import { CERTIFICATE_TITLES } from '../documents/types.ts';
import type { FontMetrics } from '../render/font.ts';
import { layoutCertificate } from '../render/render.ts';
import { backTextOps, type BackSide } from './back-page.ts';
import { buildPdf } from './pdf.ts';
import { printPatterns, type PrintSettings } from './print-patterns.ts';

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

export interface CertificatePdfOptions {
  /** Fixes the PDF's CreationDate and /ID. */
  readonly createdAt?: Date;
  /** The pantograph's printer profile and the municipality seed; without it, no patterns. */
  readonly print?: PrintSettings;
  /** The verifier URL the QR opens: with it, every back gets its captions, guidance and serial. */
  readonly verifierUrl?: string;
}

/**
 * `backs[i]` is the back of sheet i; a shorter list repeats its last entry (one QR locator for
 * the whole certificate), and an empty list leaves placeholders.
 */
export function certificatePdf(cert: Certificate, font: FontInput, backs: readonly BackSide[] = [], options: CertificatePdfOptions = {}): CertificatePdf {
  const { sheets, missing } = layoutCertificate(cert, font.metrics);
  const { verifierUrl } = options;
  const perSheet = verifierUrl
    ? sheets.map((_, i) => {
        const back = backs[i] ?? backs[backs.length - 1] ?? {};
        return { ...back, ops: [...(back.ops ?? []), ...backTextOps(font.metrics, { serial: cert.serial, sheet: i + 1, sheets: sheets.length, verifierUrl })] };
      })
    : backs;
  const print = options.print ? printPatterns(options.print) : undefined;
  const pdf = buildPdf(sheets, perSheet, { fontBytes: font.bytes, metrics: font.metrics, title: `${CERTIFICATE_TITLES[cert.kind].ja} ${cert.serial}`, createdAt: options.createdAt, print });
  return { pdf, sheets: sheets.length, missing };
}
