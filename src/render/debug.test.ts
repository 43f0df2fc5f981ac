import { writeFile } from '@web/test-runner-commands';
import { toBase64 } from '../bytes/bytes.ts';
import { dayFromIso } from '../documents/dates.ts';
import { demoRegistry } from '../registry/demo.ts';
import { buildCertificate } from '../registry/issue.ts';
import { MemoryRegistry } from '../registry/registry.ts';
import { buildPdf } from '../pdf/pdf.ts';
import type { CertificateRequest } from '../documents/options.ts';
import { drawSheet, ensureFontFace } from './bitmap.ts';
import { loadCertificateFont } from './font-asset.ts';
import { layoutCertificate } from './render.ts';

describe('debug output', () => {
  it('writes a 住民票 PNG and PDF', async function () {
    this.timeout(60000);
    const font = await loadCertificateFont();
    await ensureFontFace(font.bytes);
    const reg = new MemoryRegistry(demoRegistry);
    const ctx = { serial: 'R8-000123', issuedOn: dayFromIso('2026-11-25') };
    const cases: [string, string, CertificateRequest][] = [
      ['juminhyo', 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', householder: true, honseki: true, myNumber: true }],
      ['kisai', 'r-yoshida-makoto', { kind: 'kisai', scope: 'household', householder: true, honseki: false, myNumber: false }],
      ['foreign', 'r-newman-emily', { kind: 'juminhyo', scope: 'self', householder: true, honseki: true, myNumber: false }],
      ['long', 'r-teshigawara-saemon', { kind: 'juminhyo', scope: 'self', householder: true, honseki: true, myNumber: false }],
      ['inkan', 'r-yoshida-makoto', { kind: 'inkan' }],
      ['inkan2', 'r-teshigawara-saemon', { kind: 'inkan' }],
      ['tax', 'r-yoshida-makoto', { kind: 'tax', taxKind: 'shotoku-kazei', fiscalYear: 2025 }],
      ['koseki', 'r-takahashi-ichiro', { kind: 'koseki', scope: 'all' }],
      ['fuhyo', 'r-yoshida-makoto', { kind: 'fuhyo' }],
    ];
    for (const [name, who, request] of cases) {
      const cert = await buildCertificate(reg, who, request, ctx);
      const laid = layoutCertificate(cert, font.metrics);
      for (const [i, sheet] of laid.sheets.entries()) {
        const canvas = drawSheet(sheet, 100, font.metrics);
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        await writeFile({ path: `../../.test-results/render/${name}-${i}.png`, content: toBase64(new Uint8Array(await blob.arrayBuffer())), encoding: 'base64' });
      }
      const pdf = buildPdf(laid.sheets, [{}], { fontBytes: font.bytes, title: name });
      await writeFile({ path: `../../.test-results/render/${name}.pdf`, content: toBase64(pdf), encoding: 'base64' });
    }
  });
});
