import { expect } from '@open-wc/testing';
import { encodeCarrier, renderCarrierGrey, renderCarrierRgba, carrierRectangles, FLATBED_PROFILE, CAMERA_PROFILE, type CarrierSymbol } from './encode.ts';
import { decodeCarrier } from './decode.ts';
import { QUIET_ZONE, layoutFor, GRID_SIZES } from './format.ts';
import { encodeHeader } from './header.ts';
import { toHex, sha256 } from '../bytes/bytes.ts';
import { AbortedError } from '../bytes/errors.ts';
import {
  CarrierDamagedError,
  CarrierError,
  CarrierFormatError,
  CarrierImageError,
  CarrierKeyError,
  CarrierNotFoundError,
  CarrierPayloadTooLargeError,
  CarrierWrongKeyError,
} from './errors.ts';
import { randomBytes } from './simulate/random.ts';
import { printScan, CLEAN_CONDITIONS } from './simulate/print-scan.ts';
import { withMargin, PRINT_DPI } from './simulate/simulate.ts';

/** Pastes rasters onto a white page. */
function page(width: number, height: number, items: Array<{ symbol: CarrierSymbol; dpi: number; x: number; y: number }>) {
  const data = new Uint8Array(width * height).fill(255);
  for (const { symbol, dpi, x, y } of items) {
    const r = renderCarrierGrey(symbol, dpi);
    for (let row = 0; row < r.height; row++) data.set(r.data.subarray(row * r.width, (row + 1) * r.width), (y + row) * width + x);
  }
  return { data, width, height };
}

async function expectError(promise: Promise<unknown>, type: new (...args: never[]) => Error): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(type);
    return error as Error;
  }
  throw new Error(`expected ${type.name}`);
}

const key = randomBytes(32, 7);

describe('carrier round trip on clean rasters', () => {
  for (const [n, dpi, profile] of [
    [600, 300, FLATBED_PROFILE],
    [600, 600, FLATBED_PROFILE],
    [2100, 300, FLATBED_PROFILE],
    [100, 150, CAMERA_PROFILE],
    [0, 300, FLATBED_PROFILE],
  ] as const) {
    it(`${n} bytes, ${profile.name}, ${dpi} dpi`, async () => {
      const payload = randomBytes(n, n + 1);
      const symbol = encodeCarrier(payload, key, profile);
      const px = Math.ceil((symbol.sideMm / 25.4) * dpi);
      const { payload: out, diagnostics } = await decodeCarrier(page(px + 100, px + 160, [{ symbol, dpi, x: 37, y: 81 }]), key);
      expect(toHex(out)).to.equal(toHex(payload));
      expect(diagnostics.rawBitErrorRate).to.equal(0);
      expect(diagnostics.size).to.equal(symbol.size);
      expect(diagnostics.estimatedDpi).to.be.within(dpi * 0.98, dpi * 1.02);
      expect(diagnostics.confidence).to.equal(1);
    });
  }

  it('reads all four rotations and the mirror image, and reports them', async () => {
    const payload = randomBytes(300, 3);
    const symbol = encodeCarrier(payload, key, FLATBED_PROFILE);
    const raster = withMargin(renderCarrierGrey(symbol, PRINT_DPI), 40);
    for (const rotation of [0, 90, 180, 270] as const) {
      const img = printScan(raster, PRINT_DPI, { ...CLEAN_CONDITIONS, rotationDeg: rotation });
      const r = await decodeCarrier(img, key);
      expect(toHex(r.payload)).to.equal(toHex(payload));
      expect(r.diagnostics.rotation).to.equal(rotation);
      expect(r.diagnostics.mirrored).to.equal(false);
    }
    // Mirror: flip the raster left–right (a scan through the paper, or a selfie camera).
    const flipped = new Uint8Array(raster.data.length);
    for (let y = 0; y < raster.height; y++)
      for (let x = 0; x < raster.width; x++) flipped[y * raster.width + x] = raster.data[y * raster.width + raster.width - 1 - x];
    const r = await decodeCarrier(printScan({ ...raster, data: flipped }, PRINT_DPI, { ...CLEAN_CONDITIONS }), key);
    expect(toHex(r.payload)).to.equal(toHex(payload));
    expect(r.diagnostics.mirrored).to.equal(true);
  });

  it('accepts RGBA and grey input alike', async () => {
    const payload = randomBytes(50, 9);
    const symbol = encodeCarrier(payload, key, FLATBED_PROFILE);
    const rgba = renderCarrierRgba(symbol, 300);
    const r = await decodeCarrier(rgba, key);
    expect(toHex(r.payload)).to.equal(toHex(payload));
  });

  it('vector rectangles cover exactly the black modules, at the exact physical size', () => {
    const symbol = encodeCarrier(randomBytes(600, 1), key, FLATBED_PROFILE);
    const rects = carrierRectangles(symbol);
    const m = symbol.moduleMm;
    const area = rects.reduce((s, r) => s + r.w * r.h, 0);
    const black = symbol.modules.reduce((s, v) => s + v, 0);
    expect(area).to.be.closeTo(black * m * m, 1e-6);
    for (const r of rects) {
      expect(r.x).to.be.at.least(QUIET_ZONE * m - 1e-9);
      expect(r.x + r.w).to.be.at.most(symbol.sideMm - QUIET_ZONE * m + 1e-9);
    }
    expect(symbol.moduleMm).to.be.closeTo(0.4233, 1e-4);
    expect(symbol.sideMm).to.be.closeTo((symbol.size + 2 * QUIET_ZONE) * 0.42333, 1e-3);
  });

  it('golden: the module matrix and the 300 dpi raster of a fixed input do not change', async () => {
    // Provenance: produced by this encoder (format version 1) on 2026-11-25; a change here is a
    // format change and needs a new FORMAT_VERSION and docs/carrier.md update.
    const symbol = encodeCarrier(new TextEncoder().encode('kofu carrier golden vector'), new Uint8Array(32).fill(0x42), FLATBED_PROFILE);
    expect(symbol.size).to.equal(40);
    const modulesHash = toHex(await sha256(symbol.modules));
    const rasterHash = toHex(await sha256(renderCarrierGrey(symbol, 300).data));
    expect({ modulesHash, rasterHash }).to.deep.equal({ modulesHash: GOLDEN_MODULES, rasterHash: GOLDEN_RASTER });
  });
});

