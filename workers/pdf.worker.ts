/**
 * PDF worker: a thin comlink adapter over src/pdf and src/render. The font is fetched once per
 * worker; PDF bytes and pixels leave as transferred buffers.
 */
import { expose, transfer } from 'comlink';
import { installErrorTransfer } from '../src/app/worker-errors.ts';
import type { Certificate } from '../src/documents/types.ts';
import { calibrationSheet, pantographCalibrationSheet } from '../src/pdf/calibration.ts';
import { decoderFilmSheet } from '../src/pdf/decoder-film.ts';
import { certificatePdf } from '../src/pdf/certificate-pdf.ts';
import { buildSimplePdf, type BackSide } from '../src/pdf/pdf.ts';
import type { PrintSettings } from '../src/pdf/print-patterns.ts';
import type { CarrierSymbol } from '../src/carrier/index.ts';
import type { LocatorQr } from '../src/seal/locator.ts';
import { ensureFontFace, rasterizeSheet } from '../src/render/bitmap.ts';
import { loadCertificateFont } from '../src/render/font-asset.ts';
import { layoutCertificate } from '../src/render/render.ts';

installErrorTransfer();

/** What the kiosk's back needs beyond the certificate. */
export interface KioskPdfParts {
  readonly qr: LocatorQr;
  readonly carrier?: CarrierSymbol;
  /** The municipality's verifier URL, printed under the QR. */
  readonly verifierUrl: string;
  /** The tablet's calibrated pantograph profile (admin console); the default profile if unset. */
  readonly printerProfile?: PrintSettings['profile'];
}

const api = {
  async certificatePdf(cert: Certificate, backs: BackSide[] = []) {
    const result = certificatePdf(cert, await loadCertificateFont(), backs);
    return transfer(result, [result.pdf.buffer]);
  },
  /** The front of one sheet as RGBA pixels: the verifier's restored image. */
  async frontBitmap(cert: Certificate, dpi: number, sheet = 0) {
    const font = await loadCertificateFont();
    await ensureFontFace(font.bytes);
    const raster = rasterizeSheet(layoutCertificate(cert, font.metrics).sheets[sheet], dpi, font.metrics);
    return transfer(raster, [raster.pixels.buffer]);
  },
  /** Sheets the certificate is laid out on: the seal's `sheets` claim is signed before the PDF is made. */
  async sheetCount(cert: Certificate) {
    return layoutCertificate(cert, (await loadCertificateFont()).metrics).sheets.length;
  },
  /**
   * The kiosk's PDF: the certificate over the 『複写』 pantograph and the 地紋, with the carrier
   * (scrambled image), the QR locator, the emblems and the receiver's guidance on the back of
   * every sheet, all vector (without a carrier its place stays a labelled placeholder). The
   * patterns are planned here, from the municipality code and the tablet's printer profile.
   * Progress: font, PDF.
   */
  async kioskPdf(cert: Certificate, parts: KioskPdfParts, onProgress?: (fraction: number) => void) {
    const font = await loadCertificateFont();
    onProgress?.(0.3);
    const back: BackSide = { qr: parts.qr, carrier: parts.carrier };
    const print: PrintSettings = { profile: parts.printerProfile, seed: Number(cert.issuer.code) };
    const result = certificatePdf(cert, font, [back], { print, verifierUrl: parts.verifierUrl });
    onProgress?.(1);
    return transfer(result, [result.pdf.buffer]);
  },
  /** Page 1: rulers and scale; page 2: the pantograph's screen pairs, seeded with `seed` (a municipality code). */
  async calibrationPdf(seed = 0) {
    const font = await loadCertificateFont();
    const pairs = pantographCalibrationSheet(font.metrics, seed);
    const pdf = buildSimplePdf([calibrationSheet(font.metrics), pairs.sheet], { fontBytes: font.bytes, title: 'kofu calibration sheet' }, [[], pairs.patches]);
    return transfer(pdf, [pdf.buffer]);
  },
  /** The latent emblem's decoder film (src/pdf/decoder-film.ts), for a transparency. */
  async decoderFilmPdf() {
    const font = await loadCertificateFont();
    const pdf = buildSimplePdf([decoderFilmSheet(font.metrics)], { fontBytes: font.bytes, title: 'kofu latent-image decoder film' });
    return transfer(pdf, [pdf.buffer]);
  },
};

export type PdfWorkerApi = typeof api;

expose(api);
