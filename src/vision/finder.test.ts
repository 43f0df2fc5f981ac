import { expect } from '@open-wc/testing';
import { binarize } from './binarize.ts';
import { findFinderPatterns } from './finder.ts';

/**
 * Draws a finder of `modules` modules across (ring widths in the 1:1:3:1:1 ratio: 1, 1, 3, 1, 1
 * units of modules/7) centred at (cx, cy) with pitch `pitch`, onto a white grey image.
 */
function drawFinder(data: Uint8Array, width: number, cx: number, cy: number, modules: number, pitch: number) {
  const unit = modules / 7;
  const half = (modules * pitch) / 2;
  for (let y = Math.floor(cy - half); y < Math.ceil(cy + half); y++)
    for (let x = Math.floor(cx - half); x < Math.ceil(cx + half); x++) {
      // Distance from the centre in units, Chebyshev: 0..1.5 core, ..2.5 light, ..3.5 dark.
      const d = Math.max(Math.abs(x + 0.5 - cx), Math.abs(y + 0.5 - cy)) / (unit * pitch);
      if (d < 3.5) data[y * width + x] = d < 1.5 || d >= 2.5 ? 20 : 235;
    }
}

function page(width: number, height: number) {
  return { data: new Uint8Array(width * height).fill(235), width, height };
}

describe('vision/finder', () => {
  it('finds QR-sized (7-module) finders at their centres, with their module pitch', () => {
    const image = page(300, 240);
    const finders = [
      { x: 60.5, y: 50.5 },
      { x: 230.3, y: 60.8 },
      { x: 70, y: 180 },
    ];
    for (const f of finders) drawFinder(image.data, image.width, f.x, f.y, 7, 4);
    const found = findFinderPatterns(binarize(image, 40), image.width, image.height, { modulesAcross: 7, maxModule: 10 });
    expect(found.length).to.equal(3);
    for (const f of finders) {
      const hit = found.find((c) => Math.hypot(c.x - f.x, c.y - f.y) < 1);
      expect(hit, `finder at ${f.x}, ${f.y}`).to.not.equal(undefined);
      expect(hit!.module).to.be.closeTo(4, 0.4);
      expect(hit!.hits).to.be.at.least(2);
    }
  });

  it('reads the module pitch of a 15-module finder from the size it is told', () => {
    const image = page(200, 200);
    drawFinder(image.data, image.width, 100, 100, 15, 3);
    const [finder, ...rest] = findFinderPatterns(binarize(image, 60), image.width, image.height, { modulesAcross: 15, maxModule: 8 });
    expect(rest).to.deep.equal([]);
    expect(finder.x).to.be.closeTo(100, 0.5);
    expect(finder.y).to.be.closeTo(100, 0.5);
    expect(finder.module).to.be.closeTo(3, 0.3);
  });

  it('finds nothing in a blank page or in stripes without the ratio', () => {
    const blank = page(120, 120);
    expect(findFinderPatterns(binarize(blank, 24), 120, 120, { modulesAcross: 7, maxModule: 8 })).to.deep.equal([]);
    const stripes = page(120, 120);
    for (let y = 0; y < 120; y++) for (let x = 0; x < 120; x++) if (x % 8 < 4) stripes.data[y * 120 + x] = 20;
    expect(findFinderPatterns(binarize(stripes, 24), 120, 120, { modulesAcross: 7, maxModule: 8 })).to.deep.equal([]);
  });
});
