import { expect } from '@open-wc/testing';
import { flatbedConditions, photoConditions } from '../carrier/simulate/conditions.ts';
import { printScan, type PrintScanConditions } from '../carrier/simulate/print-scan.ts';
import { simulate } from '../carrier/simulate/simulate.ts';
import { renderLatentLineScreen, renderLatentMark, type LatentLineOptions } from '../patterns/latent-line.ts';
import { expectGolden } from '../patterns/testing/golden.ts';
import { rgbaToGrey } from './grey.ts';
import { revealCorrelation, revealLatent } from './latent-reveal.ts';

const EMBLEM: LatentLineOptions = { widthMm: 40, heightMm: 40 };

/** The mark pushed through the same geometry, noise-free: 1 inside the mark, per output pixel. */
function truth(c: PrintScanConditions): Uint8Array {
  const img = printScan(renderLatentMark(EMBLEM), 600, { ...c, noise: 0, dotGain: 0, lighting: 0, cast: [1, 1, 1], blur: 0 });
  return Uint8Array.from({ length: img.width * img.height }, (_, i) => (img.data[4 * i] < 128 ? 1 : 0));
}

async function reveal(options: LatentLineOptions, c: PrintScanConditions) {
  const scan = await simulate(renderLatentLineScreen(options), c);
  return revealLatent(rgbaToGrey(scan.data, scan.width, scan.height));
}

describe('latent image: phase-modulated line screen and its reveal', function () {
  this.timeout(240_000);

  it('has equal mean ink inside and outside the mark', () => {
    const r = renderLatentLineScreen(EMBLEM);
    const mark = renderLatentMark(EMBLEM);
    let inside = 0;
    let nIn = 0;
    let outside = 0;
    let nOut = 0;
    for (let i = 0; i < r.data.length; i++) {
      const ink = 1 - r.data[i] / 255;
      if (mark.data[i] === 0) [inside, nIn] = [inside + ink, nIn + 1];
      else [outside, nOut] = [outside + ink, nOut + 1];
    }
    expect(Math.abs(inside / nIn - outside / nOut)).to.be.below(0.01);
  });

  for (const [name, c] of [
    ['flatbed 300 dpi, seed 1', flatbedConditions(1)],
    ['flatbed 300 dpi, seed 2', flatbedConditions(2)],
    // Tilted 9° and 16°, barrel distortion, 202 and 167 dpi, JPEG: not rectified first.
    ['phone photo, seed 1', photoConditions(1)],
    ['phone photo, seed 2', photoConditions(2)],
  ] as const) {
    it(`reveals the mark from a ${name}`, async () => {
      const r = await reveal(EMBLEM, c);
      expect(r.found).to.equal(true);
      expect(revealCorrelation(r, truth(c))).to.be.at.least(name.startsWith('flatbed') ? 0.7 : 0.5);
    });
  }

  it('says not found on the same screen without a mark, and on blank paper', async () => {
    for (const c of [flatbedConditions(1), photoConditions(1), photoConditions(6)]) {
      const plain = await reveal({ ...EMBLEM, withMark: false }, c);
      expect(plain.found).to.equal(false);
      expect(plain.score).to.be.at.most(0.2);
    }
    const blank = printScan({ data: new Uint8Array(400 * 400).fill(255), width: 400, height: 400 }, 600, flatbedConditions(3));
    const none = revealLatent(rgbaToGrey(blank.data, blank.width, blank.height));
    expect(none.found).to.equal(false);
    expect(none.score).to.equal(0);
  });

  it('matches its golden image', async () => {
    await expectGolden('latent-line-600', renderLatentLineScreen(EMBLEM), '../patterns/golden');
  });
});
