/**
 * PDF worker: a thin comlink adapter over src/pdf and src/render. The font is fetched once per
 * worker; PDF bytes and pixels leave as transferred buffers.
 */
import { expose, transfer } from 'comlink';
import type { Certificate } from '../src/documents/types.ts';
import { calibrationSheet } from '../src/pdf/calibration.ts';
import { certificatePdf } from '../src/pdf/certificate-pdf.ts';
import { BACK_LAYOUT, buildSimplePdf, type BackSide } from '../src/pdf/pdf.ts';
import type { LocatorQr } from '../src/seal/locator.ts';
import { ensureFontFace, rasterizeSheet } from '../src/render/bitmap.ts';
import { loadCertificateFont } from '../src/render/font-asset.ts';
import { layoutCertificate } from '../src/render/render.ts';

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
   * The kiosk's PDF: the certificate with the QR locator on the back of every sheet (the scrambled
   * image's place stays a labelled placeholder until the carrier lands). Progress: font, QR, PDF.
   */
  async kioskPdf(cert: Certificate, qr: LocatorQr, onProgress?: (fraction: number) => void) {
    const font = await loadCertificateFont();
    onProgress?.(0.2);
    const back: BackSide = { qr: { ...BACK_LAYOUT.qr, png: await qrPng(qr) } };
    onProgress?.(0.4);
    const result = certificatePdf(cert, font, [back]);
    onProgress?.(1);
    return transfer(result, [result.pdf.buffer]);
  },
  async calibrationPdf() {
    const font = await loadCertificateFont();
    const pdf = buildSimplePdf([calibrationSheet(font.metrics)], { fontBytes: font.bytes, title: 'kofu calibration sheet' });
    return transfer(pdf, [pdf.buffer]);
  },
};

/** QR modules → PNG with the 4-module quiet zone (ISO/IEC 18004 §6.3.8), 10 px per module. */
async function qrPng(qr: LocatorQr): Promise<Uint8Array> {
  const QUIET = 4;
  const SCALE = 10;
  const side = (qr.size + 2 * QUIET) * SCALE;
  const canvas = new OffscreenCanvas(side, side);
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, side, side);
  g.fillStyle = '#000';
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) if (qr.modules[y * qr.size + x]) g.fillRect((x + QUIET) * SCALE, (y + QUIET) * SCALE, SCALE, SCALE);
  }
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

export type PdfWorkerApi = typeof api;

expose(api);