const GOLDEN_MODULES = '43c9f83d2f9865f69afd68416bc1a710bcb5258bcfc8fe1937c32f1fe2039b98';
const GOLDEN_RASTER = '67fc3e419dc1f60839939646626ed01180acd89fbe69741105b6bc78d6b69f30';

describe('carrier bad input', () => {
  const payload = randomBytes(600, 11);
  const symbol = encodeCarrier(payload, key, FLATBED_PROFILE);
  const side = Math.ceil((symbol.sideMm / 25.4) * 300);

  it('a blank page: not found', async () => {
    await expectError(decodeCarrier({ data: new Uint8Array(800 * 600).fill(250), width: 800, height: 600 }, key), CarrierNotFoundError);
  });

  it('random noise: a typed error, no hang', async () => {
    const data = randomBytes(700 * 700, 5);
    await expectError(decodeCarrier({ data, width: 700, height: 700 }, key), CarrierError);
  });

  it('two carriers on one page: decodes one of them', async () => {
    const other = randomBytes(600, 12);
    const second = encodeCarrier(other, key, FLATBED_PROFILE);
    const img = page(2 * side + 150, side + 100, [
      { symbol, dpi: 300, x: 40, y: 50 },
      { symbol: second, dpi: 300, x: side + 100, y: 40 },
    ]);
    const r = await decodeCarrier(img, key);
    expect([toHex(payload), toHex(other)]).to.include(toHex(r.payload));
  });

  it('half cropped: not found', async () => {
    const full = page(side + 80, side + 80, [{ symbol, dpi: 300, x: 40, y: 40 }]);
    const half = Math.floor(full.width / 2);
    const data = new Uint8Array(half * full.height);
    for (let y = 0; y < full.height; y++) data.set(full.data.subarray(y * full.width, y * full.width + half), y * half);
    await expectError(decodeCarrier({ data, width: half, height: full.height }, key), CarrierNotFoundError);
  });

  function blot(img: { data: Uint8Array; width: number }, x0: number, y0: number, w: number, h: number) {
    for (let y = y0; y < y0 + h; y++) img.data.fill(0, y * img.width + x0, y * img.width + x0 + w);
  }

  it('a smudge over 6 % of the symbol is corrected (interleaving spreads it over all blocks)', async () => {
    const img = page(side + 80, side + 80, [{ symbol, dpi: 300, x: 40, y: 40 }]);
    blot(img, 40 + Math.round(side * 0.4), 40 + Math.round(side * 0.45), Math.round(side * 0.25), Math.round(side * 0.25));
    const r = await decodeCarrier(img, key);
    expect(toHex(r.payload)).to.equal(toHex(payload));
    expect(r.diagnostics.correctedSymbols).to.be.greaterThan(10);
  });

  it('one finder stained over: the fourth corner is inferred from the other three', async () => {
    const img = page(side + 80, side + 80, [{ symbol, dpi: 300, x: 40, y: 40 }]);
    // Grey stain over the bottom-left finder (15 modules + separator, 5 px per module).
    const finderPx = Math.round(16 * 5);
    for (let y = 40 + side - finderPx - 10; y < 40 + side - 10; y++)
      for (let x = 50; x < 50 + finderPx; x++) img.data[y * img.width + x] = 110;
    const r = await decodeCarrier(img, key);
    expect(toHex(r.payload)).to.equal(toHex(payload));
  });

  it('heavy damage (40 % blotted out): damaged beyond correction', async () => {
    const img = page(side + 80, side + 80, [{ symbol, dpi: 300, x: 40, y: 40 }]);
    blot(img, 40 + Math.round(side * 0.2), 40 + Math.round(side * 0.3), Math.round(side * 0.6), Math.round(side * 0.4));
    await expectError(decodeCarrier(img, key), CarrierDamagedError);
  });

  it('half blacked out (either half, or a corner quarter past the middle): damaged, not blurry', async () => {
    for (const [x0, y0, x1, y1] of [[0.25, 0, 0.75, 1], [0, 0.25, 1, 0.75], [0.3, 0.3, 1, 1]]) {
      const img = page(side + 80, side + 80, [{ symbol, dpi: 300, x: 40, y: 40 }]);
      blot(img, 40 + Math.floor(side * x0), 40 + Math.floor(side * y0), Math.floor(side * (x1 - x0)), Math.floor(side * (y1 - y0)));
      await expectError(decodeCarrier(img, key), CarrierDamagedError);
    }
  });

  it('the wrong key: wrong-key error; a malformed key: key error', async () => {
    const img = page(side + 80, side + 80, [{ symbol, dpi: 300, x: 40, y: 40 }]);
    await expectError(decodeCarrier(img, randomBytes(32, 99)), CarrierWrongKeyError);
    await expectError(decodeCarrier(img, new Uint8Array(31)), CarrierKeyError);
  });

  it('malformed images: image error', async () => {
    await expectError(decodeCarrier({ data: new Uint8Array(10), width: 5, height: 5 }, key), CarrierImageError);
    await expectError(decodeCarrier({ data: new Uint8Array(0), width: 0, height: 0 }, key), CarrierImageError);
    await expectError(decodeCarrier({ data: new Uint8Array(1), width: 1, height: 1 }, key), CarrierNotFoundError);
  });

  it('abort: an aborted signal stops the decode with AbortedError; progress is reported', async () => {
    const img = page(side + 80, side + 80, [{ symbol, dpi: 300, x: 40, y: 40 }]);
    const controller = new AbortController();
    controller.abort();
    await expectError(decodeCarrier(img, key, { signal: controller.signal }), AbortedError);
    const stages: string[] = [];
    const late = new AbortController();
    await expectError(
      decodeCarrier(img, key, {
        signal: late.signal,
        onProgress: (p) => {
          stages.push(p.stage);
          if (p.stage === 'header') late.abort();
        },
      }),
      AbortedError,
    );
    expect(stages).to.include('finders');
  });

  it('the production profiles spend spare capacity on a higher EC level, never on a bigger grid', () => {
    const boosted = encodeCarrier(randomBytes(600, 1), key, FLATBED_PROFILE);
    const plain = encodeCarrier(randomBytes(600, 1), key, { ...FLATBED_PROFILE, boostEc: false });
    expect(boosted.size).to.equal(plain.size);
    expect(plain.ecLevel).to.equal(1);
    expect(boosted.ecLevel).to.be.greaterThan(1);
  });

  it('a header of another format version: unsupported-format, reported without the key', async () => {
    const small = encodeCarrier(randomBytes(100, 4), key, FLATBED_PROFILE);
    const header = encodeHeader({ version: 2, ecLevel: small.ecLevel, sizeIndex: GRID_SIZES.indexOf(small.size), moduleUnits: 20, payloadLength: 100 });
    const modules = small.modules.slice();
    for (const copy of layoutFor(small.size).header) copy.forEach((m, i) => (modules[m] = (header[i >> 3] >> (7 - (i & 7))) & 1));
    const img = renderCarrierGrey({ ...small, modules }, 300);
    await expectError(decodeCarrier(img, randomBytes(32, 1)), CarrierFormatError);
  });

  it('too much data: payload-too-large', () => {
    expect(() => encodeCarrier(new Uint8Array(70000), key, FLATBED_PROFILE)).to.throw(CarrierPayloadTooLargeError);
    expect(() => encodeCarrier(new Uint8Array(100), key, { ...FLATBED_PROFILE, size: 40 })).to.throw(CarrierPayloadTooLargeError);
  });
});
