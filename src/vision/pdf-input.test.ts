import { expect } from '@open-wc/testing';
import { buildPdf } from '../pdf/pdf.ts';
import { loadCertificateFont } from '../render/font-asset.ts';
import { layoutCertificate } from '../render/render.ts';
import { verifyImage } from '../verify/pipeline.ts';
import { FIXTURE_NOW, carrierGrey, demoSetup, issueDemo, pngOfGrey, qrGrey } from '../verify/testing/back-side.ts';
import { MAX_PDF_OPERATORS, renderPdfBackPage } from './pdf-input.ts';
import { pdfWithRectangles } from './testing/hostile-pdf.ts';
import { reportReason } from '../ui/shared/error-messages.ts';
import { describeError } from '../ui/shared/error-messages.ts';

const png = pngOfGrey;

describe('PDF input', function () {
  this.timeout(60_000);

  it('renders the back page of a kofu-style PDF at 300 dpi and the pipeline verifies it', async () => {
    const issued = await issueDemo(61);
    const font = await loadCertificateFont();
    const carrier = carrierGrey(issued.seal, issued.locator.whiteningKey);
    const qr = qrGrey(issued.locatorText);
    const mm = (px: number) => (px / 300) * 25.4;
    const pdf = buildPdf(layoutCertificate(issued.cert, font.metrics).sheets, [
      {
        scrambled: { png: await png(carrier), x: 30, y: 30, width: mm(carrier.width), height: mm(carrier.height) },
        qr: { png: await png(qr), x: 80, y: 200, width: mm(qr.width), height: mm(qr.height) },
      },
    ], { fontBytes: font.bytes, title: 'test' });
    const image = await renderPdfBackPage(new Blob([pdf.slice()], { type: 'application/pdf' }));
    expect(image.width).to.equal(2480);
    expect(image.height).to.equal(3508);
    const { trust } = await demoSetup();
    const report = await verifyImage(image, { trust, now: FIXTURE_NOW });
    expect(report.verdict, `${report.code}: ${reportReason(report, 'en')}`).to.equal('demo');
  });

  it('refuses a PDF without a back page, and bytes that are no PDF', async () => {
    const font = await loadCertificateFont();
    const { buildSimplePdf } = await import('../pdf/pdf.ts');
    const { calibrationSheet } = await import('../pdf/calibration.ts');
    const single = buildSimplePdf([calibrationSheet(font.metrics)], { fontBytes: font.bytes, title: 'one page' });
    const noBack = await renderPdfBackPage(new Blob([single.slice()])).catch((e) => e);
    expect(noBack.code).to.equal('vision.pdf-no-back');
    const junk = await renderPdfBackPage(new Blob(['%PDF-1.7 not really'])).catch((e) => e);
    expect(junk.code).to.equal('vision.pdf-unreadable');
  });

  it('stops a small PDF whose back page draws 2,000,000 rectangles at the operator bound, within seconds', async () => {
    const pdf = await pdfWithRectangles(2_000_000);
    expect(pdf.length).to.be.below(200_000);
    const started = performance.now();
    const error = await renderPdfBackPage(new Blob([pdf.slice()])).catch((e: unknown) => e);
    const seconds = (performance.now() - started) / 1000;
    expect((error as { code?: string }).code, String(error)).to.equal('vision.pdf-too-complex');
    expect(describeError(error, 'en')).to.contain('too many drawing operations');
    expect(seconds, 'seconds to refuse').to.be.below(5);
    // Below the bound the same construction renders: the bound is what refuses it.
    const small = await renderPdfBackPage(new Blob([(await pdfWithRectangles(MAX_PDF_OPERATORS / 4)).slice()]), { dpi: 72 });
    expect([small.width, small.height]).to.deep.equal([595, 842]);
  });
});
