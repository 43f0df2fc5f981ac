import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { levelFor, matchPatch, matchPatchReference } from './patch-match.ts';
import { greyNoise } from './testing/noise.ts';

/** Zero-mean, unit-norm values of a side × side square of noise, as register.ts's patches are. */
const patchValues = (side: number, seed: number): Float32Array => {
  const values = Float32Array.from(greyNoise(side, side, seed).data);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  let norm = 0;
  for (let i = 0; i < values.length; i++) norm += (values[i] -= mean) ** 2;
  norm = Math.sqrt(norm);
  for (let i = 0; i < values.length; i++) values[i] /= norm;
  return values;
};

describe('patch matching', () => {
  it('matchPatch (scan resampled once per patch) equals the per-offset resampling bit for bit', () => {
    const scan = greyNoise(160, 140, 7);
    fc.assert(
      fc.property(
        fc.constantFrom(14, 22, 28, 64),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(1, 2),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: 0.5, max: 1.6, noNaN: true }),
        fc.integer(),
        (side, radius, step, angle, scale, seed) => {
          const values = patchValues(side, seed);
          const [c, n] = [scale * Math.cos(angle), scale * Math.sin(angle)];
          const toScan = (x: number, y: number) => ({ x: 80 + c * (x - 40) - n * (y - 40), y: 70 + n * (x - 40) + c * (y - 40) });
          const centre = { x: 40 + (seed % 5), y: 40 - (seed % 3) };
          expect(matchPatch(scan, values, side, centre, toScan, radius, step)).to.deep.equal(matchPatchReference(scan, values, side, centre, toScan, radius, step));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('levelFor picks the coarsest level that keeps about one scan pixel per target pixel', () => {
    // Scan pixels per 150 dpi rendering pixel at 150, 230, 250, 285, 295, 300, 450 and 610 dpi.
    const levels = [150, 230, 250, 285, 295, 300, 450, 610].map((dpi) => levelFor(dpi / 150, 4));
    expect(levels).to.deep.equal([0, 0, 0, 1, 1, 1, 1, 2]);
    expect(levelFor(64, 4), 'clamped to the pyramid').to.equal(3);
    fc.assert(
      fc.property(fc.double({ min: 1, max: 200, noNaN: true }), (ratio) => {
        const k = levelFor(ratio, 10);
        expect(ratio / 2 ** k).to.be.at.least(0.95);
        expect(ratio / 2 ** (k + 1)).to.be.below(0.95);
      }),
    );
  });
});
