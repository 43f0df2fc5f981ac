import { expect } from '@open-wc/testing';
import { wrap } from 'comlink';
import { dayFromIso } from '../src/documents/dates.ts';
import { demoRegistry } from '../src/registry/demo.ts';
import { buildCertificate } from '../src/registry/issue.ts';
import { MemoryRegistry } from '../src/registry/registry.ts';
import { encodeLocator, locatorQr, LOCATOR_VERSION } from '../src/seal/locator.ts';
import { encodeCarrier, FLATBED_PROFILE } from '../src/carrier/index.ts';
import type { PdfWorkerApi } from './pdf.worker.ts';

describe('pdf worker', function () {
  this.timeout(60_000);
  it('builds a certificate PDF and a front bitmap off the main thread', async () => {
    const worker = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module' });
    try {
      const api = wrap<PdfWorkerApi>(worker);
      const cert = await buildCertificate(new MemoryRegistry(demoRegistry), 'r-newman-emily', { kind: 'juminhyo', scope: 'self', householder: true, honseki: false, myNumber: false }, { serial: 'W-1', issuedOn: dayFromIso('2026-11-25') });
      const { pdf, sheets } = await api.certificatePdf(cert);
      expect(sheets).to.equal(1);
      expect(new TextDecoder('latin1').decode(pdf.subarray(0, 5))).to.equal('%PDF-');
      const raster = await api.frontBitmap(cert, 75);
      expect([raster.width, raster.height]).to.deep.equal([620, 877]);
      expect(raster.pixels.some((v) => v < 128)).to.equal(true);
    } finally {
      worker.terminate();
    }
  });

  it('kiosk: counts sheets for the seal claim and puts the carrier and the QR locator on every back page', async () => {
    const worker = new Worker(new URL('./pdf.worker.ts', import.meta.url), { type: 'module' });
    try {
      const api = wrap<PdfWorkerApi>(worker);
      const registry = new MemoryRegistry(demoRegistry);
      const cert = await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', householder: true, honseki: true, myNumber: false }, { serial: '000007', issuedOn: dayFromIso('2026-11-25') });
      const sheets = await api.sheetCount(cert);
      expect(sheets).to.be.greaterThan(0);
      const qr = locatorQr(encodeLocator({ version: LOCATOR_VERSION, issuer: 992011, kid: new Uint8Array(8).fill(1), serial: 7, whiteningKey: new Uint8Array(32).fill(2) }, 'https://kofu.example.jp/verify'));
      const carrier = encodeCarrier(new Uint8Array(1200).fill(7), new Uint8Array(32).fill(2), FLATBED_PROFILE);
      const result = await api.kioskPdf(cert, { qr, carrier, verifierUrl: 'https://kofu.example.jp/verify', printerProfile: 'laser-600' });
      expect(result.sheets).to.equal(sheets);
      const text = new TextDecoder('latin1').decode(result.pdf);
      expect(text.startsWith('%PDF-')).to.equal(true);
      // Fronts and backs: 2 pages per sheet, all vector: no image at all; the patterns are
      // tiling patterns (PDF 32000-1 §8.7.3), each defined once for every page.
      expect((text.match(/\/Type \/Page\b/g) ?? []).length).to.equal(2 * sheets);
      expect((text.match(/\/Subtype \/Image/g) ?? []).length).to.equal(0);
      expect((text.match(/\/PatternType 1/g) ?? []).length).to.equal(4);
    } finally {
      worker.terminate();
    }
  });
});
