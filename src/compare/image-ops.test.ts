import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { boxMean, boxMeanReference, halve, pyramid, squareExtremum, squareExtremumReference } from './image-ops.ts';
import { greyNoise } from './testing/noise.ts';

describe('image ops: fast filters against their slow references', () => {
  it('van Herk / Gil–Werman min and max equal the direct 2-D window, for images narrower and wider than the window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 13 }), fc.boolean(), fc.integer(), (width, height, radius, max, seed) => {
        const image = greyNoise(width, height, seed);
        expect(squareExtremum(image, radius, max).data).to.deep.equal(squareExtremumReference(image, radius, max).data);
      }),
      { numRuns: 200 },
    );
  });

  it('an image whose pixels are a view at an odd offset into a larger buffer filters like a copy of it', () => {
    const image = greyNoise(23, 17, 4);
    const buffer = new Uint8Array(image.data.length + 3);
    buffer.set(image.data, 1);
    const view = { width: 23, height: 17, data: buffer.subarray(1, 1 + image.data.length) };
    for (const radius of [1, 4]) expect(squareExtremum(view, radius, false).data).to.deep.equal(squareExtremumReference(image, radius, false).data);
  });

  it('a radius of 0 returns a copy of the image', () => {
    const image = greyNoise(5, 4, 9);
    const out = squareExtremum(image, 0, true);
    expect(out.data).to.deep.equal(image.data);
    expect(out.data).to.not.equal(image.data);
  });

  it('the running-sum box mean equals the direct sums bit for bit on grey levels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 48 }), fc.integer({ min: 1, max: 48 }), fc.integer({ min: 0, max: 14 }), fc.integer(), (width, height, radius, seed) => {
        const values = Float32Array.from(greyNoise(width, height, seed).data);
        expect(Array.from(boxMean(values, width, height, radius))).to.deep.equal(Array.from(boxMeanReference(values, width, height, radius)));
      }),
      { numRuns: 200 },
    );
  });

  it('the running-sum box mean stays within 1e-3 of the direct sums on fractional values', () => {
    const width = 300;
    const height = 200;
    const values = Float32Array.from(greyNoise(width, height, 3).data, (v, i) => v / 7 + Math.sin(i) * 3.3);
    const fast = boxMean(values, width, height, 12);
    const slow = boxMeanReference(values, width, height, 12);
    let worst = 0;
    for (let i = 0; i < fast.length; i++) worst = Math.max(worst, Math.abs(fast[i] - slow[i]));
    expect(worst).to.be.lessThan(1e-3);
  });
  it('the box mean of grey levels is the same read from a Uint8Array as from its float32 copy', () => {
    const image = greyNoise(37, 29, 5);
    expect(Array.from(boxMean(image.data, 37, 29, 4))).to.deep.equal(Array.from(boxMeanReference(Float32Array.from(image.data), 37, 29, 4)));
  });

  it('pyramid is built once per image: a second call, shorter or longer, gives the same levels as fresh halvings', () => {
    const image = greyNoise(203, 150, 8);
    const short = pyramid(image, 2);
    const long = pyramid(image, 6);
    expect(long[1]).to.equal(short[1]);
    const fresh = [image];
    while (fresh.length < 6 && fresh[fresh.length - 1].width > 8) fresh.push(halve(fresh[fresh.length - 1]));
    expect(long.length).to.equal(fresh.length);
    long.forEach((level, i) => expect(Array.from(level.data), `level ${i}`).to.deep.equal(Array.from(fresh[i].data)));
    expect(pyramid(image, 3).length).to.equal(3);
  });
});
