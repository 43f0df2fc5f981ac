import { expect } from '@open-wc/testing';
import { OFFICE_COPIER_600, SCANNER_COPY_300, messageContrast, simulateCopy } from './copier.ts';
import { pantographGeometry, pantographPlan, pantographRegions, PRINT_TILING, renderPantograph, REGION, type PantographOptions, type PantographPlan } from './pantograph.ts';
import { PRINTER_PROFILES, screenCoverage } from './printer-profiles.ts';
import { blankRaster, coverage, fillRect, type PatternRaster } from './raster.ts';
import { expectGolden } from './testing/golden.ts';

const patch = (profile = PRINTER_PROFILES['laser-600'], camouflage = true): PantographOptions => ({ widthMm: 60, heightMm: 40, seed: 131, profile, camouflage });

function regionCoverage(o: PantographOptions) {
  const r = renderPantograph(o);
  const regions = pantographRegions(o);
  return {
    message: coverage(r, (x, y) => regions[y * r.width + x] === REGION.message),
    background: coverage(r, (x, y) => regions[y * r.width + x] === REGION.background),
  };
}

/**
 * The slow reference for the PDF's painting order (src/pdf/pattern-ops.ts): the plan's tiles and
 * rectangles painted pixel by pixel at 600 dpi, camouflage left out.
 */
function paintPlan(plan: PantographPlan, dpi: number): PatternRaster {
  const r = blankRaster(plan.widthMm, plan.heightMm, dpi);
  const px = (mm: number) => Math.round((mm * dpi) / 25.4);
  const tileOver = (dots: Float64Array, side: number, x0: number, y0: number, x1: number, y1: number) => {
    for (let ty = 0; ty * side < plan.heightMm; ty++) {
      for (let tx = 0; tx * side < plan.widthMm; tx++) {
        for (let i = 0; i < dots.length; i += 3) {
          const x = px(tx * side + dots[i]);
          const y = px(ty * side + dots[i + 1]);
          const s = px(dots[i + 2]);
          // Clipped to the rectangle being filled, as a PDF fill clips its pattern.
          const cx0 = Math.max(x, x0);
          const cy0 = Math.max(y, y0);
          fillRect(r, cx0, cy0, Math.min(x + s, x1) - cx0, Math.min(y + s, y1) - cy0);
        }
      }
    }
  };
  tileOver(plan.backgroundTile.dots, plan.backgroundTile.sideMm, 0, 0, r.width, r.height);
  const rects = (list: Float64Array, each: (x0: number, y0: number, x1: number, y1: number) => void) => {
    for (let i = 0; i < list.length; i += 4) each(px(list[i]), px(list[i + 1]), px(list[i] + list[i + 2]), px(list[i + 1] + list[i + 3]));
  };
  rects(plan.outlineRects, (x0, y0, x1, y1) => fillRect(r, x0, y0, x1 - x0, y1 - y0, 255));
  rects(plan.messageRects, (x0, y0, x1, y1) => tileOver(plan.messageTile.dots, plan.messageTile.sideMm, x0, y0, x1, y1));
  return r;
}

