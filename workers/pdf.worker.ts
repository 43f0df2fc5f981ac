/**
 * PDF worker: a thin comlink adapter over src/pdf and src/render. The font is fetched once per
 * worker; PDF bytes and pixels leave as transferred buffers.
 */
import { expose, transfer } from 'comlink';
import { installErrorTransfer } from '../src/app/worker-errors.ts';
import type { Certificate } from '../src/documents/types.ts';
import { calibrationSheet } from '../src/pdf/calibration.ts';
import { decoderFilmSheet } from '../src/pdf/decoder-film.ts';
import { certificatePdf } from '../src/pdf/certificate-pdf.ts';
import { BACK_LAYOUT, buildSimplePdf, type BackSide, type PlacedImage } from '../src/pdf/pdf.ts';
import { renderCarrierRgba, type CarrierSymbol } from '../src/carrier/index.ts';
import type { LocatorQr } from '../src/seal/locator.ts';
import { ensureFontFace, rasterizeSheet } from '../src/render/bitmap.ts';
import { loadCertificateFont } from '../src/render/font-asset.ts';
import { layoutCertificate } from '../src/render/render.ts';

installErrorTransfer();

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
   * The kiosk's PDF: the certificate with the carrier (scrambled image) and the QR locator on the
   * back of every sheet (without a carrier its place stays a labelled placeholder). Progress:
   * font, images, PDF.
   */
  async kioskPdf(cert: Certificate, parts: { qr: LocatorQr; carrier?: CarrierSymbol }, onProgress?: (fraction: number) => void) {
    const font = await loadCertificateFont();
    onProgress?.(0.2);
    const back: BackSide = { qr: { ...BACK_LAYOUT.qr, png: await qrPng(parts.qr) }, scrambled: parts.carrier ? await carrierImage(parts.carrier) : undefined };
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
  /** The latent emblem's decoder film (src/pdf/decoder-film.ts), for a transparency. */
  async decoderFilmPdf() {
    const font = await loadCertificateFont();
    const pdf = buildSimplePdf([decoderFilmSheet(font.metrics)], { fontBytes: font.bytes, title: 'kofu latent-image decoder film' });
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

/**
 * The carrier at its exact printed size, centred in the back's carrier box. Rasterised at
 * CARRIER_DPI, where a 20/1200-inch module is exactly 10 pixels, so the image has no resampling
 * of its own and the PDF places it at `sideMm` × `sideMm`.
 */
const CARRIER_DPI = 600;
async function carrierImage(symbol: CarrierSymbol): Promise<PlacedImage> {
  const box = BACK_LAYOUT.scrambled;
  if (symbol.sideMm > box.width || symbol.sideMm > box.height) throw new RangeError(`carrier ${symbol.sideMm} mm does not fit the ${box.width} mm box`);
  const rgba = renderCarrierRgba(symbol, CARRIER_DPI);
  const canvas = new OffscreenCanvas(rgba.width, rgba.height);
  canvas.getContext('2d')!.putImageData(new ImageData(rgba.data as Uint8ClampedArray<ArrayBuffer>, rgba.width, rgba.height), 0, 0);
  const png = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  return { png, x: box.x + (box.width - symbol.sideMm) / 2, y: box.y + (box.height - symbol.sideMm) / 2, width: symbol.sideMm, height: symbol.sideMm };
}

export type PdfWorkerApi = typeof api;

expose(api);
