import { expect } from '@open-wc/testing';
import { applyHomography } from '../vision/homography.ts';
import { ZERO_FIELD } from './field.ts';
import type { Registration } from './register.ts';
import { warpToRendering, warpToRenderingReference } from './warp.ts';
import { greyNoise } from './testing/noise.ts';

describe('warp onto the rendering', () => {
  it('warpToRendering (weights per row and column, inlined sampling) equals the per-pixel reference bit for bit, with and without a field', () => {
    const scan = greyNoise(300, 260, 3);
    const homography = Float64Array.of(1.9, 0.12, 14.5, -0.08, 2.05, 9.25, 2e-5, -1e-5, 1);
    const columns = 4;
    const rows = 5;
    let s = 11;
    const random = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * 6;
    const field = { columns, rows, cell: 32, dx: Float32Array.from({ length: columns * rows }, random), dy: Float32Array.from({ length: columns * rows }, random) };
    const centre = applyHomography(homography, 60, 70);
    expect(centre.x).to.be.within(0, scan.width);
    for (const registration of [{ homography, field, matches: 20, scale: 2 }, { homography, field: ZERO_FIELD, matches: 20, scale: 2 }, { homography, field, matches: 20, scale: 1 }] satisfies Registration[])
      expect(warpToRendering(scan, registration, 130, 150).data).to.deep.equal(warpToRenderingReference(scan, registration, 130, 150).data);
  });
});
