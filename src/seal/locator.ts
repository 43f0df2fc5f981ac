/**
 * The QR locator printed beside the scrambled image: a URL that opens kofu's verifier and carries
 * what the verifier needs before it can read the carrier.
 *
 *   <verifier URL>#<136 decimal digits>          e.g. https://kofu.example.jp/verify#0123…
 *
 * Payload (format version 1, 56 bytes, big-endian; docs/formats.md §4):
 *   offset 0  version       1 byte   (= 1)
 *   offset 1  issuer        3 bytes  municipality code
 *   offset 4  kid           8 bytes  signer key id (SHA-256(signer public key)[0..8])
 *   offset 12 serial        8 bytes  (≤ 2^53 − 1)
 *   offset 20 whitening key 32 bytes the carrier's keystream key (masking, not secrecy)
 *   offset 52 check         4 bytes  CRC-32 (IEEE 802.3) of bytes 0..51
 * The check is not security (the seal's signature is): it turns a mistyped or mangled URL into a
 * clear "damaged QR code" message instead of a confusing failure later in the carrier.
 *
 * Why decimal digits: QR numeric mode stores 3 digits in 10 bits (ISO/IEC 18004 §7.4.3), so bytes
 * written as digits cost 8.3 bits per byte, against 10.7 for base64url in byte mode and 8.25 for
 * base45 in alphanumeric mode; but base45's space and '%' are not safe in a URL fragment, and
 * digits are. The URL prefix goes in a byte segment, the digits in a numeric segment. Every
 * 7-byte group becomes 17 digits (2^56 < 10^17), a final group of k bytes ⌈8k·log10 2⌉ digits.
 * With a verifier URL of up to 47 characters (48 with '#') this fits QR version 6 at error
 * correction M: 864 data bits = 12 + 8·48 (byte segment) + 14 + 454 (136 digits) + padding.
 */
import QRCode from 'qrcode';
import { LocatorError } from './errors.ts';
import { KEY_ID_BYTES } from './ec.ts';
import { MAX_MUNICIPALITY_CODE } from './signer-certificate.ts';

export const LOCATOR_VERSION = 1;
export const WHITENING_KEY_BYTES = 32;
const CHECK_OFFSET = 1 + 3 + KEY_ID_BYTES + 8 + WHITENING_KEY_BYTES;
export const LOCATOR_PAYLOAD_BYTES = CHECK_OFFSET + 4;
/** QR version ceiling at error correction M (45×45 modules at v7 would crowd the back side). */
export const MAX_QR_VERSION = 6;
export const QR_ERROR_CORRECTION = 'M';
/** Anything longer than this is not a kofu locator; refuse before parsing. */
export const MAX_LOCATOR_TEXT = 512;

const GROUP_BYTES = 7;
const GROUP_DIGITS = 17;
/** Digits for a final group of k bytes: ⌈8k·log10 2⌉. */
const PARTIAL_DIGITS = [0, 3, 5, 8, 10, 13, 15] as const;

/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bit by bit: 52 bytes need no table. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export interface Locator {
  readonly version: number;
  readonly issuer: number;
  readonly kid: Uint8Array;
  readonly serial: number;
  readonly whiteningKey: Uint8Array;
}

export function digitCount(byteLength: number): number {
  return Math.floor(byteLength / GROUP_BYTES) * GROUP_DIGITS + PARTIAL_DIGITS[byteLength % GROUP_BYTES];
}

export function bytesToDigits(bytes: Uint8Array): string {
  let out = '';
  for (let offset = 0; offset < bytes.length; offset += GROUP_BYTES) {
    const group = bytes.subarray(offset, offset + GROUP_BYTES);
    let value = 0n;
    for (const byte of group) value = (value << 8n) | BigInt(byte);
    const width = group.length === GROUP_BYTES ? GROUP_DIGITS : PARTIAL_DIGITS[group.length];
    out += value.toString().padStart(width, '0');
  }
  return out;
}

const damaged = (detail: string) =>
  new LocatorError('locator.damaged', { detail });

export function digitsToBytes(digits: string, byteLength: number): Uint8Array {
  if (digits.length !== digitCount(byteLength) || !/^[0-9]*$/.test(digits)) throw damaged('length');
  const out = new Uint8Array(byteLength);
  let position = 0;
  for (let offset = 0; offset < byteLength; offset += GROUP_BYTES) {
    const count = Math.min(GROUP_BYTES, byteLength - offset);
    const width = count === GROUP_BYTES ? GROUP_DIGITS : PARTIAL_DIGITS[count];
    let value = BigInt(digits.slice(position, position + width));
    position += width;
    // A group whose number does not fit its bytes was not written by bytesToDigits.
    if (value >> BigInt(8 * count) !== 0n) throw damaged('range');
    for (let i = count - 1; i >= 0; i--) {
      out[offset + i] = Number(value & 0xffn);
      value >>= 8n;
    }
  }
  return out;
}

