import { expect } from '@open-wc/testing';
import { applyHomography, homographyFrom4, homographyJacobian } from './homography.ts';

/** Four points, from [x, y] pairs. */
const quad = (...points: [number, number][]) => points.map(([x, y]) => ({ x, y }));

describe('vision/homography', () => {
  it('homographyFrom4 maps the four points it was built from', () => {
    const src = quad([0, 0], [10, 0], [10, 10], [0, 10]);
    const dst = quad([5, 7], [120, 12], [110, 140], [-3, 121]);
    const h = homographyFrom4(src, dst)!;
    src.forEach((p, i) => {
      const q = applyHomography(h, p.x, p.y);
      expect(q.x).to.be.closeTo(dst[i].x, 1e-6);
      expect(q.y).to.be.closeTo(dst[i].y, 1e-6);
    });
  });

  it('the Jacobian matches finite differences of the map', () => {
    const h = homographyFrom4(quad([0, 0], [1, 0], [1, 1], [0, 1]), quad([10, 20], [300, 35], [280, 330], [5, 290]))!;
    const e = 1e-6;
    for (const [x, y] of [
      [0.2, 0.3],
      [0.9, 0.1],
      [0.5, 0.5],
    ]) {
      const [a, b, c, d] = homographyJacobian(h, x, y);
      const p = applyHomography(h, x, y);
      const px = applyHomography(h, x + e, y);
      const py = applyHomography(h, x, y + e);
      expect(a).to.be.closeTo((px.x - p.x) / e, 1e-3);
      expect(b).to.be.closeTo((py.x - p.x) / e, 1e-3);
      expect(c).to.be.closeTo((px.y - p.y) / e, 1e-3);
      expect(d).to.be.closeTo((py.y - p.y) / e, 1e-3);
    }
  });

  it('returns null when three source points are collinear', () => {
    const src = quad([0, 0], [1, 1], [2, 2], [0, 1]);
    expect(homographyFrom4(src, src)).to.equal(null);
  });
});
