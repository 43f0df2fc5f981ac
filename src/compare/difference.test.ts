import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { compareFront, compareFrontReference, normaliseTone, normaliseToneReference } from './difference.ts';
import { greyNoise } from './testing/noise.ts';
import type { GreyImage } from '../vision/grey.ts';

/** A light page with dark strokes (about an eighth of the pixels), so that regions, tone fits and envelopes all have work. */
function page(width: number, height: number, seed: number): GreyImage {
  const noise = greyNoise(width, height, seed).data;
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = noise[i] < 32 ? noise[i] : 200 + (noise[i] % 56);
  return { width, height, data };
}

describe('compare/difference: the fused loops against their slow references', () => {
  it('normaliseTone equals normaliseToneReference bit for bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 14 }), fc.integer(), (width, height, radius, seed) => {
        const scan = page(width, height, seed);
        const rendering = page(width, height, seed + 1);
        expect(Array.from(normaliseTone(scan, rendering, radius).data)).to.deep.equal(Array.from(normaliseToneReference(scan, rendering, radius).data));
      }),
      { numRuns: 100 },
    );
  });

  it('compareFront equals compareFrontReference (map, regions, score) for one and for two resamplings', () => {
    let withRegions = 0;
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 90 }), fc.integer({ min: 8, max: 90 }), fc.integer(), fc.boolean(), (width, height, seed, two) => {
        const rendering = page(width, height, seed);
        const scans = two ? [page(width, height, seed + 1), page(width, height, seed + 2)] : [page(width, height, seed + 1)];
        const options = { radius: 1, threshold: 40, paperRadius: 3, join: 2, minArea: 2, minMass: 10, border: 2, minThickness: 1 };
        const fast = compareFront(rendering, scans, options);
        const slow = compareFrontReference(rendering, scans, options);
        expect(Array.from(fast.map)).to.deep.equal(Array.from(slow.map));
        expect(fast.regions).to.deep.equal(slow.regions);
        expect(fast.score).to.equal(slow.score);
        if (slow.regions.length) withRegions++;
      }),
      { numRuns: 60 },
    );
    expect(withRegions, 'pages that have regions to compare').to.be.greaterThan(10);
  });
});
