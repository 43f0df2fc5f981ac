/**
 * The length of one CBOR data item at the start of a byte string (RFC 8949 §3). WebAuthn's
 * authenticator data carries the credential public key as a CBOR item followed by optional
 * extension data with no length prefix (WebAuthn Level 3 §6.5.1), so the key's end is found by
 * walking its structure. Definite lengths only: CTAP2 canonical CBOR has no indefinite ones.
 */
import { passkeyRefused } from './errors.ts';

const MAJOR_UNSIGNED = 0;
const MAJOR_NEGATIVE = 1;
const MAJOR_BYTES = 2;
const MAJOR_TEXT = 3;
const MAJOR_ARRAY = 4;
const MAJOR_MAP = 5;
const MAJOR_TAG = 6;
/** Additional information 24–27: the argument follows in 1, 2, 4 or 8 bytes (RFC 8949 §3). */
const ARGUMENT_BYTES: Record<number, number> = { 24: 1, 25: 2, 26: 4, 27: 8 };
/** Nesting deeper than this is not a COSE key. */
const MAX_DEPTH = 8;

function need(bytes: Uint8Array, end: number): void {
  if (end > bytes.length) throw passkeyRefused('CBOR truncated');
}

/** Returns the offset just past the item that starts at `offset`. */
export function cborItemEnd(bytes: Uint8Array, offset = 0, depth = 0): number {
  if (depth > MAX_DEPTH) throw passkeyRefused('CBOR too deep');
  need(bytes, offset + 1);
  const initial = bytes[offset];
  const major = initial >> 5;
  const info = initial & 0x1f;
  let position = offset + 1;
  let argument = info;
  if (info >= 24) {
    const width = ARGUMENT_BYTES[info];
    if (width === undefined) throw passkeyRefused('CBOR indefinite or reserved length');
    need(bytes, position + width);
    argument = 0;
    for (let i = 0; i < width; i++) argument = argument * 256 + bytes[position + i];
    position += width;
  }
  switch (major) {
    case MAJOR_UNSIGNED:
    case MAJOR_NEGATIVE:
      return position;
    case MAJOR_BYTES:
    case MAJOR_TEXT:
      need(bytes, position + argument);
      return position + argument;
    case MAJOR_ARRAY:
      for (let i = 0; i < argument; i++) position = cborItemEnd(bytes, position, depth + 1);
      return position;
    case MAJOR_MAP:
      for (let i = 0; i < argument * 2; i++) position = cborItemEnd(bytes, position, depth + 1);
      return position;
    case MAJOR_TAG:
      return cborItemEnd(bytes, position, depth + 1);
    default:
      return position; // major 7: simple values and floats, argument already skipped
  }
}
