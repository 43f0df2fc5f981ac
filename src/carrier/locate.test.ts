import { expect } from '@open-wc/testing';
import { binarisationWindows, confirmedFinders, finderQuads, gridSizesNear, locateFinders } from './locate.ts';
import { finderCentres } from './refine.ts';
import { cleanScan } from './testing/clean-scan.ts';

describe('carrier/locate', () => {
  const scan = cleanScan();
  const { size } = scan.symbol;
  const truth = finderCentres(size).map((p) => scan.toPixel(p.x, p.y));

  it('finds the four finders of a clean scan at their centres, with the module pitch', () => {
    const [small] = binarisationWindows(scan.grey);
    const finders = locateFinders(scan.grey, small);
    // Data modules and alignment patterns make look-alikes too; the quads sort them out.
    expect(confirmedFinders(finders)).to.be.at.least(4);
    for (const t of truth) {
      const hit = finders.find((f) => Math.hypot(f.x - t.x, f.y - t.y) < 1);
      expect(hit, `finder at ${t.x}, ${t.y}`).to.not.equal(undefined);
      expect(hit!.module).to.be.closeTo(scan.pitch, 0.25);
    }
  });

  it('groups them into one quad whose size estimate picks the symbol’s grid size first', () => {
    const quads = finderQuads(locateFinders(scan.grey, binarisationWindows(scan.grey)[0]));
    expect(quads.length).to.be.at.least(1);
    const [best] = quads;
    for (const t of truth) expect(best.corners.some((c) => Math.hypot(c.x - t.x, c.y - t.y) < 1)).to.equal(true);
    expect(best.corners.some((c) => c.synthetic)).to.equal(false);
    expect(best.module).to.be.closeTo(scan.pitch, 0.25);
    expect(gridSizesNear(best.sizeEstimate)[0]).to.equal(size);
  });

  it('infers a stained finder from the other three (parallelogram completion)', () => {
    const stained = cleanScan();
    const hidden = truth[3]; // bottom-left
    const half = 8 * stained.pitch;
    const { data, width } = stained.grey;
    for (let y = Math.round(hidden.y - half); y < Math.round(hidden.y + half); y++)
      for (let x = Math.round(hidden.x - half); x < Math.round(hidden.x + half); x++) data[y * width + x] = 110;
    const finders = locateFinders(stained.grey, binarisationWindows(stained.grey)[0]);
    expect(finders.some((f) => Math.hypot(f.x - hidden.x, f.y - hidden.y) < 4 * stained.pitch)).to.equal(false);
    const [best] = finderQuads(finders);
    const inferred = best.corners.find((c) => c.synthetic);
    expect(inferred, 'a synthetic corner').to.not.equal(undefined);
    expect(Math.hypot(inferred!.x - hidden.x, inferred!.y - hidden.y)).to.be.below(2 * stained.pitch);
  });

  it('tries a small binarisation window before a large one, never below 24 px', () => {
    const [small, large] = binarisationWindows({ data: new Uint8Array(0), width: 3000, height: 1200 });
    expect([small, large]).to.deep.equal([120, 400]);
    expect(binarisationWindows({ data: new Uint8Array(0), width: 50, height: 50 })).to.deep.equal([24, 24]);
  });

  it('offers at most three grid sizes, nearest first', () => {
    expect(gridSizesNear(97)).to.deep.equal([96, 104, 88]);
    expect(gridSizesNear(40)).to.deep.equal([40]);
  });
});
