/**
 * The carrier encoder: payload bytes + whitening key → an N×N module matrix, and from it a
 * bitmap at a given dpi or vector rectangles in millimetres. Pure; no DOM.
 */
import {
  blockShapes,
  CRC_BYTES,
  FORMAT_VERSION,
  GRID_SIZES,
  layoutFor,
  messageCapacity,
  moduleMmOf,
  QUIET_ZONE,
  sizeForPayload,
} from './format.ts';
import { encodeHeader } from './header.ts';
import { interleaveBlocks, slotPermutation } from './interleave.ts';
import { rsEncode } from './reed-solomon.ts';
import { crc32, whiten } from './whiten.ts';
import { CarrierPayloadTooLargeError } from './errors.ts';

export interface CarrierProfile {
  readonly name: string;
  /** Module size in 1/1200 inch (1..255). */
  readonly moduleUnits: number;
  /** 0..3 = L, M, Q, H (EC_PARITY_SHARE). */
  readonly ecLevel: number;
  /** Force a grid size (must fit the payload); default: the smallest that fits. */
  readonly size?: number;
  /**
   * Raise the EC level as far as the payload still fits the chosen grid: the spare capacity of a
   * symbol then buys robustness instead of zero padding, at no cost in area.
   */
  readonly boostEc?: boolean;
}

/** Flatbed profile: 20/1200 in = 0.4233 mm modules, 5 dots at 300 dpi; level M. */
export const FLATBED_PROFILE: CarrierProfile = { name: 'flatbed', moduleUnits: 20, ecLevel: 1, boostEc: true };
/** Camera profile: 40/1200 in = 0.8467 mm modules, for whole-page phone photos; level Q. */
export const CAMERA_PROFILE: CarrierProfile = { name: 'camera', moduleUnits: 40, ecLevel: 2, boostEc: true };

export interface CarrierSymbol {
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  /** size×size module values, row-major, 1 = black. */
  readonly modules: Uint8Array;
  readonly moduleUnits: number;
  readonly ecLevel: number;
  readonly payloadLength: number;
  /** Module pitch in millimetres. */
  readonly moduleMm: number;
  /** Printed side in millimetres, quiet zone included. */
  readonly sideMm: number;
}

/** Largest payload (bytes) any symbol can carry at this level. */
function maxPayload(ecLevel: number): number {
  return messageCapacity(GRID_SIZES[GRID_SIZES.length - 1], ecLevel) - CRC_BYTES;
}

export function encodeCarrier(payload: Uint8Array, key: Uint8Array, profile: CarrierProfile = FLATBED_PROFILE): CarrierSymbol {
  const { moduleUnits } = profile;
  let ecLevel = profile.ecLevel;
  if (!Number.isInteger(moduleUnits) || moduleUnits < 1 || moduleUnits > 255) throw new RangeError('moduleUnits must be 1..255');
  const size = profile.size ?? sizeForPayload(payload.length, ecLevel);
  const limit = profile.size ? messageCapacity(profile.size, ecLevel) - CRC_BYTES : maxPayload(ecLevel);
  if (size === undefined || payload.length > limit || payload.length > 0xffff) {
    throw new CarrierPayloadTooLargeError(payload.length, Math.max(0, limit));
  }
  if (profile.boostEc) while (ecLevel < 3 && messageCapacity(size, ecLevel + 1) >= payload.length + CRC_BYTES) ecLevel++;
  const layout = layoutFor(size);
  const shapes = blockShapes(layout.slotCount, ecLevel);
  const capacity = shapes.reduce((s, b) => s + b.n - b.parity, 0);

  // Message: payload ‖ CRC-32(payload) big-endian ‖ zero padding, then whitened as a whole.
  const message = new Uint8Array(capacity);
  message.set(payload);
  const crc = crc32(payload);
  message[payload.length] = crc >>> 24;
  message[payload.length + 1] = (crc >>> 16) & 0xff;
  message[payload.length + 2] = (crc >>> 8) & 0xff;
  message[payload.length + 3] = crc & 0xff;
  const whitened = whiten(message, key);

  const blocks: Uint8Array[] = [];
  let offset = 0;
  for (const shape of shapes) {
    const k = shape.n - shape.parity;
    const data = whitened.subarray(offset, offset + k);
    offset += k;
    const block = new Uint8Array(shape.n);
    block.set(data);
    block.set(rsEncode(data, shape.parity), k);
    blocks.push(block);
  }
  const stream = interleaveBlocks(blocks);
  const perm = slotPermutation(layout.slotCount);

  const modules = new Uint8Array(size * size);
  for (let i = 0; i < modules.length; i++) modules[i] = layout.functionValue[i];
  for (let t = 0; t < stream.length; t++) {
    const base = perm[t] * 8;
    const byte = stream[t];
    for (let bit = 0; bit < 8; bit++) modules[layout.slots[base + bit]] = (byte >> (7 - bit)) & 1;
  }
  // Filler modules alternate 1, 0, 1, … in slot order.
  layout.filler.forEach((m, i) => (modules[m] = (i + 1) & 1));

  const header = encodeHeader({
    version: FORMAT_VERSION,
    ecLevel,
    sizeIndex: GRID_SIZES.indexOf(size),
    moduleUnits,
    payloadLength: payload.length,
  });
  for (const copy of layout.header) {
    for (let i = 0; i < copy.length; i++) modules[copy[i]] = (header[i >> 3] >> (7 - (i & 7))) & 1;
  }
  const moduleMm = moduleMmOf(moduleUnits);
  return { size, modules, moduleUnits, ecLevel, payloadLength: payload.length, moduleMm, sideMm: (size + 2 * QUIET_ZONE) * moduleMm };
}

