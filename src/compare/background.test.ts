import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { blockPaperLevel, blockPaperLevelReference, suppressBackground, suppressBackgroundReference } from './background.ts';
import { paperLevel } from './image-ops.ts';
import type { GreyImage } from '../vision/grey.ts';
import { seededRandom } from '../bytes/seeded-random.ts';

/** Paper at 235 with a light background (30 % of the pixels at 175–215, as a blurred dot screen) and a black bar (a stroke) at 40. */
function page(): { image: GreyImage; bar: (x: number, y: number) => boolean } {
  const width = 400;
  const height = 300;
  const random = seededRandom(7);
  const data = new Uint8Array(width * height).fill(235);
  for (let i = 0; i < data.length; i++) if (random() < 0.3) data[i] = 175 + Math.floor(random() * 40);
  const bar = (x: number, y: number) => x >= 100 && x < 300 && y >= 140 && y < 146;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (bar(x, y)) data[y * width + x] = 40;
  return { image: { width, height, data }, bar };
}

describe('compare/background', () => {
  it('turns the light background to paper and keeps the stroke dark, with its shape', () => {
    const { image, bar } = page();
    const { image: out, clip } = suppressBackground(image);
    expect(clip).to.be.within(0.6, 0.97);
    let background = 0;
    let whitened = 0;
    let before = 0;
    let after = 0;
    for (let y = 0; y < image.height; y++)
      for (let x = 0; x < image.width; x++) {
        const i = y * image.width + x;
        if (bar(x, y)) expect(out.data[i], `stroke at ${x},${y}`).to.be.below(80);
        else if (image.data[i] < 235) {
          background++;
          before += 235 - image.data[i];
          after += 255 - out.data[i];
          if (out.data[i] === 255) whitened++;
        }
      }
    // The clip sits at the lighter class's darkest tenth: most of the background becomes paper,
    // and what stays keeps a fraction of its depth. (With 1 % of the page inked, Otsu's split
    // fell between the background and the paper and left every dot.)
    expect(whitened / background).to.be.above(0.5);
    expect(after / before).to.be.below(0.25);
    expect(out.data[10 * image.width + 10]).to.equal(255); // paper is paper
  });

  it('leaves a page with no background and no ink as paper, and never whitens black', () => {
    const blank: GreyImage = { width: 64, height: 64, data: new Uint8Array(64 * 64).fill(230) };
    expect([...suppressBackground(blank).image.data].every((v) => v === 255)).to.equal(true);
    const black: GreyImage = { width: 64, height: 64, data: new Uint8Array(64 * 64).fill(230).map((v, i) => (i % 64 < 8 ? 20 : v)) };
    const out = suppressBackground(black).image;
    expect(out.data[0]).to.be.below(60);
  });

  it('blockPaperLevel follows the full-resolution paper level (image-ops paperLevel, radius 12) under a lighting falloff', () => {
    const width = 300;
    const height = 200;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const lit = 240 - 60 * (x / width) - 20 * (y / height); // a photo's falloff across the page
        const stroke = y % 25 < 2 && x % 40 < 30; // text lines
        data[y * width + x] = Math.round(stroke ? lit * 0.2 : lit);
      }
    const image = { width, height, data };
    const reference = paperLevel(image, 12);
    const levels = blockPaperLevel(image);
    let worst = 0;
    for (let y = 16; y < height - 16; y++) {
      const row = levels.row(y);
      for (let x = 16; x < width - 16; x++) worst = Math.max(worst, Math.abs(row[x] - reference[y * width + x]));
    }
    expect(worst).to.be.below(4);
  });
  it('suppressBackground and blockPaperLevel equal their slow references bit for bit (any size, partial edge blocks)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 61 }), fc.integer({ min: 1, max: 47 }), fc.integer({ min: 0, max: 1000 }), (width, height, seed) => {
        const random = seededRandom(seed);
        const data = new Uint8Array(width * height);
        // Paper with a falloff, a light background and a few strokes: every branch of the clip.
        for (let y = 0; y < height; y++)
          for (let x = 0; x < width; x++) data[y * width + x] = random() < 0.05 ? 30 : random() < 0.3 ? 170 + Math.floor(random() * 50) : 240 - Math.floor((40 * x) / width);
        const image = { width, height, data };
        const fast = suppressBackground(image);
        const slow = suppressBackgroundReference(image);
        expect(fast.clip).to.equal(slow.clip);
        expect(Array.from(fast.image.data)).to.deep.equal(Array.from(slow.image.data));
        const rows = blockPaperLevel(image);
        const reference = blockPaperLevelReference(image);
        // Rows out of order as well: the fast one keeps two interpolated block rows.
        for (const y of [0, height - 1, height >> 1, 0, height - 1]) expect(Array.from(rows.row(y))).to.deep.equal(Array.from(reference.row(y)));
      }),
      { numRuns: 60 },
    );
  });
});
