/**
 * PDF worker: a thin comlink adapter over src/pdf and src/render. The font is fetched once per
 * worker; PDF bytes and pixels leave as transferred buffers.
 */
import { expose, transfer } from 'comlink';
import type { Certificate } from '../src/documents/types.ts';
import { calibrationSheet } from '../src/pdf/calibration.ts';
import { certificatePdf } from '../src/pdf/certificate-pdf.ts';
import { buildSimplePdf, type BackSide } from '../src/pdf/pdf.ts';
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
  async calibrationPdf() {
    const font = await loadCertificateFont();
    const pdf = buildSimplePdf([calibrationSheet(font.metrics)], { fontBytes: font.bytes, title: 'kofu calibration sheet' });
    return transfer(pdf, [pdf.buffer]);
  },
};

export type PdfWorkerApi = typeof api;

expose(api);
