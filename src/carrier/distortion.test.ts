/**
 * Fixed-seed print–scan tests. Each runs the seeded simulator (src/carrier/simulate/) and must
 * decode. The margin: the production flatbed profile prints 0.42 mm modules (5 px at 300 dpi),
 * while the benchmark finds the flatbed set still decodes at 0.17 mm (2 px); the camera profile
 * prints 0.85 mm modules for photos that resolve 150–250 dpi.
 */
import { expect } from '@open-wc/testing';
import { encodeCarrier, renderCarrierGrey, FLATBED_PROFILE, CAMERA_PROFILE } from './encode.ts';
import { decodeCarrier } from './decode.ts';
import { flatbedConditions, photoConditions } from './simulate/conditions.ts';
import { simulate, withMargin, PRINT_DPI } from './simulate/simulate.ts';
import { CLEAN_CONDITIONS, type PrintScanConditions } from './simulate/print-scan.ts';
import { randomBytes } from './simulate/random.ts';
import { toHex } from '../bytes/bytes.ts';

const key = randomBytes(32, 314);

async function roundTrip(payload: Uint8Array, profile: typeof FLATBED_PROFILE, conditions: PrintScanConditions) {
  const symbol = encodeCarrier(payload, key, profile);
  const image = await simulate(withMargin(renderCarrierGrey(symbol, PRINT_DPI), 50), conditions);
  const result = await decodeCarrier(image, key);
  expect(toHex(result.payload)).to.equal(toHex(payload));
  return result.diagnostics;
}

describe('carrier through the print–scan simulator (fixed seeds)', () => {
  const seal1 = randomBytes(600, 1);

  it('flatbed 300 dpi set, seeds 1–6, 600 bytes at the flatbed profile', async function () {
    this.timeout(40_000);
    for (let seed = 1; seed <= 6; seed++) {
      const d = await roundTrip(seal1, FLATBED_PROFILE, flatbedConditions(seed));
      expect(d.estimatedDpi).to.be.within(290, 310);
      // Margin: at 5 px per module the raw error rate stays far below the correction limit.
      expect(d.rawBitErrorRate).to.be.below(0.01);
    }
  });

  it('flatbed at 150, 200 and 600 dpi', async function () {
    this.timeout(40_000);
    for (const dpi of [150, 200, 600]) {
      const d = await roundTrip(seal1, FLATBED_PROFILE, flatbedConditions(100 + dpi, dpi));
      expect(d.estimatedDpi).to.be.within(dpi * 0.97, dpi * 1.03);
    }
  });

  it('upside-down scan with 3 % scale error, heavy blur, noise 10 and JPEG quality 40', async function () {
    this.timeout(20_000);
    const d = await roundTrip(seal1, FLATBED_PROFILE, { ...CLEAN_CONDITIONS, seed: 9, rotationDeg: 183, scale: 1.03, blur: 1.5, noise: 10, dotGain: 1, jpegQuality: 0.4 });
    expect(d.rotation).to.equal(180);
  });

  it('photo set, seeds 1–4, 600 bytes at the camera profile (tilt, barrel, light, JPEG)', async function () {
    this.timeout(50_000);
    for (let seed = 1; seed <= 4; seed++) await roundTrip(seal1, CAMERA_PROFILE, photoConditions(seed));
  });

  it('photo set, seeds 1–3, 2,100 bytes at the flatbed profile', async function () {
    this.timeout(50_000);
    const seal6 = randomBytes(2100, 6);
    for (let seed = 1; seed <= 3; seed++) await roundTrip(seal6, FLATBED_PROFILE, photoConditions(seed));
  });
});
