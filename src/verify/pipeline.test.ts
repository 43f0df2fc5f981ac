import { expect } from '@open-wc/testing';
import { AbortedError } from '../bytes/errors.ts';
import { flatbedConditions } from '../carrier/simulate/conditions.ts';
import { simulate } from '../carrier/simulate/simulate.ts';
import { chooseLocator, verifyImage } from './pipeline.ts';
import { RESTORED_DPI, restoreWithCanvas } from './restore.ts';
import { allRequests } from '../registry/issue.fixtures.ts';
import { rasterizeSheet } from '../render/bitmap.ts';
import { layoutCertificate } from '../render/render.ts';
import { FIXTURE_NOW, backPage, carrierGrey, demoSetup, flipSignatureBit, greyToRgbaImage, issueDemo, PAGE_DPI, type Grey } from './testing/back-side.ts';
import { reportReason } from '../ui/shared/error-messages.ts';

async function run(page: Grey | { data: Uint8ClampedArray; width: number; height: number }, extra: Partial<Parameters<typeof verifyImage>[1]> = {}) {
  const { trust } = await demoSetup();
  const image = page.data instanceof Uint8ClampedArray ? page : greyToRgbaImage(page as Grey);
  return verifyImage(image, { trust, now: FIXTURE_NOW, ...extra });
}

