/** The format header: 6 bytes, RS(12,6)-protected, XORed with HEADER_MASK, printed twice. */
import {
  FORMAT_VERSION,
  GRID_SIZES,
  HEADER_BYTES,
  HEADER_DATA_BYTES,
  HEADER_MASK,
  HEADER_PARITY_BYTES,
  type HeaderFields,
} from './format.ts';
import { rsDecode, rsEncode } from './reed-solomon.ts';

/** Header byte offsets (see docs/carrier.md, "Header"). */
const H_VERSION_EC = 0;
const H_SIZE_INDEX = 1;
const H_MODULE_UNITS = 2;
const H_LENGTH = 3; // 2 bytes, big-endian
const H_RESERVED = 5;

export function encodeHeader(fields: HeaderFields): Uint8Array {
  const data = new Uint8Array(HEADER_DATA_BYTES);
  data[H_VERSION_EC] = (fields.version << 4) | fields.ecLevel;
  data[H_SIZE_INDEX] = fields.sizeIndex;
  data[H_MODULE_UNITS] = fields.moduleUnits;
  data[H_LENGTH] = fields.payloadLength >>> 8;
  data[H_LENGTH + 1] = fields.payloadLength & 0xff;
  data[H_RESERVED] = 0;
  const codeword = new Uint8Array(HEADER_BYTES);
  codeword.set(data);
  codeword.set(rsEncode(data, HEADER_PARITY_BYTES), HEADER_DATA_BYTES);
  for (let i = 0; i < HEADER_BYTES; i++) codeword[i] ^= HEADER_MASK[i];
  return codeword;
}

export type HeaderReading =
  | { readonly ok: true; readonly fields: HeaderFields; readonly corrected: number }
  | { readonly ok: false; readonly reason: 'uncorrectable' | 'version' | 'invalid'; readonly fields?: HeaderFields; readonly corrected?: number };

/** Decodes a masked header codeword. Erasures: byte indices known to be unreliable. */
export function decodeHeader(masked: Uint8Array, erasures: readonly number[] = []): HeaderReading {
  const codeword = masked.slice();
  for (let i = 0; i < HEADER_BYTES; i++) codeword[i] ^= HEADER_MASK[i];
  const result = rsDecode(codeword, HEADER_PARITY_BYTES, erasures);
  if (!result) return { ok: false, reason: 'uncorrectable' };
  const d = result.codeword;
  const fields: HeaderFields = {
    version: d[H_VERSION_EC] >> 4,
    ecLevel: d[H_VERSION_EC] & 0x0f,
    sizeIndex: d[H_SIZE_INDEX],
    moduleUnits: d[H_MODULE_UNITS],
    payloadLength: (d[H_LENGTH] << 8) | d[H_LENGTH + 1],
  };
  if (fields.version !== FORMAT_VERSION) return { ok: false, reason: 'version', fields, corrected: result.corrected };
  if (fields.ecLevel > 3 || fields.sizeIndex >= GRID_SIZES.length || fields.moduleUnits === 0 || d[H_RESERVED] !== 0) {
    return { ok: false, reason: 'invalid', fields };
  }
  return { ok: true, fields, corrected: result.corrected };
}
