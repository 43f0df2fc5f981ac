/**
 * Deterministic CBOR (RFC 8949 §4.2.1, "core deterministic encoding") through cborg, with a
 * decoder that accepts exactly the bytes the encoder would produce.
 *
 * cborg's strict decode options cover minimal integer and length encodings, indefinite lengths,
 * duplicate map keys, undefined/NaN/Infinity, big integers and tags (no tag decoders are given, so
 * any tag is refused). They do not cover map key order or float width (cborg README, "Strictness"),
 * so every decode is followed by a re-encode and a byte comparison: a value is accepted only if
 * its encoding is the one canonical encoding. That single check also refuses invalid UTF-8 (which
 * would decode to U+FFFD and re-encode differently).
 */
import { decode, encode, rfc8949EncodeOptions } from 'cborg';
import { bytesEqual } from '../bytes/bytes.ts';
import { SealError } from './errors.ts';

export type CborKey = number | string;
export type CborValue = number | string | boolean | null | Uint8Array | readonly CborValue[] | CborMap;
export type CborMap = ReadonlyMap<CborKey, CborValue>;

/**
 * The CBOR map of a record under a table of integer labels (`{ issuer: 1, … }`, the layouts of
 * docs/formats.md): every field the table names, under its label; a field named in `optional` is
 * left out while it is undefined.
 */
export function labelledMap<Field extends string>(
  labels: Readonly<Record<Field, number>>,
  record: { readonly [F in Field]?: CborValue },
  optional: readonly Field[] = [],
): CborMap {
  const map = new Map<CborKey, CborValue>();
  for (const field of Object.keys(labels) as Field[]) {
    const value = record[field];
    if (value !== undefined || !optional.includes(field)) map.set(labels[field], value as CborValue);
  }
  return map;
}

const STRICT_DECODE = {
  strict: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowInfinity: false,
  allowNaN: false,
  allowBigInt: false,
  useMaps: true,
  rejectDuplicateMapKeys: true,
} as const;

/** RFC 8949 §4.2.1: shortest forms, definite lengths, map keys sorted bytewise by their encoding. */
export function encodeCanonical(value: CborValue): Uint8Array {
  return encode(value, rfc8949EncodeOptions);
}

/**
 * Decodes exactly one canonical CBOR item filling all of `bytes`.
 * @param what names the structure in error messages (e.g. "seal", "signer certificate").
 */
export function decodeCanonical(bytes: Uint8Array, what: string): CborValue {
  let value: unknown;
  try {
    // cborg throws on trailing bytes ("too many terminals") and on any tag without a decoder.
    value = decode(bytes, STRICT_DECODE);
  } catch (cause) {
    throw new SealError('cbor.malformed', { what, unreadable: true }, { cause });
  }
  let again: Uint8Array;
  try {
    again = encodeCanonical(value as CborValue);
  } catch (cause) {
    throw new SealError('cbor.malformed', { what, unreadable: false }, { cause });
  }
  if (!bytesEqual(again, bytes)) {
    throw new SealError('cbor.non-canonical', { what });
  }
  return value as CborValue;
}

// ---- shape checks: each throws a SealError naming the field ------------------------------------

function shapeError(what: string, field: string): SealError {
  return new SealError('cbor.bad-shape', { what, field });
}

export function isMap(value: CborValue | undefined): value is CborMap {
  return value instanceof Map;
}

export function expectMap(value: CborValue | undefined, what: string, field: string): CborMap {
  if (!isMap(value)) throw shapeError(what, field);
  return value;
}

export function expectArray(value: CborValue | undefined, what: string, field: string, length?: number): readonly CborValue[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) throw shapeError(what, field);
  return value;
}

export function expectBytes(value: CborValue | undefined, what: string, field: string, length?: number): Uint8Array {
  if (!(value instanceof Uint8Array) || (length !== undefined && value.length !== length)) throw shapeError(what, field);
  return value;
}

export function expectText(value: CborValue | undefined, what: string, field: string, maxLength = 256): string {
  if (typeof value !== 'string' || value.length > maxLength) throw shapeError(what, field);
  return value;
}

export function expectUint(value: CborValue | undefined, what: string, field: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) throw shapeError(what, field);
  return value;
}

export function expectBool(value: CborValue | undefined, what: string, field: string): boolean {
  if (typeof value !== 'boolean') throw shapeError(what, field);
  return value;
}

/** Refuses any key outside `known`: every field of kofu's structures is critical (RFC 9052 §3.1 `crit` spirit). */
export function expectOnlyKeys(map: CborMap, known: readonly CborKey[], what: string): void {
  for (const key of map.keys()) {
    if (!known.includes(key)) {
      throw new SealError('cbor.unknown-field', { what, key: String(key) });
    }
  }
}
