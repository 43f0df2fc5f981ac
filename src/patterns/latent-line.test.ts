import { expect } from '@open-wc/testing';
import { latentMarkAt, latentPlan, LATENT_DEFAULTS } from './latent-line.ts';

describe('latent line screen: vector plan', () => {
  it('its mark rectangles are exactly where the raster shifts the lines', () => {
    const o = { widthMm: 30, heightMm: 30 };
    const plan = latentPlan(o);
    const inMark = latentMarkAt(o);
    const inRects = (x: number, y: number) => {
      for (let i = 0; i < plan.markRects.length; i += 4) {
        const [rx, ry, rw, rh] = [plan.markRects[i], plan.markRects[i + 1], plan.markRects[i + 2], plan.markRects[i + 3]];
        if (x >= rx && x < rx + rw && y >= ry && y < ry + rh) return true;
      }
      return false;
    };
    let inside = 0;
    for (let y = 0.05; y < 30; y += 0.1) {
      for (let x = 0.05; x < 30; x += 0.1) {
        expect(inRects(x, y), `(${x}, ${y})`).to.equal(inMark(x, y));
        if (inMark(x, y)) inside++;
      }
    }
    expect(inside).to.be.greaterThan(1000);
    expect(plan.periodMm).to.equal(LATENT_DEFAULTS.periodMm);
  });

  it('has no mark rectangles for the control screen', () => {
    expect(latentPlan({ widthMm: 30, heightMm: 30, withMark: false }).markRects.length).to.equal(0);
  });
});
