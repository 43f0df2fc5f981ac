import { expect } from '@open-wc/testing';
import { writeFile } from '@web/test-runner-commands';
import { toBase64 } from '../bytes/bytes.ts';
import { locatorQr } from '../seal/locator.ts';
import { dayFromIso } from '../documents/dates.ts';
import { demoRegistry } from '../registry/demo.ts';
import { buildCertificate } from '../registry/issue.ts';
import { MemoryRegistry } from '../registry/registry.ts';
import type { CertificateRequest } from '../documents/options.ts';
import { loadCertificateFont, type LoadedFont } from '../render/font-asset.ts';
import { calibrationSheet, pantographCalibrationSheet } from './calibration.ts';
import { certificatePdf } from './certificate-pdf.ts';
import { buildSimplePdf } from './pdf.ts';

const latin1 = (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes);
const ctx = { serial: 'R8-000123', issuedOn: dayFromIso('2026-11-25') };
const full = { householder: true, honseki: true, myNumber: true } as const;

describe('certificate PDF', function () {
  this.timeout(60_000);
  let font: LoadedFont;
  before(async () => {
    font = await loadCertificateFont();
  });

  it('writes A4 front and back pages per sheet with the font embedded as a subset', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const cert = await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', ...full }, ctx);
    const qr = locatorQr('https://kofu.example/v#0123456789');
    const { pdf, sheets, missing } = certificatePdf(cert, font, [{ qr }], { createdAt: new Date('2026-11-25T03:00:00Z'), verifierUrl: 'https://kofu.example/v', print: { seed: 992011 } });
    expect(sheets).to.equal(2);
    expect(missing).to.deep.equal([]);
    const text = latin1(pdf);
    expect(text.startsWith('%PDF-')).to.equal(true);
    expect(text.match(/\/Type \/Page\b/g)).to.have.length(4); // front, back, front, back
    // Boolean checks: a failing string match would print the whole PDF.
    expect(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/.test(text), 'A4 media box').to.equal(true);
    expect(/\/BaseFont \/[A-Z]{6}\+BIZUDMincho-Regular/.test(text), 'subset-tagged font').to.equal(true);
    expect(text.includes('/FontFile2'), 'embedded TrueType').to.equal(true);
    expect(text.includes('/Helvetica'), 'unused standard fonts listed').to.equal(false);
    expect(text.match(/\/Subtype \/Image/g), 'no images: carrier, QR and patterns are vector').to.equal(null);
    expect(pdf.length).to.be.lessThan(600 * 1024); // the 5.9 MB font must have been subset
    await writeFile({ path: '../../.test-results/pdf/juminhyo-6.pdf', content: toBase64(pdf), encoding: 'base64' });
  });

  it('writes every certificate type', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const cases: [string, CertificateRequest][] = [
      ['r-newman-emily', { kind: 'juminhyo', scope: 'self', ...full }],
      ['r-yoshida-makoto', { kind: 'kisai', scope: 'household', householder: true, honseki: false, myNumber: false }],
      ['r-teshigawara-saemon', { kind: 'inkan' }],
      ['r-takahashi-hanako', { kind: 'tax', taxKind: 'hikazei', fiscalYear: 2025 }],
      ['r-takahashi-ichiro', { kind: 'koseki', scope: 'individual' }],
      ['r-yoshida-yumi', { kind: 'fuhyo' }],
    ];
    for (const [who, request] of cases) {
      const cert = await buildCertificate(registry, who, request, ctx);
      const { pdf, sheets } = certificatePdf(cert, font);
      expect(latin1(pdf).match(/\/Type \/Page\b/g)?.length, request.kind).to.equal(2 * sheets);
    }
  });

  it('gives the same bytes for the same input and creation time', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const cert = await buildCertificate(registry, 'r-yoshida-makoto', { kind: 'inkan' }, ctx);
    const at = new Date('2026-11-25T03:00:00Z');
    const a = certificatePdf(cert, font, [], { createdAt: at }).pdf;
    const b = certificatePdf(cert, font, [], { createdAt: at }).pdf;
    expect(toBase64(a)).to.equal(toBase64(b));
    expect(latin1(a).includes('/Type /Page')).to.equal(true);
  });

  it('writes the printer calibration sheet: the scale page and the pantograph pairs of every profile', async () => {
    const pairs = pantographCalibrationSheet(font.metrics, 992011);
    expect(pairs.patches.map((p) => p.key)).to.deep.equal(['calibration-laser-600', 'calibration-laser-300', 'calibration-laser-1200', 'calibration-inkjet-600']);
    for (const [i, a] of pairs.patches.entries()) {
      for (const b of pairs.patches.slice(i + 1)) {
        const apart = a.box.x + a.box.width <= b.box.x || b.box.x + b.box.width <= a.box.x || a.box.y + a.box.height <= b.box.y || b.box.y + b.box.height <= a.box.y;
        expect(apart, `${a.key} / ${b.key}`).to.equal(true);
      }
    }
    const pdf = buildSimplePdf([calibrationSheet(font.metrics), pairs.sheet], { fontBytes: font.bytes, title: 'calibration' }, [[], pairs.patches]);
    expect(latin1(pdf).match(/\/Type \/Page\b/g)).to.have.length(2);
    // Each patch: background, message and camouflage tiles.
    expect(latin1(pdf).match(/\/PatternType 1/g)).to.have.length(12);
    await writeFile({ path: '../../.test-results/pdf/calibration.pdf', content: toBase64(pdf), encoding: 'base64' });
  });
});
