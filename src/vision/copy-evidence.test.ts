import { expect } from '@open-wc/testing';
import { OFFICE_COPIER_600, SCANNER_COPY_300 } from '../patterns/copier.ts';
import { PRINTER_PROFILES } from '../patterns/printer-profiles.ts';
import { COPY_MAX_DOT_DENSITY, ORIGINAL_MIN_DOT_DENSITY, dotDensity, estimateCopyEvidence } from './copy-evidence.ts';
import { copyScan, originalScan } from './testing/copy-samples.ts';

describe('originality hint (fine-screen dots)', function () {
  this.timeout(120_000);

  it('calls a 600 dpi scan of a printed laser-600 original an original', async () => {
    const evidence = estimateCopyEvidence(await originalScan(PRINTER_PROFILES['laser-600'], 1), 600);
    expect(evidence.verdict).to.equal('original');
    expect(evidence.reason).to.equal('fine-screen-present');
    expect(evidence.fineDots).to.be.at.least(ORIGINAL_MIN_DOT_DENSITY);
  });

  for (const [name, copier] of [['a 600 dpi copier', OFFICE_COPIER_600], ['a 300 dpi scanner print', SCANNER_COPY_300]] as const) {
    it(`calls a copy through ${name} a copy`, async () => {
      const evidence = estimateCopyEvidence(await copyScan(PRINTER_PROFILES['laser-600'], copier, 2), 600);
      expect(evidence.verdict).to.equal('copy');
      expect(evidence.reason).to.equal('fine-screen-missing');
      expect(evidence.fineDots).to.be.at.most(COPY_MAX_DOT_DENSITY);
    });
  }

  it('cannot tell below 550 dpi, or on blank paper', async () => {
    const scan300 = await originalScan(PRINTER_PROFILES['laser-600'], 1, 300);
    expect(estimateCopyEvidence(scan300, 300)).to.include({ verdict: 'cannot-tell', reason: 'resolution-too-low' });
    expect(estimateCopyEvidence(scan300, Number.NaN)).to.include({ verdict: 'cannot-tell', reason: 'resolution-too-low' });
    const blank = { width: 800, height: 800, data: new Uint8Array(800 * 800).fill(238) };
    expect(estimateCopyEvidence(blank, 600)).to.include({ verdict: 'cannot-tell', reason: 'no-pantograph' });
  });

  it('counts separate dots: one per 16 px on a clean fine screen, one per 144 on the coarse one', () => {
    const screen = (pitch: number, dot: number) => {
      const data = new Uint8Array(128 * 128).fill(240);
      for (let y = 0; y < 128; y++) for (let x = 0; x < 128; x++) if (x % pitch < dot && y % pitch < dot) data[y * 128 + x] = 200;
      return { width: 128, height: 128, data };
    };
    expect(dotDensity(screen(4, 1), 0, 0)).to.be.closeTo(1 / 16, 0.005);
    // A 3×3 flat dot has one minimum by the tie rule (the first in scan order).
    expect(dotDensity(screen(12, 3), 0, 0)).to.be.closeTo(1 / 144, 0.002);
  });
});
