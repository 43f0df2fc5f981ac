import { writeFile } from '@web/test-runner-commands';
import { toBase64 } from '../bytes/bytes.ts';
import { dayFromIso } from '../documents/dates.ts';
import { demoRegistry } from '../registry/demo.ts';
import { buildCertificate } from '../registry/issue.ts';
import { MemoryRegistry } from '../registry/registry.ts';
import { buildPdf } from '../pdf/pdf.ts';
import { drawSheet, ensureFontFace } from './bitmap.ts';
import { loadCertificateFont } from './font-asset.ts';
import { layoutCertificate } from './render.ts';

describe('debug output', () => {
  it('writes a 住民票 PNG and PDF', async function () {
    this.timeout(60000);
    const font = await loadCertificateFont();
    await ensureFontFace(font.bytes);
    const reg = new MemoryRegistry(demoRegistry);
    const cert = await buildCertificate(reg, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', householder: true, honseki: true, myNumber: true }, { serial: 'R8-000123', issuedOn: dayFromIso('2026-11-25') });
    const laid = layoutCertificate(cert, font.metrics);
    for (const [i, sheet] of laid.sheets.entries()) {
      const canvas = drawSheet(sheet, 150, font.metrics);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      await writeFile({ path: `../../.test-results/render/juminhyo-${i}.png`, content: toBase64(new Uint8Array(await blob.arrayBuffer())), encoding: 'base64' });
    }
    const pdf = buildPdf(laid.sheets, [{}], { fontBytes: font.bytes, title: '住民票の写し' });
    await writeFile({ path: `../../.test-results/render/juminhyo.pdf`, content: toBase64(pdf), encoding: 'base64' });
  });
});
