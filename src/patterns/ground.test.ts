import { expect } from '@open-wc/testing';
import { groundTile, renderGround } from './ground.ts';
import { coverage } from './raster.ts';
import { expectGolden } from './testing/golden.ts';

const AREA = { widthMm: 40, heightMm: 40 };

describe('地紋 (ground pattern)', function () {
  this.timeout(30_000);

  it('is light: under 4 % ink coverage, in a pale tint', () => {
    for (const seed of [992011, 131010, 272001]) {
      const ink = coverage(renderGround({ ...AREA, seed }), () => true);
      expect(ink, `seed ${seed}`).to.be.within(0.005, 0.04);
      expect(Math.min(...groundTile(seed).tint), `seed ${seed} tint`).to.be.at.least(150);
    }
  });

  it('is a pure function of the municipality code, and another code gives another ground', () => {
    expect(renderGround({ ...AREA, seed: 992011 }).data).to.deep.equal(renderGround({ ...AREA, seed: 992011 }).data);
    expect(renderGround({ ...AREA, seed: 131010 }).data).to.not.deep.equal(renderGround({ ...AREA, seed: 992011 }).data);
  });

  it('stays inside its tile, so the tiles join without overlap', () => {
    const tile = groundTile(992011);
    for (const curve of tile.curves) for (const v of curve) expect(v).to.be.within(0, tile.sideMm);
  });

  it('matches its golden image', async () => {
    await expectGolden('ground-992011', renderGround({ ...AREA, seed: 992011 }));
  });
});
