import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { bilinear, bilinearAtIndex, makeTemplate, matchTemplate, templateScoreReference } from './template-match.ts';

describe('vision/template-match', () => {
  it('the fast bilinearAtIndex reads what the slow bilinear reads, half a pixel on and clamped at the edges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.uint8Array({ minLength: 36, maxLength: 36 }),
        fc.double({ min: -3, max: 9, noNaN: true }),
        fc.double({ min: -3, max: 9, noNaN: true }),
        (width, height, pixels, x, y) => {
          const grey = { data: pixels.subarray(0, width * height), width, height };
          expect(bilinearAtIndex(grey, x - 0.5, y - 0.5)).to.be.closeTo(bilinear(grey, x, y), 1e-9);
        },
      ),
    );
  });

  it('template matching finds a blurred alignment pattern and its score matches the slow NCC', () => {
    // A 5×5 alignment pattern at 4 px per module, centred at (103.3, 97.6), lightly blurred by box averaging.
    const width = 200;
    const height = 200;
    const sharp = new Float32Array(width * height).fill(230);
    const cx = 103.3;
    const cy = 97.6;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const mx = Math.floor((x + 0.5 - cx) / 4 + 2.5);
        const my = Math.floor((y + 0.5 - cy) / 4 + 2.5);
        if (mx < 0 || my < 0 || mx > 4 || my > 4) continue;
        sharp[y * width + x] = Math.max(Math.abs(mx - 2), Math.abs(my - 2)) === 1 ? 230 : 30;
      }
    const data = new Uint8Array(width * height);
    for (let y = 1; y < height - 1; y++)
      for (let x = 1; x < width - 1; x++) {
        let acc = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) acc += sharp[(y + dy) * width + x + dx];
        data[y * width + x] = Math.round(acc / 9);
      }
    const grey = { data, width, height };
    const template = makeTemplate([1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1], 5);
    const jacobian: [number, number, number, number] = [4, 0, 0, 4];
    const predicted = { x: 100, y: 100 };
    const m = matchTemplate(grey, template, predicted, jacobian, 1.25);
    expect(predicted.x + 4 * m.offset.x).to.be.closeTo(cx, 0.5);
    expect(predicted.y + 4 * m.offset.y).to.be.closeTo(cy, 0.5);
    expect(m.score).to.be.closeTo(templateScoreReference(grey, template, predicted, jacobian, m.offset.x, m.offset.y), 1e-6);
    for (let oy = -1.25; oy <= 1.25; oy += 0.25)
      for (let ox = -1.25; ox <= 1.25; ox += 0.25) expect(templateScoreReference(grey, template, predicted, jacobian, ox, oy)).to.be.at.most(m.score + 1e-9);
  });
});
