import { expect } from '@open-wc/testing';
import { BACK_LAYOUT, backKeepOuts, carrierPlacement, KEEP_OUT_MARGIN_MM, MAX_PRINTED_CARRIER_MM, PAGE_MM, PATTERN_AREA, type Box } from './back-layout.ts';

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

describe('back layout', () => {
  const page: Box = { x: 0, y: 0, ...PAGE_MM };
  const parts = (Object.entries(BACK_LAYOUT) as [string, Box | number][]).filter((e): e is [string, Box] => typeof e[1] === 'object');

  it('keeps every part on the page, inside the printable pattern area', () => {
    for (const [name, box] of parts) expect(inside(box, PATTERN_AREA), name).to.equal(true);
    expect(inside(PATTERN_AREA, page)).to.equal(true);
  });

  it('lays the parts out without overlap (the carrier sits inside its panel)', () => {
    const separate = parts.filter(([name]) => name !== 'carrier');
    for (const [i, [a, boxA]] of separate.entries()) {
      for (const [b, boxB] of separate.slice(i + 1)) expect(overlaps(boxA, boxB), `${a} / ${b}`).to.equal(false);
    }
    expect(inside(BACK_LAYOUT.carrier, BACK_LAYOUT.panel)).to.equal(true);
  });

  it('gives the carrier panel about a third of the page, and puts the QR beside it', () => {
    const share = (BACK_LAYOUT.panel.width * BACK_LAYOUT.panel.height) / (PAGE_MM.width * PAGE_MM.height);
    expect(share).to.be.within(0.2, 0.35);
    expect(BACK_LAYOUT.qr.x).to.be.greaterThan(BACK_LAYOUT.panel.x + BACK_LAYOUT.panel.width);
    expect(BACK_LAYOUT.qr.y).to.be.below(BACK_LAYOUT.panel.y + BACK_LAYOUT.panel.height);
  });

  it('keeps the pantograph out of the carrier panel, the QR and the emblems, with a margin', () => {
    const keepOuts = backKeepOuts();
    for (const box of [BACK_LAYOUT.panel, BACK_LAYOUT.qr, BACK_LAYOUT.latent, BACK_LAYOUT.ir]) {
      const grown = { x: box.x - KEEP_OUT_MARGIN_MM + 1e-9, y: box.y - KEEP_OUT_MARGIN_MM + 1e-9, width: box.width + 2 * KEEP_OUT_MARGIN_MM - 2e-9, height: box.height + 2 * KEEP_OUT_MARGIN_MM - 2e-9 };
      expect(keepOuts.some((k) => inside(grown, k))).to.equal(true);
    }
  });

  it('centres a carrier in its box and refuses one that does not fit', () => {
    const at = carrierPlacement(84.67);
    expect(at.x + at.width / 2).to.be.closeTo(BACK_LAYOUT.carrier.x + BACK_LAYOUT.carrier.width / 2, 1e-9);
    expect(at.y + at.height / 2).to.be.closeTo(BACK_LAYOUT.carrier.y + BACK_LAYOUT.carrier.height / 2, 1e-9);
    expect(() => carrierPlacement(MAX_PRINTED_CARRIER_MM + 0.1)).to.throw(RangeError);
  });
});
