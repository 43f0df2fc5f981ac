import { expect } from '@open-wc/testing';
import type { JuminhyoCertificate } from '../documents/types.ts';
import { buildPdf } from '../pdf/pdf.ts';
import { loadCertificateFont } from '../render/font-asset.ts';
import type { Sheet, TextOp } from '../render/layout.ts';
import { layoutCertificate } from '../render/render.ts';
import { renderPdfPages } from '../vision/pdf-input.ts';
import { restoreWithCanvas } from './restore.ts';
import { verifySheet } from './sheet-pipeline.ts';
import { FIXTURE_NOW, demoSetup, issueDemo, type Issued } from './testing/back-side.ts';

/** kofu's PDF of `issued` (front, back), its front sheets passed through `edit` first (a forger's overlay). */
async function kofuPdf(issued: Issued, edit: (sheets: readonly Sheet[]) => readonly Sheet[] = (s) => s): Promise<Uint8Array> {
  const font = await loadCertificateFont();
  const back = { carrier: issued.carrier, qr: issued.qr };
  return buildPdf(edit(layoutCertificate(issued.cert, font.metrics).sheets), [back], { fontBytes: font.bytes, metrics: font.metrics, title: 'test' });
}

async function verifyPdf(pdf: Uint8Array) {
  // PDF.js takes the bytes it is given (transferred to its worker): a copy each time.
  const pages = await renderPdfPages(pdf.slice());
  const { trust } = await demoSetup();
  return verifySheet(
    pages.map((p) => ({ data: p.image.data, width: p.image.width, height: p.image.height, text: p.text })),
    { trust, now: FIXTURE_NOW, restore: restoreWithCanvas },
  );
}

describe('whole sheet from kofu’s own PDF', function () {
  this.timeout(300_000);

  it('reads the front page’s text layer as the signed lines, and the genuine PDF is 真正 for the whole sheet', async () => {
    const issued = await issueDemo(71);
    const pdf = await kofuPdf(issued);
    const pages = await renderPdfPages(pdf.slice());
    expect(pages.length).to.equal(2);
    expect(pages[0].text.map((t) => t.text).join('')).to.contain((issued.cert as JuminhyoCertificate).persons[0].name.replace(/\s/g, '').slice(0, 2));
    const report = await verifyPdf(pdf);
    expect(report.outcome, JSON.stringify({ text: report.fronts?.[0]?.text, regions: report.fronts?.[0]?.regions })).to.equal('authentic');
    expect(report.notes).to.deep.equal(['front-matches']);
    expect(report.fronts?.[0]).to.include({ method: 'pdf', status: 'match' });
    expect(report.fronts?.[0].text).to.deep.equal({ added: [], missing: [] });
  });

  it('an overlay — a white box and a new name over the old, the old text left in the layer — is 改ざんの疑い with the region', async () => {
    const issued = await issueDemo(72);
    const name = (issued.cert as JuminhyoCertificate).persons[0].name;
    const forgedName = name.replace(/^./u, '田');
    const pdf = await kofuPdf(issued, (sheets) =>
      sheets.map((sheet, i) => {
        if (i !== 0) return sheet;
        const target = sheet.ops.find((op): op is TextOp => op.kind === 'text' && op.text === name)!;
        const em = (target.size * 25.4) / 72;
        const width = [...name].length * em + 2;
        return {
          ops: [
            ...sheet.ops,
            { kind: 'rect', x: target.x - 0.5, y: target.y - em, w: width, h: em * 1.3, fill: [255, 255, 255], lineWidth: 0 },
            { ...target, text: forgedName },
          ],
        };
      }),
    );
    const report = await verifyPdf(pdf);
    expect(report.outcome).to.equal('suspect');
    expect(report.notes).to.deep.equal(['front-differs']);
    const front = report.fronts![0];
    expect(front.status).to.equal('differs');
    // pdf.js splits the run at the full-width space: the added runs are the new name's parts.
    expect(front.text?.added.join('')).to.contain(forgedName.split(/\s/u)[0]);
    expect(front.regions.some((r) => r.source === 'text')).to.equal(true);
  });
});
