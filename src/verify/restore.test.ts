import { expect } from '@open-wc/testing';
import { COMPARE_DPI, FINE_DPI } from '../compare/compare.ts';
import { issueDemo, renderFront } from '../compare/testing/tamper.ts';
import { restoreWithCanvas } from './restore.ts';

describe('verify/restore: the fine rendering for the cells’ second look', function () {
  this.timeout(60_000);

  it('reads windows of the front drawn at FINE_DPI, the page’s own pixels inside and paper outside', async () => {
    const cert = await issueDemo('r-teshigawara-saemon', { kind: 'inkan' });
    const restored = await restoreWithCanvas(cert, COMPARE_DPI);
    const page = await renderFront(cert, FINE_DPI);
    const read = restored.fine!(0);
    const [x, y, w, h] = [400, 500, 90, 70];
    const inside = read(x, y, w, h);
    expect(inside.width).to.equal(w);
    const expected = Array.from({ length: w * h }, (_, i) => page.data[(y + Math.floor(i / w)) * page.width + x + (i % w)]);
    expect(Array.from(inside.data)).to.deep.equal(expected);
    expect(expected.some((v) => v < 128), 'the window holds ink').to.equal(true);
    // Across the top-left corner: the part outside the page is paper, the part inside the page's.
    const corner = read(-10, -5, 30, 20);
    expect(corner.data[0]).to.equal(255);
    expect(corner.data[5 * 30 + 10]).to.equal(page.data[0]);
  });
});
