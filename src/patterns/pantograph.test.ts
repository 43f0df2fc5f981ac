import { expect } from '@open-wc/testing';
import { OFFICE_COPIER_600, SCANNER_COPY_300, messageContrast, simulateCopy } from './copier.ts';
import { pantographGeometry, pantographRegions, renderPantograph, REGION, type PantographOptions } from './pantograph.ts';
import { PRINTER_PROFILES, screenCoverage } from './printer-profiles.ts';
import { coverage } from './raster.ts';
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

  it('matches its golden image', async () => {
    await expectGolden('pantograph-laser-600', renderPantograph(patch()));
  });
});