describe('void pantograph (複写)', function () {
  this.timeout(60_000);

  for (const profile of Object.values(PRINTER_PROFILES)) {
    it(`${profile.id}: the two screens have equal nominal coverage`, () => {
      expect(screenCoverage(profile.message)).to.equal(screenCoverage(profile.background));
      expect(profile.message.pitchPx % profile.background.pitchPx).to.equal(0);
    });

    it(`${profile.id}: message and background interiors have equal ink coverage within 1 %, with and without camouflage`, () => {
      for (const camouflage of [false, true]) {
        const { message, background } = regionCoverage(patch(profile, camouflage));
        expect(message, `camouflage ${camouflage}`).to.be.greaterThan(0.02);
        expect(Math.abs(message - background) / background, `camouflage ${camouflage}: ${message} vs ${background}`).to.be.at.most(0.01);
      }
    });
  }

  it('is a pure function of its seed, and another seed moves the words', () => {
    const a = renderPantograph(patch());
    const b = renderPantograph(patch());
    expect(a.data).to.deep.equal(b.data);
    const c = renderPantograph({ ...patch(), seed: 132 });
    expect(c.data).to.not.deep.equal(a.data);
  });

  it('draws the same dots as geometry in mm as the raster has in pixels', () => {
    const o = patch(PRINTER_PROFILES['laser-600'], false);
    const r = renderPantograph(o);
    const g = pantographGeometry(o);
    let inkPx = 0;
    for (const v of r.data) if (v === 0) inkPx++;
    let dotPx = 0;
    const pxPerMm = r.dpi / 25.4;
    for (let i = 0; i < g.dots.length; i += 3) {
      // Clip each square to the patch, as the raster does.
      const [x, y, s] = [g.dots[i], g.dots[i + 1], g.dots[i + 2]].map((v) => Math.round(v * pxPerMm));
      dotPx += Math.max(0, Math.min(r.width, x + s) - x) * Math.max(0, Math.min(r.height, y + s) - y);
    }
    expect(dotPx).to.equal(inkPx);
  });

  it('shows 『複写』 on a simulated copy at least 3× more than on the original', () => {
    const o = patch();
    const original = renderPantograph(o);
    const regions = pantographRegions(o);
    const before = messageContrast(original, regions, original.width, original.dpi);
    for (const model of [OFFICE_COPIER_600, SCANNER_COPY_300]) {
      const copy = simulateCopy(original, model);
      const after = messageContrast(copy, regions, original.width, original.dpi);
      expect(after, `${model.dpi} dpi copy ${after} vs original ${before}`).to.be.at.least(3 * before);
      // At most the screen coverage itself (6.25 %): the message keeps its ink, the background loses it.
      expect(after).to.be.greaterThan(0.4 * screenCoverage(PRINTER_PROFILES['laser-600'].message));
    }
  });

  for (const profile of [PRINTER_PROFILES['laser-600'], PRINTER_PROFILES['inkjet-600'], PRINTER_PROFILES['laser-300']]) {
    it(`${profile.id}: the tiled vector plan, painted in the PDF's order, gives exactly the tiled raster's dots`, () => {
      const o = { ...patch(profile, false), tiling: PRINT_TILING };
      const raster = renderPantograph(o);
      const painted = paintPlan(pantographPlan(o), profile.dpi);
      let differ = 0;
      for (let i = 0; i < raster.data.length; i++) if (raster.data[i] !== painted.data[i]) differ++;
      expect(differ).to.equal(0);
    });
  }

  it('tiled for print, keeps equal coverage inside and outside the message and still shows on a copy', () => {
    const o = { ...patch(), tiling: PRINT_TILING };
    const { message, background } = regionCoverage(o);
    expect(Math.abs(message - background) / background, `${message} vs ${background}`).to.be.at.most(0.01);
    const original = renderPantograph(o);
    const regions = pantographRegions(o);
    const before = messageContrast(original, regions, original.width, original.dpi);
    const after = messageContrast(simulateCopy(original, OFFICE_COPIER_600), regions, original.width, original.dpi);
    expect(after).to.be.at.least(3 * before);
  });

  it('tiled for print: the camouflage tile has six curves each way and the plan is small', () => {
    const plan = pantographPlan({ widthMm: 210, heightMm: 297, seed: 131, tiling: PRINT_TILING });
    expect(plan.camouflageTile?.curves.length).to.equal(12);
    expect(plan.backgroundTile.dots.length / 3).to.equal(81);
    // A4 in a few thousand rectangles, not the raster's two million dots.
    expect(plan.messageRects.length / 4).to.be.below(6000);
  });

  it('tiled for print matches its golden image', async () => {
    await expectGolden('pantograph-print-laser-600', renderPantograph({ ...patch(), tiling: PRINT_TILING }));
  });

  it('matches its golden image', async () => {
    await expectGolden('pantograph-laser-600', renderPantograph(patch()));
  });
});
