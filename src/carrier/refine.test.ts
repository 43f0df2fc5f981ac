import { expect } from '@open-wc/testing';
import { layoutFor } from './format.ts';
import type { FinderQuad } from './locate.ts';
import { cornerSearchRanges, finderCentres, gridMapFor, pixelsPerModule, refineGrid } from './refine.ts';
import { mapPoint } from './sample.ts';
import { cleanScan } from './testing/clean-scan.ts';

describe('carrier/refine', () => {
  const scan = cleanScan();
  const layout = layoutFor(scan.symbol.size);
  const quadAt = (shift: { x: number; y: number }, synthetic = false): FinderQuad => ({
    corners: finderCentres(layout.size).map((p, i) => {
      const t = scan.toPixel(p.x, p.y);
      return { x: t.x + shift.x, y: t.y + shift.y, module: scan.pitch, hits: 4, synthetic: synthetic && i === 3 };
    }),
    score: 1,
    sizeEstimate: layout.size,
    module: scan.pitch,
  });
  /** Largest distance between where the map puts a lattice point and where it is. */
  const worstLatticeError = (map: NonNullable<ReturnType<typeof gridMapFor>>) => {
    let worst = 0;
    for (const r of layout.lattice)
      for (const c of layout.lattice) {
        const p = mapPoint(map, c + 0.5, r + 0.5);
        const t = scan.toPixel(c + 0.5, r + 0.5);
        worst = Math.max(worst, Math.hypot(p.x - t.x, p.y - t.y));
      }
    return worst;
  };

  it('maps module centres onto the scan exactly from exact finder centres', () => {
    const map = gridMapFor(quadAt({ x: 0, y: 0 }), layout)!;
    expect(worstLatticeError(map)).to.be.below(1e-6);
    expect(pixelsPerModule(map, layout.size)).to.be.closeTo(scan.pitch, 1e-6);
  });

  it('finds every alignment pattern and corrects a misplaced homography', () => {
    // Finder centres measured 1.5 px right and 1 px up of the truth: every module is off by that much.
    const map = gridMapFor(quadAt({ x: 1.5, y: -1 }), layout)!;
    const before = worstLatticeError(map);
    expect(before).to.be.closeTo(Math.hypot(1.5, 1), 1e-6);
    const alignmentFound = refineGrid(scan.grey, map, [0.75, 0.75, 0.75, 0.75]);
    expect(alignmentFound).to.equal(1);
    expect(worstLatticeError(map)).to.be.below(0.4);
  });

  it('searches wider around a finder that was inferred rather than seen', () => {
    expect(cornerSearchRanges(quadAt({ x: 0, y: 0 }, true))).to.deep.equal([0.75, 0.75, 0.75, 3]);
  });
});