describe('verify pipeline', function () {
  this.timeout(60_000);

  it('verifies a clean A4 back at 300 dpi: demo verdict, summary, diagnostics, restored front', async () => {
    const issued = await issueDemo(42);
    const stages: string[] = [];
    let last = 0;
    let monotone = true;
    const report = await run(backPage(issued), {
      restore: restoreWithCanvas,
      onProgress: (p) => {
        if (p.fraction < last) monotone = false;
        last = p.fraction;
        if (!stages.includes(p.stage)) stages.push(p.stage);
      },
    });
    expect(report.verdict, reportReason(report, 'en')).to.equal('demo');
    expect(report.demo).to.equal(true);
    expect(report.code).to.equal('ok');
    expect(reportReason(report, 'ja')).to.contain('デモ');
    // As printed: the demo tablet's key id, then the serial.
    expect(report.certificate?.serialText).to.match(/^[0-9A-F]{6}-000042$/).and.equal(issued.cert.serial);
    expect(report.certificate?.issuedAt).to.equal(FIXTURE_NOW);
    expect(report.certificate?.title?.ja).to.equal('住民票の写し');
    expect(report.locator?.serial).to.equal(42);
    expect(report.diagnostics?.estimatedDpi).to.be.within(290, 310);
    expect(report.diagnostics?.rawBitErrorRate).to.equal(0);
    expect(report.restored.length).to.be.greaterThan(0);
    expect(report.restored[0].width).to.equal(1240);
    expect(report.restored[0].pixels.length).to.equal(1240 * report.restored[0].height * 4);
    expect(stages).to.deep.equal(['qr', 'carrier', 'seal', 'render']);
    expect(monotone).to.equal(true);
    expect(last).to.equal(1);
    // Every stage ran once, one after another, inside the total.
    const { total, ...stageTimings } = report.timings;
    expect(Object.keys(stageTimings).sort()).to.deep.equal(['carrier', 'grey', 'qr', 'render', 'seal']);
    for (const [stage, ms] of Object.entries(report.timings)) expect(Number.isFinite(ms) && ms! >= 0, `${stage}: ${ms}`).to.equal(true);
    const sum = Object.values(stageTimings).reduce((a, b) => a + b!, 0);
    expect(sum, 'the stages take no longer than the whole').to.be.at.most(total! + 1e-6);
  });

  it('restores the characters outside the certificate font from the outlines the seal carries, pixel for pixel as the front', async () => {
    const index = allRequests.findIndex((c) => c.residentId === 'r-tsuji-katsuo' && c.request.kind === 'juminhyo');
    const issued = await issueDemo(43, index);
    expect(issued.cert.glyphs!.map((g) => g.cluster)).to.deep.equal(['\u8FBB\u{E0102}', '\uE000']);
    const report = await run(backPage(issued), { restore: restoreWithCanvas });
    expect(report.verdict, reportReason(report, 'en')).to.equal('demo');
    const { loadCertificateFont } = await import('../render/font-asset.ts');
    const font = (await loadCertificateFont()).metrics;
    const front = rasterizeSheet(layoutCertificate(issued.cert, font).sheets[0], RESTORED_DPI, font);
    expect(report.restored[0].pixels).to.deep.equal(front.pixels);
  });

  it('verifies a back through the print–scan simulator (fixed seed), without the renderer', async () => {
    const issued = await issueDemo(43);
    const page = backPage(issued);
    // Print at 300 dpi and scan at 300 dpi with dot gain, blur, noise, rotation and JPEG.
    const scanned = await simulate(page, { ...flatbedConditions(7), scanDpi: PAGE_DPI }, PAGE_DPI);
    const report = await run(scanned);
    expect(report.verdict, `${report.code}: ${reportReason(report, 'en')}`).to.equal('demo');
    expect(report.restored).to.deep.equal([]);
  });

  it('verifies the back as printed, with the 『複写』 pantograph and the emblems, through the print–scan simulator', async () => {
    const issued = await issueDemo(45);
    const scanned = await simulate(backPage(issued, { patterns: true }), { ...flatbedConditions(8), scanDpi: PAGE_DPI }, PAGE_DPI);
    const report = await run(scanned);
    expect(report.verdict, `${report.code}: ${reportReason(report, 'en')}`).to.equal('demo');
  });

  it('takes the locator from the URL the phone opened and needs no QR in the image', async () => {
    const issued = await issueDemo(44);
    const report = await run(backPage(issued, { qr: false }), { locatorText: issued.locatorText });
    expect(report.verdict).to.equal('demo');
    expect(report.timings.qr).to.equal(undefined);
  });

  it('uses the QR printed on the scanned sheet when the opened URL belongs to another sheet', async () => {
    const opened = await issueDemo(50);
    const scanned = await issueDemo(51);
    const report = await run(backPage(scanned), { locatorText: opened.locatorText });
    expect(report.verdict, `${report.code}: ${reportReason(report, 'en')}`).to.equal('demo');
    expect(report.locator?.serial).to.equal(scanned.locator.serial);
  });

  it('still says "different sheet" when the opened URL does not fit and the scan has no QR code', async () => {
    const opened = await issueDemo(52);
    const scanned = await issueDemo(53);
    const report = await run(backPage(scanned, { qr: false }), { locatorText: opened.locatorText });
    expect(report.verdict).to.equal('invalid');
    expect(report.code).to.equal('carrier.wrong-key');
  });

  it('calls a seal with one flipped signature bit a possible forgery', async () => {
    const issued = await issueDemo(45, 0, flipSignatureBit);
    const report = await run(backPage(issued));
    expect(report.verdict).to.equal('invalid');
    expect(report.code).to.equal('seal.bad-signature');
    expect(report.stage).to.equal('seal');
    expect(report.advice?.ja).to.contain('偽造');
    expect(report.advice?.en).to.contain('forgery');
  });

  it('says the QR code and the scrambled image are from different sheets when the key is wrong', async () => {
    const issued = await issueDemo(46);
    const other = new Uint8Array(32).fill(7);
    const report = await run(backPage(issued, { carrierKey: other }));
    expect(report.verdict).to.equal('invalid');
    expect(report.code).to.equal('carrier.wrong-key');
    expect(report.advice?.en).to.contain('same sheet');
  });

  it('notices a QR code pasted from another issuance of the same key (locator mismatch)', async () => {
    const a = await issueDemo(47);
    const b = await issueDemo(48);
    // b's seal whitened with a's key: decodes, but the seal's serial is not the locator's.
    const report = await run(backPage({ ...a, seal: b.seal }, { carrierKey: a.locator.whiteningKey }));
    expect(report.verdict).to.equal('invalid');
    expect(report.code).to.equal('seal.locator-mismatch');
  });

  it('asks for the back side at 300 dpi when there is no QR code (a photo of something else)', async () => {
    const issued = await issueDemo(49);
    const report = await run(backPage(issued, { qr: false }));
    expect(report.verdict).to.equal('invalid');
    expect(report.code).to.equal('verify.no-qr');
    expect(reportReason(report, 'ja')).to.contain('300dpi');
    expect(report.advice?.en).to.contain('300 dpi');
    const noise = new Uint8Array(600 * 400);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const other = await run({ data: noise, width: 600, height: 400 });
    expect(other.code).to.equal('verify.no-qr');
    // Grey input works too (one byte per pixel).
    const { trust } = await demoSetup();
    const grey = await verifyImage(backPage(issued, { qr: false }), { trust, now: FIXTURE_NOW });
    expect(grey.code).to.equal('verify.no-qr');
    const withQr = await verifyImage(backPage(await issueDemo(57)), { trust, now: FIXTURE_NOW });
    expect(withQr.verdict).to.equal('demo');
  });

  it('refuses a QR code that is not a kofu locator', () => {
    expect(() => chooseLocator([{ text: 'https://example.com/menu', x: 0, y: 0 }])).to.throw().with.property('code', 'verify.not-a-locator');
    // Garbage read out of the scrambled image's noise is no QR code on the paper.
    expect(() => chooseLocator([{ text: '\u0001\ufffd\u0013k', x: 0, y: 0 }])).to.throw().with.property('code', 'verify.no-qr');
  });

  it('says the scrambled image is missing when only the QR code is there', async () => {
    const issued = await issueDemo(50);
    const report = await run(backPage(issued, { carrier: false }));
    expect(report.verdict).to.equal('invalid');
    // The QR code's finder patterns look like carrier finders: the decoder may call it not found or unreadable.
    expect(report.stage).to.equal('carrier');
    expect(report.code).to.be.oneOf(['carrier.not-found', 'carrier.too-blurry', 'carrier.too-small', 'carrier.damaged']);
    expect(report.advice?.ja).to.contain('300dpi');
  });

  it('reads the right one of two carriers on the page, whichever the decoder meets first', async () => {
    const issued = await issueDemo(51);
    const intruder = await issueDemo(52);
    const theirs = carrierGrey(intruder.seal, intruder.locator.whiteningKey);
    const ours = carrierGrey(issued.seal, issued.locator.whiteningKey);
    const oursFirst = await run(backPage(issued, { extraCarrier: theirs }));
    // The intruder's carrier in the usual place, ours lower down; the QR code is ours.
    const theirsFirst = await run(backPage({ ...issued, seal: intruder.seal }, { carrierKey: intruder.locator.whiteningKey, extraCarrier: ours }));
    for (const report of [oursFirst, theirsFirst]) {
      // Either the right carrier is read, or the person is told what is wrong; never a crash.
      expect(['demo', 'invalid']).to.include(report.verdict);
      if (report.verdict === 'invalid') expect(report.code).to.match(/^(carrier|seal)\./);
    }
    expect(oursFirst.verdict).to.equal('demo');
    expect(theirsFirst.verdict, theirsFirst.code).to.equal('demo');
  });

  it('explains a half-cropped scan', async () => {
    const issued = await issueDemo(53);
    const page = backPage(issued);
    // Keep the top 60 mm only: the carrier (30..≈75 mm) is cut across, the QR is gone.
    const height = Math.round((60 / 25.4) * PAGE_DPI);
    const cropped = { data: page.data.slice(0, page.width * height), width: page.width, height };
    const report = await run(cropped, { locatorText: issued.locatorText });
    expect(report.verdict).to.equal('invalid');
    expect(report.stage).to.equal('carrier');
    expect(report.advice).to.not.equal(undefined);
  });

  it('refuses a demo seal outside demo mode', async () => {
    const issued = await issueDemo(54);
    const { trust } = await demoSetup();
    const report = await verifyImage(greyToRgbaImage(backPage(issued)), { trust: { ...trust, demoMode: false }, now: FIXTURE_NOW });
    expect(report.verdict).to.equal('invalid');
    expect(report.code).to.equal('seal.demo-outside-demo-mode');
    expect(report.demo).to.equal(true);
  });

  it('asks for a trust-list update when the issuer is unknown', async () => {
    const issued = await issueDemo(55);
    const { trust } = await demoSetup();
    const emptied = trust.lists.map((l) => ({ ...l, roots: [] }));
    const report = await verifyImage(greyToRgbaImage(backPage(issued)), { trust: { ...trust, lists: emptied }, now: FIXTURE_NOW });
    expect(report.code).to.equal('seal.unknown-issuer');
    expect(report.advice?.en).to.contain('trust list');
  });

  it('stops on abort with AbortedError', async () => {
    const issued = await issueDemo(56);
    const controller = new AbortController();
    controller.abort();
    let error: unknown;
    try {
      await run(backPage(issued), { signal: controller.signal });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(AbortedError);
  });
});
