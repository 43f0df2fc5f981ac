import { expect } from '@open-wc/testing';
import { renderLatentLineScreen } from '../patterns/latent-line.ts';
import { seededRandom } from '../bytes/seeded-random.ts';
import { flatbedConditions, photoConditions } from '../carrier/simulate/conditions.ts';
import { simulate } from '../carrier/simulate/simulate.ts';
import { printScan } from '../carrier/simulate/print-scan.ts';
import { backPage, issueDemo } from '../verify/testing/back-side.ts';
import { rgbaToGrey, type GreyImage } from './grey.ts';
import { PAPER_CHECK_STAGES, checkPaper, findLatentMark, type PaperCheckProgress } from './paper-check.ts';

const DPI = 300;

/** A back-like page at 300 dpi: random 6 px modules (a carrier stand-in), and the emblem at (ex, ey) if asked. */
function page(emblem: 'marked' | 'plain' | 'none', ex = 900, ey = 1150): GreyImage {
  const [width, height] = [1400, 1700];
  const data = new Uint8Array(width * height).fill(255);
  const random = seededRandom(7);
  for (let y = 150; y < 750; y += 6) for (let x = 150; x < 750; x += 6) if (random() < 0.5) for (let d = 0; d < 6; d++) data.fill(0, (y + d) * width + x, (y + d) * width + x + 6);
  if (emblem !== 'none') {
    const e = renderLatentLineScreen({ widthMm: 30, heightMm: 30, withMark: emblem === 'marked' }, DPI);
    for (let y = 0; y < e.height; y++) data.set(e.data.subarray(y * e.width, (y + 1) * e.width), (ey + y) * width + ex);
  }
  return { width, height, data };
}

describe('paper check: find the emblem on a back, reveal, originality', function () {
  this.timeout(120_000);

  it('finds the emblem away from the carrier and reveals its mark', () => {
    const finding = findLatentMark(page('marked'), DPI);
    expect(finding.found).to.equal(true);
    expect(finding.screen).to.equal(true);
    const r = finding.region!;
    // The 30 mm emblem (354 px) lies inside the box: the screen's tiles and one search step around them.
    expect(r.x).to.be.at.most(900);
    expect(r.y).to.be.at.most(1150);
    expect(r.x + r.width).to.be.at.least(900 + 354);
    expect(r.y + r.height).to.be.at.least(1150 + 354);
    expect(r.width * r.height).to.be.below(6 * 354 * 354);
    // The period tells the resolution: 1.0 mm at 300 dpi.
    expect(finding.dpiFromScreen!).to.be.closeTo(300, 15);
  });

  it('finds it without knowing the resolution', () => {
    expect(findLatentMark(page('marked'), undefined).found).to.equal(true);
  });

  it('finds and reveals it in a phone photo of the page (tilted 16°, 167 dpi), resolution unknown; a plain screen stays not found', () => {
    const photo = (kind: 'marked' | 'plain') => {
      const shot = printScan(page(kind), DPI, photoConditions(2));
      return rgbaToGrey(shot.data, shot.width, shot.height);
    };
    expect(findLatentMark(photo('marked'), undefined).found).to.equal(true);
    expect(findLatentMark(photo('plain'), undefined)).to.include({ found: false, screen: true });
  });

  it('says not found on a screen without the mark, and sees no screen on a page without the emblem', () => {
    const plain = findLatentMark(page('plain'), DPI);
    expect(plain).to.include({ found: false, screen: true });
    const none = checkPaper(page('none'), DPI);
    expect(none.latent).to.include({ found: false, screen: false });
    expect(none.latent.view).to.equal(null);
    expect(none.originality).to.include({ verdict: 'cannot-tell', reason: 'resolution-too-low' });
  });

  it('does not take the QR code for the screen when the resolution is unknown: on a whole back as printed the emblem is found, on one without it no screen', async () => {
    const issued = await issueDemo(1);
    // The back as the PDF prints it (carrier, QR, 『複写』 pantograph, the latent and IR emblems),
    // scanned at 300 dpi: the QR is the largest screen-like group, and the emblem the next.
    const scan = await simulate(backPage(issued, { patterns: true }), { ...flatbedConditions(7), scanDpi: 300 }, 300);
    const printed = findLatentMark(rgbaToGrey(scan.data, scan.width, scan.height), undefined);
    expect(printed.found, 'emblem found').to.equal(true);
    expect(printed.dpiFromScreen!).to.be.closeTo(300, 15);
    // Carrier and QR only: the QR's module rows pass the tile test, but they are no line screen.
    const bare = findLatentMark(backPage(issued), undefined);
    expect(bare).to.include({ found: false, screen: false });
    expect(bare.view).to.equal(null);
  });

  it('reports its stages in order, the search row by row and the reveal pass by pass, with a fraction that only grows to 1', () => {
    for (const dpi of [DPI, undefined]) {
      const heard: PaperCheckProgress[] = [];
      const result = checkPaper(page('marked'), dpi, (progress) => heard.push(progress));
      expect(result.latent.found).to.equal(true);
      const stages = [...new Set(heard.map((p) => p.stage))];
      expect(stages).to.deep.equal([...PAPER_CHECK_STAGES]);
      const fractions = heard.map((p) => p.fraction);
      for (let i = 1; i < fractions.length; i++) expect(fractions[i], `report ${i}`).to.be.at.least(fractions[i - 1]);
      expect(fractions[0]).to.equal(0);
      expect(fractions.at(-1)).to.equal(1);
      // The search is most of the time: it reports more than its start and end.
      expect(heard.filter((p) => p.stage === 'locate').length).to.be.above(10);
      // The reveal, about as long on a 300 dpi back, reports its demodulation passes.
      expect(heard.filter((p) => p.stage === 'reveal').length).to.be.above(3);
    }
  });

  it('reports the same stages when no emblem is found', () => {
    const heard: PaperCheckProgress[] = [];
    checkPaper(page('none'), DPI, (progress) => heard.push(progress));
    expect([...new Set(heard.map((p) => p.stage))]).to.deep.equal([...PAPER_CHECK_STAGES]);
    expect(heard.at(-1)!.fraction).to.equal(1);
  });
});
