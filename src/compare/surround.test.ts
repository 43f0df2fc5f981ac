import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { adoptSurroundRemoved, paperSurround, paperSurroundReference, paperQuantile } from './surround.ts';
import type { GreyImage } from '../vision/grey.ts';

/** A 200 × 300 page of paper (240) with a glyph-like dark square inside, optionally in a lid (30) `lid` px wide on the left and top. */
function scan(lid: number): GreyImage {
  const width = 200;
  const height = 300;
  const data = new Uint8Array(width * height).fill(240);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if (x < lid || y < lid) data[y * width + x] = 30;
      else if (x >= 90 && x < 110 && y >= 140 && y < 160) data[y * width + x] = 20;
    }
  return { width, height, data };
}

describe('paperSurround', () => {
  it('turns a dark lid along the edges into paper and keeps the ink on the page', () => {
    const out = paperSurround(scan(13));
    expect(out.data[5 * 200 + 100]).to.equal(240); // top strip
    expect(out.data[150 * 200 + 5]).to.equal(240); // left strip, including its rim beside the page
    expect(out.data[150 * 200 + 12]).to.equal(240);
    expect(out.data[150 * 200 + 100]).to.equal(20); // the glyph
    expect(out.data[150 * 200 + 150]).to.equal(240);
  });

  it('returns the image itself when nothing dark touches the border', () => {
    const page = scan(0);
    expect(paperSurround(page)).to.equal(page);
  });

  it('leaves a page whose border is paper unchanged even with ink close to it', () => {
    const page = scan(0);
    for (let y = 100; y < 120; y++) for (let x = 4; x < 20; x++) page.data[y * 200 + x] = 20; // ink 4 px from the edge
    const out = paperSurround(page);
    expect(out.data[110 * 200 + 10]).to.equal(20);
  });

  it('reads the paper level as a high quantile of the page', () => {
    expect(paperQuantile(scan(13))).to.equal(240);
  });

  it('gives what the slow reference gives: lids of any width on any edges, ink near or on them, noise', () => {
    fc.assert(
      fc.property(
        fc.record({
          width: fc.integer({ min: 5, max: 61 }),
          height: fc.integer({ min: 5, max: 61 }),
          lids: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }),
          lid: fc.integer({ min: 0, max: 120 }),
          spots: fc.array(fc.record({ x: fc.nat(), y: fc.nat(), size: fc.integer({ min: 1, max: 12 }), level: fc.integer({ min: 0, max: 255 }) }), { maxLength: 6 }),
          seed: fc.nat(),
        }),
        ({ width, height, lids: [left, top, right, bottom], lid, spots, seed }) => {
          let state = seed;
          const data = new Uint8Array(width * height);
          for (let y = 0; y < height; y++)
            for (let x = 0; x < width; x++) {
              state = (state * 1103515245 + 12345) >>> 0;
              const inLid = x < left || y < top || x >= width - right || y >= height - bottom;
              data[y * width + x] = inLid ? lid : 200 + (state % 50);
            }
          for (const { x, y, size, level } of spots)
            for (let yy = y % height; yy < Math.min(height, (y % height) + size); yy++) for (let xx = x % width; xx < Math.min(width, (x % width) + size); xx++) data[yy * width + xx] = level;
          const image = { width, height, data };
          const fast = paperSurround({ ...image, data: data.slice() });
          const slow = paperSurroundReference({ ...image, data: data.slice() });
          expect(Array.from(fast.data)).to.deep.equal(Array.from(slow.data));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns a page already through it, or adopted from another thread, as it is', () => {
    const once = paperSurround(scan(13));
    expect(paperSurround(once)).to.equal(once);
    // A copy (what postMessage delivers) is looked at again unless adopted.
    const copy = { ...once, data: once.data.slice() };
    adoptSurroundRemoved(copy);
    expect(paperSurround(copy)).to.equal(copy);
  });
});
