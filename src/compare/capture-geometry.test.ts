import { expect } from '@open-wc/testing';
import { captureGeometry, captureKind } from './capture-geometry.ts';

/** A photo taken from below: the far (top) edge comes out shorter than the near one. */
const tilt = (x: number, y: number) => {
  const w = 1 + 0.15 * (1 - y / 1754);
  return { x: (1.33 * (x - 620)) / w + 825, y: (1.33 * y) / w };
};

describe('capture geometry: scan or photo', () => {
  it('reads a flatbed scan as 300 dpi with no perspective, and a tilted 200 dpi photo as neither', () => {
    const flatbed = captureGeometry((x, y) => ({ x: 2 * x + 10, y: 2 * y + 7 }), 1240, 1754);
    expect(flatbed.dpi).to.be.closeTo(300, 1e-9);
    expect(flatbed.perspective).to.be.closeTo(0, 1e-12);
    const photo = captureGeometry(tilt, 1240, 1754);
    expect(photo.dpi).to.be.below(270);
    expect(photo.perspective).to.be.above(0.03);
  });

  it('calls a 300 dpi square-on homography a scan, a 200 dpi one or a 300 dpi one in perspective a photo', () => {
    expect(captureKind(Float64Array.of(2, 0, 10, 0, 2, 7, 0, 0, 1), 1240, 1754)).to.equal('scan');
    expect(captureKind(Float64Array.of(1.33, 0, 10, 0, 1.33, 7, 0, 0, 1), 1240, 1754)).to.equal('photo');
    // Rows further down come out smaller: the bottom edge is ≈ 10 % shorter than the top.
    expect(captureKind(Float64Array.of(2, 0, 10, 0, 2, 7, 0, 6e-5, 1), 1240, 1754)).to.equal('photo');
  });
});
