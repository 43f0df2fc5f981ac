import { expect } from '@open-wc/testing';
import { encodeCarrier, renderCarrierGrey, FLATBED_PROFILE, CAMERA_PROFILE, type CarrierSymbol } from './encode.ts';
import { decodeCarrier } from './decode.ts';
import { toHex } from '../bytes/bytes.ts';

function seededBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = s & 0xff;
  }
  return out;
}

/** Pastes the symbol raster onto a white page at (x, y). */
function onPage(symbol: CarrierSymbol, dpi: number, width: number, height: number, x: number, y: number) {
  const r = renderCarrierGrey(symbol, dpi);
  const data = new Uint8Array(width * height).fill(255);
  for (let row = 0; row < r.height; row++) data.set(r.data.subarray(row * r.width, (row + 1) * r.width), (y + row) * width + x);
  return { data, width, height };
}

describe('carrier round trip on clean rasters', () => {
  const key = seededBytes(32, 7);
  for (const [n, dpi, profile] of [
    [600, 300, FLATBED_PROFILE],
    [600, 600, FLATBED_PROFILE],
    [2100, 300, FLATBED_PROFILE],
    [100, 150, CAMERA_PROFILE],
    [0, 300, FLATBED_PROFILE],
  ] as const) {
    it(`${n} bytes, ${profile.name}, ${dpi} dpi`, async function () {
      this.timeout(20_000);
      const payload = seededBytes(n, n + 1);
      const symbol = encodeCarrier(payload, key, profile);
      const px = Math.ceil((symbol.sideMm / 25.4) * dpi);
      const page = onPage(symbol, dpi, px + 100, px + 160, 37, 81);
      const { payload: out, diagnostics } = await decodeCarrier(page, key);
      expect(toHex(out)).to.equal(toHex(payload));
      expect(diagnostics.rawBitErrorRate).to.equal(0);
      expect(diagnostics.size).to.equal(symbol.size);
      expect(diagnostics.estimatedDpi).to.be.within(dpi * 0.98, dpi * 1.02);
    });
  }
});
