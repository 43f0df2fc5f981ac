import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { binarize, binarizeReference } from './binarize.ts';

describe('vision/binarize', () => {
  it('separates dark marks from paper under light that varies more than their contrast', () => {
    // Paper brightens from 90 on the left to 250 on the right; marks are 50 levels darker than the
    // paper around them, so the darkest paper is darker than the lightest mark: no global
    // threshold could separate them.
    const width = 400;
    const height = 100;
    const data = new Uint8Array(width * height);
    const paper = (x: number) => 90 + (160 * x) / width;
    const isMark = (x: number, y: number) => x % 40 >= 15 && x % 40 < 25 && y >= 40 && y < 60;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = Math.round(paper(x) - (isMark(x, y) ? 50 : 0));
    expect(paper(width - 1) - 50).to.be.above(paper(0));
    const bin = binarize({ data, width, height }, 40);
    // At the left and right borders the window is one-sided, so on this steep a gradient its mean is
    // off by more than the offset; judge the page away from them.
    let wrong = 0;
    for (let y = 0; y < height; y++) for (let x = 10; x < width - 10; x++) if (bin[y * width + x] !== (isMark(x, y) ? 1 : 0)) wrong++;
    expect(wrong).to.equal(0);
  });

  it('gives the same bits as the slow reference on any image and window', () => {
    const images = fc.integer({ min: 1, max: 70 }).chain((width) =>
      fc.integer({ min: 1, max: 50 }).chain((height) => fc.record({ width: fc.constant(width), height: fc.constant(height), data: fc.uint8Array({ minLength: width * height, maxLength: width * height }) })),
    );
    fc.assert(
      fc.property(images, fc.integer({ min: 1, max: 90 }), (grey, window) => {
        const fast = binarize(grey, window);
        const slow = binarizeReference(grey, window);
        return fast.length === slow.length && fast.every((bit, i) => bit === slow[i]);
      }),
    );
  });

  it('leaves an even page white', () => {
    const bin = binarize({ data: new Uint8Array(64 * 48).fill(200), width: 64, height: 48 }, 24);
    expect(bin.every((v) => v === 0)).to.equal(true);
  });
});
