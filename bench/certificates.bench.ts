/**
 * Certificate issue timings and sizes: data → PDF bytes for a one- and a six-person 住民票 (font
 * fetch and parse included in every run, as in a fresh worker), PDF size, the seal content size,
 * and the front bitmap at 300 dpi (the verifier's restored image). The PDFs are the kiosk's: the
 * back with a carrier and QR locator of a real seal's size, its text, and every pattern
 * (『複写』 on both sides, 地紋, the emblems), as workers/pdf.worker.ts kioskPdf makes them.
 */
import { encode, rfc8949EncodeOptions } from 'cborg';
import { toSealContent } from '../src/documents/codec.ts';
import { dayFromIso } from '../src/documents/dates.ts';
import type { Certificate } from '../src/documents/types.ts';
import { certificatePdf } from '../src/pdf/certificate-pdf.ts';
import { demoRegistry } from '../src/registry/demo.ts';
import { buildCertificate } from '../src/registry/issue.ts';
import { MemoryRegistry } from '../src/registry/registry.ts';
import { ensureFontFace, rasterizeSheet } from '../src/render/bitmap.ts';
import { CERTIFICATE_FONT_URL, loadCertificateFont } from '../src/render/font-asset.ts';
import { layoutCertificate } from '../src/render/render.ts';
import { medianMs } from './timing.ts';
import { encodePrintedCarrier } from '../src/mint/mint.ts';
import { encodeLocator, locatorQr, LOCATOR_VERSION } from '../src/seal/locator.ts';
import type { BackSide } from '../src/pdf/pdf.ts';

const VERIFIER_URL = 'https://verify.kofu.example/v';
/** A back as the kiosk prints it, for a seal of `sealBytes` (620 B: a one-person 住民票, docs/formats.md). */
function kioskBack(sealBytes: number): BackSide {
  const key = new Uint8Array(32).fill(5);
  const locator = { version: LOCATOR_VERSION, issuer: 992011, kid: new Uint8Array(8).fill(1), serial: 1, whiteningKey: key };
  return { carrier: encodePrintedCarrier(new Uint8Array(sealBytes).map((_, i) => (i * 151) & 0xff), key), qr: locatorQr(encodeLocator(locator, VERIFIER_URL)) };
}

const RUNS = 5;

export async function run() {
  const registry = new MemoryRegistry(demoRegistry);
  const ctx = { serial: 'B-000001', issuedOn: dayFromIso('2026-11-25') };
  const options = { householder: true, honseki: true, myNumber: true } as const;
  const one = await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'self', ...options }, ctx);
  const six = await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', ...options }, ctx);

  let sizes: Record<string, number> = {};
  // A distinct URL per run defeats the in-memory font cache: every run fetches and parses the font.
  const pdfRun = (cert: Certificate, key: string) => async (i: number) => {
    const font = await loadCertificateFont(`${CERTIFICATE_FONT_URL}?run=${key}-${i}`);
    const back = kioskBack(key === 'one' ? 620 : 1638);
    sizes = { ...sizes, [key]: certificatePdf(cert, font, [back], { verifierUrl: VERIFIER_URL, print: { seed: 992011 } }).pdf.length };
  };
  const ms1 = await medianMs(RUNS, pdfRun(one, 'one'));
  const ms6 = await medianMs(RUNS, pdfRun(six, 'six'));

  const font = await loadCertificateFont();
  await ensureFontFace(font.bytes);
  const bitmap = await medianMs(RUNS, () => rasterizeSheet(layoutCertificate(six, font.metrics).sheets[0], 300, font.metrics));
  const sealBytes = (cert: Certificate) => encode(toSealContent(cert), rfc8949EncodeOptions).length;

  const context = { runs: RUNS, font: 'BIZ UD Mincho Regular (5.9 MB TTF)' };
  return [
    { id: 'pdf.ms.juminhyo_1', value: ms1, unit: 'ms', note: 'font fetch + parse + layout + jsPDF output, main thread', budget: 1500, ...context },
    { id: 'pdf.ms.juminhyo_6', value: ms6, unit: 'ms', note: 'six persons, two sheets (four pages)', budget: 3000, ...context },
    { id: 'pdf.kb.juminhyo_1', value: +(sizes.one / 1024).toFixed(1), unit: 'KB', budget: 600, note: 'kiosk sheet: front and back with carrier, QR, text and every pattern', ...context },
    { id: 'pdf.kb.juminhyo_6', value: +(sizes.six / 1024).toFixed(1), unit: 'KB', ...context },
    { id: 'render.front_bitmap_ms.300dpi', value: bitmap, unit: 'ms', note: 'layout + rasterise the first sheet of the six-person 住民票, 2480×3508 px', ...context },
    { id: 'seal.content_bytes.juminhyo_1', value: sealBytes(one), unit: 'B', budget: 450, ...context },
    { id: 'seal.content_bytes.juminhyo_6', value: sealBytes(six), unit: 'B', budget: 1900, ...context },
  ];
}
