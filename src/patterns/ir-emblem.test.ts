import { expect } from '@open-wc/testing';
import { SHO } from './glyphs.ts';
import { IR_MARK_INK, IR_SURROUND_INK, irEmblemPlan, renderIrView } from './ir-emblem.ts';
import { coverage } from './raster.ts';
import { expectGolden } from './testing/golden.ts';

describe('IR emblem (偽造防止検出画像)', () => {
  it('prints the mark in K only and the surround with no K at all', () => {
    expect(IR_MARK_INK.slice(0, 3)).to.deep.equal([0, 0, 0]);
    expect(IR_MARK_INK[3]).to.be.greaterThan(0);
    expect(IR_SURROUND_INK[3]).to.equal(0);
  });

  it('its mark rectangles cover exactly the glyph cells', () => {
    const plan = irEmblemPlan(30);
    const cell = (30 * 0.7) / Math.max(SHO.width, SHO.height);
    let area = 0;
    for (let i = 0; i < plan.markRects.length; i += 4) area += plan.markRects[i + 2] * plan.markRects[i + 3];
    const cells = SHO.cells.reduce((n, v) => n + v, 0);
    expect(area).to.be.closeTo(cells * cell * cell, 1e-9);
  });

  it('seen in infrared (K plane only), shows 証 and nothing else', async () => {
    const view = renderIrView(irEmblemPlan(30));
    const ink = coverage(view, () => true);
    expect(ink).to.be.within(0.05, 0.3);
    await expectGolden('ir-emblem-30mm', view);
  });
});
