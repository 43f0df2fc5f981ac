import { expect } from '@open-wc/testing';
import { applyHomography, homographyFrom4, homographyJacobian } from './homography.ts';

describe('vision/homography', () => {
  it('homographyFrom4 maps the four points it was built from', () => {
    const src = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ];
    const dst = [
      { x: 5, y: 7 },
      { x: 120, y: 12 },
      { x: 110, y: 140 },
      { x: -3, y: 121 },
    ];
    const h = homographyFrom4(src, dst)!;
    src.forEach((p, i) => {
      const q = applyHomography(h, p.x, p.y);
      expect(q.x).to.be.closeTo(dst[i].x, 1e-6);
      expect(q.y).to.be.closeTo(dst[i].y, 1e-6);
    });
  });


  it('the Jacobian matches finite differences of the map', () => {
    const h = homographyFrom4(
      [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 1, y: 1 },
        { x: 0, y: 1 },
      ],
      [
        { x: 10, y: 20 },
        { x: 300, y: 35 },
        { x: 280, y: 330 },
        { x: 5, y: 290 },
      ],
    )!;
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
    const src = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 2 },
      { x: 0, y: 1 },
    ];
    expect(homographyFrom4(src, src)).to.equal(null);
  });
});
