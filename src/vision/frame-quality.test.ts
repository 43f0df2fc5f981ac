import { expect } from '@open-wc/testing';
import { frameQuality } from './frame-quality.ts';

const image = (width: number, height: number, at: (x: number, y: number) => number) => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = at(x, y);
  return { width, height, data };
};

/** Squares of `cell` pixels alternating between `dark` and `light`. */
const checkerboard = (cell: number, dark = 20, light = 230) => image(200, 120, (x, y) => ((Math.floor(x / cell) + Math.floor(y / cell)) % 2 ? dark : light));

describe('vision/frame-quality', () => {
  it('gives a flat frame its grey level as brightness, and no contrast or sharpness', () => {
    const q = frameQuality(image(64, 48, () => 77));
    expect(q.brightness).to.equal(77);
    expect(q.contrast).to.equal(0);
    expect(q.sharpness).to.equal(0);
  });

  it('measures the mean and the standard deviation of the grey levels', () => {
    const q = frameQuality(checkerboard(8), 1, 1);
    expect(q.brightness).to.be.closeTo(125, 2);
    expect(q.contrast).to.be.closeTo(105, 2);
  });

  it('reads hard edges as sharper than soft ones of the same contrast', () => {
    const hard = checkerboard(6);
    // The same board through a 7 × 7 box blur: an out-of-focus photo of it.
    const soft = image(hard.width, hard.height, (x, y) => {
      let sum = 0;
      let n = 0;
      for (let dy = -3; dy <= 3; dy++)
        for (let dx = -3; dx <= 3; dx++) {
          const xx = Math.min(hard.width - 1, Math.max(0, x + dx));
          const yy = Math.min(hard.height - 1, Math.max(0, y + dy));
          sum += hard.data[yy * hard.width + xx];
          n++;
        }
      return Math.round(sum / n);
    });
    // Every pixel (stride 1): a board this regular would alias with a sparse sampling grid.
    expect(frameQuality(hard, 2, 1).sharpness).to.be.above(2 * frameQuality(soft, 2, 1).sharpness);
  });

  it('keeps a dim but sharp frame sharp: the focus measure does not scale with the light', () => {
    const bright = frameQuality(checkerboard(6, 20, 230), 2, 1).sharpness;
    const dim = frameQuality(checkerboard(6, 5, 57), 2, 1).sharpness;
    expect(dim).to.be.closeTo(bright, 0.05 * bright);
  });
});