export interface GreyBitmap {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * Rasterises the symbol (quiet zone included) at `dpi`: grey, 0 = black, 255 = white. Module
 * edges fall on round(k·pitch) so modules differ by at most one pixel when the pitch is not whole.
 */
export function renderCarrierGrey(symbol: CarrierSymbol, dpi: number): GreyBitmap {
  const pitch = (symbol.moduleMm / 25.4) * dpi;
  const total = symbol.size + 2 * QUIET_ZONE;
  const side = Math.round(total * pitch);
  const edges = new Int32Array(total + 1);
  for (let k = 0; k <= total; k++) edges[k] = Math.round(k * pitch);
  const data = new Uint8Array(side * side).fill(255);
  for (let r = 0; r < symbol.size; r++) {
    const y0 = edges[r + QUIET_ZONE];
    const y1 = edges[r + QUIET_ZONE + 1];
    for (let c = 0; c < symbol.size; c++) {
      if (!symbol.modules[r * symbol.size + c]) continue;
      const x0 = edges[c + QUIET_ZONE];
      const x1 = edges[c + QUIET_ZONE + 1];
      for (let y = y0; y < y1; y++) data.fill(0, y * side + x0, y * side + x1);
    }
  }
  return { data, width: side, height: side };
}

/** The same raster as RGBA (ImageData layout). */
export function renderCarrierRgba(symbol: CarrierSymbol, dpi: number): { data: Uint8ClampedArray; width: number; height: number } {
  const grey = renderCarrierGrey(symbol, dpi);
  const data = new Uint8ClampedArray(grey.width * grey.height * 4);
  for (let i = 0; i < grey.data.length; i++) {
    const v = grey.data[i];
    data[4 * i] = v;
    data[4 * i + 1] = v;
    data[4 * i + 2] = v;
    data[4 * i + 3] = 255;
  }
  return { data, width: grey.width, height: grey.height };
}

export interface Rect {
  /** Millimetres from the top-left corner of the quiet zone. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Black modules as rectangles in mm (horizontal runs merged), for a vector PDF at exact size. */
export function carrierRectangles(symbol: CarrierSymbol): Rect[] {
  const rects: Rect[] = [];
  const m = symbol.moduleMm;
  for (let r = 0; r < symbol.size; r++) {
    let c = 0;
    while (c < symbol.size) {
      if (!symbol.modules[r * symbol.size + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < symbol.size && symbol.modules[r * symbol.size + c]) c++;
      rects.push({ x: (start + QUIET_ZONE) * m, y: (r + QUIET_ZONE) * m, w: (c - start) * m, h: m });
    }
  }
  return rects;
}
