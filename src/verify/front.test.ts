import { expect } from '@open-wc/testing';
import type { PageTextItem } from '../vision/pdf-input.ts';
import { captureGeometry, checkTextLayer, linesOf, looksLikePrintedPage, readableLines, type PrintedRun } from './front.ts';
import { looksLikeCarrier } from './sheet-pipeline.ts';
import { backPage, issueDemo } from './testing/back-side.ts';

const signed: PrintedRun[] = [
  { text: '住民票の写し', x: 80, y: 20, size: 6 },
  { text: '氏名', x: 20, y: 40, size: 3.5 },
  { text: '高橋　一郎', x: 50, y: 40.2, size: 3.5 },
  { text: '住所', x: 20, y: 50, size: 3.5 },
  { text: '東京都藤見市本町一丁目2番3号', x: 50, y: 50, size: 3.5 },
];
/** The PDF's layer as pdf.js gives it: same runs, spaces where character spacing was. */
const layer = (runs: readonly PrintedRun[]): PageTextItem[] => runs.map((r) => ({ text: [...r.text.replace('　', '')].join(' '), x: r.x + 0.1, y: r.y - 0.1, size: r.size, width: [...r.text].length * r.size }));

describe('front: the PDF text layer against the signed content', () => {
  it('groups runs on one baseline into a line, left to right', () => {
    expect(linesOf(signed).map((l) => l.text)).to.deep.equal(['住民票の写し', '氏名高橋一郎', '住所東京都藤見市本町一丁目2番3号']);
    expect(readableLines(signed)[1]).to.equal('氏名 高橋　一郎');
  });

  it('kofu’s own text layer agrees', () => {
    const check = checkTextLayer(signed, layer(signed));
    expect(check).to.deep.equal({ usable: true, added: [], missing: [] });
  });

  it('an overlay (new text over a white box, the old text still in the layer) shows the added run where it is', () => {
    const overlay: PageTextItem = { text: '高田', x: 50, y: 40.3, size: 3.5, width: 7 };
    const check = checkTextLayer(signed, [...layer(signed), overlay]);
    expect(check.usable).to.equal(true);
    expect(check.added.map((a) => a.text)).to.deep.equal(['高田']);
  });

  it('a run replaced in the layer is added there and the signed run is missing', () => {
    const edited = layer(signed).map((r) => (r.text.startsWith('高') ? { ...r, text: '高田一郎' } : r));
    const check = checkTextLayer(signed, edited);
    expect(check.added.map((a) => a.text)).to.deep.equal(['高田一郎']);
    expect(check.missing.map((m) => m.text)).to.deep.equal(['氏名', '高橋　一郎']);
  });

  it('a layer that is not kofu’s (a scanned PDF: no text, or other text) says nothing', () => {
    expect(checkTextLayer(signed, [])).to.deep.equal({ usable: false, added: [], missing: [] });
    expect(checkTextLayer(signed, [{ text: 'Scanned with CamScanner', x: 10, y: 290, size: 3, width: 50 }]).usable).to.equal(false);
  });

  it('tells a printed page and a back’s scrambled image apart', async () => {
    const back = backPage(await issueDemo(70));
    expect(looksLikeCarrier(back)).to.equal(true);
    const blank = { width: 2480, height: 3508, data: new Uint8Array(2480 * 3508).fill(255) };
    expect(looksLikeCarrier(blank)).to.equal(false);
    expect(looksLikePrintedPage(blank)).to.equal(false);
    const text = { ...blank, data: blank.data.map((v, i) => (i % 97 < 3 ? 0 : v)) };
    expect(looksLikePrintedPage(text)).to.equal(true);
    expect(looksLikeCarrier(text)).to.equal(false);
  });
});

describe('verify/front: which captures of a front are compared', () => {
  it('reads a flatbed scan as 300 dpi with no perspective, and a tilted 200 dpi photo as neither', () => {
    const flatbed = captureGeometry((x, y) => ({ x: 2 * x + 10, y: 2 * y + 7 }), 1240, 1754);
    expect(flatbed.dpi).to.be.closeTo(300, 1e-9);
    expect(flatbed.perspective).to.be.closeTo(0, 1e-12);
    // A photo taken from below: the far (top) edge comes out shorter than the near one.
    const tilt = (x: number, y: number) => {
      const w = 1 + 0.15 * (1 - y / 1754);
      return { x: (1.33 * (x - 620)) / w + 825, y: (1.33 * y) / w };
    };
    const photo = captureGeometry(tilt, 1240, 1754);
    expect(photo.dpi).to.be.below(270);
    expect(photo.perspective).to.be.above(0.03);
  });
});
