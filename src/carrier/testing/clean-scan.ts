/**
 * Test fixtures for the decoder's stages: a symbol rendered without distortion onto a white page
 * at a known place, with the exact module → pixel map to compare a stage's output with.
 */
import type { GreyImage } from '../../vision/grey.ts';
import type { Point } from '../../vision/homography.ts';
import { encodeCarrier, renderCarrierGrey, FLATBED_PROFILE, type CarrierProfile, type CarrierSymbol } from '../encode.ts';
import { QUIET_ZONE } from '../format.ts';
import { randomBytes } from '../simulate/random.ts';

export interface CleanScan {
  readonly symbol: CarrierSymbol;
  readonly key: Uint8Array;
  readonly payload: Uint8Array;
  readonly grey: GreyImage & { readonly data: Uint8Array };
  /** Pixels per module. */
  readonly pitch: number;
  /** Module coordinates (x = column, y = row, continuous) → image coordinates, exactly. */
  readonly toPixel: (x: number, y: number) => Point;
}

/** A 600-byte flatbed symbol at 300 dpi (5 px per module), its quiet zone's corner at (left, top). */
export function cleanScan(options: { payloadBytes?: number; profile?: CarrierProfile; left?: number; top?: number; seed?: number } = {}): CleanScan {
  const { payloadBytes = 600, profile = FLATBED_PROFILE, left = 37, top = 51, seed = 1 } = options;
  const key = randomBytes(32, 1000 + seed);
  const payload = randomBytes(payloadBytes, seed);
  const symbol = encodeCarrier(payload, key, profile);
  const dpi = 300;
  const raster = renderCarrierGrey(symbol, dpi);
  const width = raster.width + left + 45;
  const height = raster.height + top + 45;
  const data = new Uint8Array(width * height).fill(255);
  for (let row = 0; row < raster.height; row++) data.set(raster.data.subarray(row * raster.width, (row + 1) * raster.width), (top + row) * width + left);
  const pitch = (symbol.moduleMm / 25.4) * dpi;
  const toPixel = (x: number, y: number) => ({ x: left + (QUIET_ZONE + x) * pitch, y: top + (QUIET_ZONE + y) * pitch });
  return { symbol, key, payload, grey: { data, width, height }, pitch, toPixel };
}

/** Module values as the sampler would read them from a clean scan: dark modules low, light high. */
export function cleanSamples(modules: Uint8Array): Float32Array {
  return Float32Array.from(modules, (m) => (m ? 30 : 220));
}