export function encodeLocatorPayload(locator: Locator): Uint8Array {
  if (locator.version !== LOCATOR_VERSION) throw damaged('version');
  if (!Number.isSafeInteger(locator.issuer) || locator.issuer < 0 || locator.issuer > MAX_MUNICIPALITY_CODE) throw damaged('issuer');
  if (!Number.isSafeInteger(locator.serial) || locator.serial < 0) throw damaged('serial');
  if (locator.kid.length !== KEY_ID_BYTES || locator.whiteningKey.length !== WHITENING_KEY_BYTES) throw damaged('key length');
  const out = new Uint8Array(LOCATOR_PAYLOAD_BYTES);
  const view = new DataView(out.buffer);
  out[0] = locator.version;
  out[1] = locator.issuer >>> 16;
  view.setUint16(2, locator.issuer & 0xffff);
  out.set(locator.kid, 4);
  view.setBigUint64(12, BigInt(locator.serial));
  out.set(locator.whiteningKey, 20);
  view.setUint32(CHECK_OFFSET, crc32(out.subarray(0, CHECK_OFFSET)));
  return out;
}

export function decodeLocatorPayload(payload: Uint8Array): Locator {
  if (payload.length !== LOCATOR_PAYLOAD_BYTES) throw damaged('length');
  if (payload[0] !== LOCATOR_VERSION) {
    throw new LocatorError('locator.unknown-version', {});
  }
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  if (view.getUint32(CHECK_OFFSET) !== crc32(payload.subarray(0, CHECK_OFFSET))) throw damaged('check');
  const issuer = (payload[1] << 16) | view.getUint16(2);
  const serial = view.getBigUint64(12);
  if (issuer > MAX_MUNICIPALITY_CODE) throw damaged('issuer');
  if (serial > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged('serial');
  return { version: payload[0], issuer, kid: payload.slice(4, 12), serial: Number(serial), whiteningKey: payload.slice(20, 52) };
}

/** The longest verifier URL the locator fits into QR version MAX_QR_VERSION at level M (see above). */
export const MAX_VERIFIER_URL = 47;

/**
 * Checks a municipality's verifier URL before it is stored (admin console): https, at most
 * MAX_VERIFIER_URL characters, a host, and no query or fragment (the locator is the fragment).
 * Returns the URL as typed, trimmed; throws LocatorError('locator.bad-verifier-url').
 */
export function checkVerifierUrl(input: string): string {
  const url = input.trim();
  const refuse = (problem: 'not-https' | 'too-long' | 'malformed') => new LocatorError('locator.bad-verifier-url', { problem, max: MAX_VERIFIER_URL });
  if (!/^https:\/\//i.test(url)) throw refuse('not-https');
  if (url.length > MAX_VERIFIER_URL) throw refuse('too-long');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse('malformed');
  }
  if (!parsed.hostname || url.includes('#') || url.includes('?') || /\s/.test(url) || parsed.username || parsed.password) throw refuse('malformed');
  return url;
}

/** `verifierUrl` is the verifier page without fragment, e.g. `https://kofu.example.jp/verify`. */
export function encodeLocator(locator: Locator, verifierUrl: string): string {
  if (verifierUrl.includes('#')) throw damaged('url');
  return `${verifierUrl}#${bytesToDigits(encodeLocatorPayload(locator))}`;
}

/** Accepts the whole URL or just its fragment (with or without '#'); throws LocatorError. */
export function decodeLocator(textOrUrl: string): Locator {
  if (typeof textOrUrl !== 'string' || textOrUrl.length > MAX_LOCATOR_TEXT) throw damaged('size');
  const hash = textOrUrl.lastIndexOf('#');
  const fragment = hash >= 0 ? textOrUrl.slice(hash + 1) : textOrUrl;
  return decodeLocatorPayload(digitsToBytes(fragment, LOCATOR_PAYLOAD_BYTES));
}

export interface LocatorQr {
  readonly version: number;
  /** Modules per side. */
  readonly size: number;
  /** size × size, row-major, 1 = dark. */
  readonly modules: Uint8Array;
}

/** The QR symbol for a locator URL: byte segment for the URL, numeric segment for the digits. */
export function locatorQr(url: string): LocatorQr {
  const hash = url.lastIndexOf('#');
  if (hash < 0) throw damaged('url');
  const segments: QRCode.QRCodeSegment[] = [
    { data: new TextEncoder().encode(url.slice(0, hash + 1)), mode: 'byte' },
    { data: url.slice(hash + 1), mode: 'numeric' },
  ];
  let symbol: QRCode.QRCode;
  try {
    symbol = QRCode.create(segments, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  } catch (cause) {
    throw new LocatorError('locator.too-long', {}, { cause });
  }
  if (symbol.version > MAX_QR_VERSION) {
    throw new LocatorError('locator.too-long', { version: symbol.version, max: MAX_QR_VERSION });
  }
  const size = symbol.modules.size;
  const modules = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) modules[y * size + x] = symbol.modules.get(y, x) ? 1 : 0; // BitMatrix.get(row, col)
  return { version: symbol.version, size, modules };
}
