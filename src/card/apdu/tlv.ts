/**
 * BER-TLV (ISO/IEC 7816-4 §5.2, X.690 §8.1.2–8.1.3) as the My Number card uses it: multi-byte
 * private-class tags (FF20, DF21…) and long-form lengths (81 xx, 82 xx xx). Never assume a fixed
 * 3-byte header: EF 0002 exceeds 127 bytes for long addresses (research §1.4 pitfalls).
 */
import { ByteFormatError } from '../../bytes/errors.ts';
import { concatBytes } from '../../bytes/bytes.ts';

export interface Tlv {
  readonly tag: number;
  /** Offset of the tag's first byte within the parsed buffer. */
  readonly offset: number;
  readonly value: Uint8Array;
  /** Offset just past the value. */
  readonly end: number;
}

function truncated(what: string): ByteFormatError {
  return new ByteFormatError('tlv.truncated', { detail: what });
}

/** Reads the tag and length at `offset`; returns header size and value length (value may be absent). */
export function readTlvHeader(bytes: Uint8Array, offset: number): { tag: number; headerLength: number; length: number } {
  let i = offset;
  if (i >= bytes.length) throw truncated('tag');
  let tag = bytes[i++];
  if ((tag & 0x1f) === 0x1f) {
    // Subsequent tag bytes: b8 = 1 means another byte follows (X.690 §8.1.2.4).
    do {
      if (i >= bytes.length) throw truncated('tag');
      tag = tag * 256 + bytes[i];
    } while (bytes[i++] & 0x80);
  }
  if (i >= bytes.length) throw truncated('length');
  let length = bytes[i++];
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3) throw truncated(`length form 0x${length.toString(16)}`);
    if (i + count > bytes.length) throw truncated('length');
    length = 0;
    for (let k = 0; k < count; k++) length = length * 256 + bytes[i++];
  }
  return { tag, headerLength: i - offset, length };
}

export function readTlv(bytes: Uint8Array, offset: number): Tlv {
  const { tag, headerLength, length } = readTlvHeader(bytes, offset);
  const start = offset + headerLength;
  if (start + length > bytes.length) throw truncated(`tag ${tag.toString(16)} wants ${length} bytes`);
  return { tag, offset, value: bytes.subarray(start, start + length), end: start + length };
}

/** The TLVs laid end to end in `bytes`; stops at `FF` filler (unused EF space) or the end. */
export function readTlvList(bytes: Uint8Array): Tlv[] {
  const list: Tlv[] = [];
  let offset = 0;
  while (offset < bytes.length && !(bytes[offset] === 0xff && (offset + 1 >= bytes.length || bytes[offset + 1] === 0xff))) {
    const tlv = readTlv(bytes, offset);
    list.push(tlv);
    offset = tlv.end;
  }
  return list;
}

export function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return new Uint8Array([length]);
  if (length <= 0xff) return new Uint8Array([0x81, length]);
  if (length <= 0xffff) return new Uint8Array([0x82, length >> 8, length & 0xff]);
  return new Uint8Array([0x83, length >> 16, (length >> 8) & 0xff, length & 0xff]);
}

export function encodeTag(tag: number): Uint8Array {
  const bytes: number[] = [];
  for (let t = tag; t > 0; t = Math.floor(t / 256)) bytes.unshift(t & 0xff);
  return new Uint8Array(bytes.length ? bytes : [0]);
}

export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  return concatBytes(encodeTag(tag), encodeLength(value.length), value);
}
