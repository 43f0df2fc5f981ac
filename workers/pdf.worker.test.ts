import { expect } from '@open-wc/testing';
import { wrap } from 'comlink';
import { dayFromIso } from '../src/documents/dates.ts';
import { demoRegistry } from '../src/registry/demo.ts';
import { buildCertificate } from '../src/registry/issue.ts';
import { MemoryRegistry } from '../src/registry/registry.ts';
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
});
