import { expect } from '@open-wc/testing';
import { paperSurround, paperQuantile } from './surround.ts';
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
});
