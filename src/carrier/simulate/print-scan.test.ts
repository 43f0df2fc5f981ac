import { expect } from '@open-wc/testing';
import { printScan, CLEAN_CONDITIONS } from './print-scan.ts';
import { flatbedConditions, photoConditions } from './conditions.ts';
import { jpegRoundTrip } from './jpeg.ts';
import { toHex, sha256 } from '../../bytes/bytes.ts';

function checker(side: number, cell: number) {
  const data = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) data[y * side + x] = ((x / cell) ^ (y / cell)) & 1 ? 0 : 255;
  return { data, width: side, height: side };
}

describe('print–scan simulator', () => {
  it('is deterministic for a seed and differs between seeds', async () => {
    const raster = checker(200, 10);
    const a = printScan(raster, 600, flatbedConditions(3));
    const b = printScan(raster, 600, flatbedConditions(3));
    const c = printScan(raster, 600, flatbedConditions(4));
    expect(toHex(await sha256(new Uint8Array(a.data.buffer)))).to.equal(toHex(await sha256(new Uint8Array(b.data.buffer))));
    expect(toHex(await sha256(new Uint8Array(a.data.buffer)))).to.not.equal(toHex(await sha256(new Uint8Array(c.data.buffer))));
  });

  it('resamples to the scan resolution and keeps a clean raster clean', () => {
    const raster = checker(600, 60);
    const out = printScan(raster, 600, { ...CLEAN_CONDITIONS, scanDpi: 300 });
    expect(out.width).to.be.within(300, 306);
    // A pixel in the middle of a black cell is toner-dark, one in a white cell is paper-light.
    const at = (x: number, y: number) => out.data[4 * (y * out.width + x)];
    expect(at(2 + 15, 2 + 45)).to.be.below(40);
    expect(at(2 + 15, 2 + 15)).to.be.above(220);
  });

  it('draws the documented parameter ranges', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const f = flatbedConditions(seed);
      expect(f.blur).to.be.within(0.5, 1.0);
      expect(Math.abs(((f.rotationDeg + 360 + 90) % 180) - 90)).to.be.at.most(5);
      const p = photoConditions(seed);
      expect(p.scanDpi).to.be.within(150, 250);
      expect(p.tiltDeg).to.be.within(0, 25);
      expect(p.jpegQuality).to.be.within(0.4, 0.9);
    }
  });

  it('JPEG round trip keeps the size and roughly the content', async () => {
    const img = printScan(checker(200, 20), 600, { ...CLEAN_CONDITIONS, scanDpi: 300 });
    const j = await jpegRoundTrip(img, 0.5);
    expect([j.width, j.height]).to.deep.equal([img.width, img.height]);
    let diff = 0;
    for (let i = 0; i < img.data.length; i += 4) diff += Math.abs(img.data[i] - j.data[i]);
    expect(diff / (img.data.length / 4)).to.be.below(20);
  });
});
