/**
 * ECDSA P-256 (secp256r1) key helpers over WebCrypto.
 *
 * Public keys travel in compressed SEC 1 form (SEC 1 v2 §2.3.3: 0x02/0x03 ‖ X, 33 bytes) to keep
 * seals small. WebCrypto's `importKey('raw')` is only required to accept the uncompressed form
 * (0x04 ‖ X ‖ Y), so the point is decompressed here (SEC 1 §2.3.4) before import.
 */
import { concatBytes, sha256, toHex } from '../bytes/bytes.ts';
import { SealError } from './errors.ts';

export const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
export const COMPRESSED_KEY_BYTES = 33;
export const UNCOMPRESSED_KEY_BYTES = 65;
/** IEEE P1363 / RFC 9053 §2.1 signature: r ‖ s, 32 bytes each. */
export const ES256_SIGNATURE_BYTES = 64;
/** Key identifiers are the first 8 bytes of SHA-256 over the compressed public key. */
export const KEY_ID_BYTES = 8;

// FIPS 186-4 §D.1.2.3 curve P-256: y² = x³ − 3x + b over GF(p).
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function bigIntTo32Bytes(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

const badKey = () =>
  new SealError('key.bad-public-key', { problem: 'malformed' });

export function compressPublicKey(uncompressed: Uint8Array): Uint8Array {
  if (uncompressed.length !== UNCOMPRESSED_KEY_BYTES || uncompressed[0] !== 0x04) throw badKey();
  const out = new Uint8Array(COMPRESSED_KEY_BYTES);
  out[0] = 0x02 | (uncompressed[64] & 1);
  out.set(uncompressed.subarray(1, 33), 1);
  return out;
}

/** SEC 1 §2.3.4; p ≡ 3 (mod 4), so the square root is rhs^((p+1)/4). Refuses points off the curve. */
export function decompressPublicKey(compressed: Uint8Array): Uint8Array {
  if (compressed.length !== COMPRESSED_KEY_BYTES || (compressed[0] !== 0x02 && compressed[0] !== 0x03)) throw badKey();
  const x = bytesToBigInt(compressed.subarray(1));
  if (x >= P) throw badKey();
  const rhs = (((x * x) % P) * x - 3n * x + B + 3n * P) % P;
  let y = modPow(rhs, (P + 1n) / 4n, P);
  if ((y * y) % P !== rhs) throw badKey();
  if ((y & 1n) !== BigInt(compressed[0] & 1)) y = P - y;
  return concatBytes(new Uint8Array([0x04]), compressed.subarray(1), bigIntTo32Bytes(y));
}

/**
 * Imported verification keys by compressed point. A verifier meets the same few roots and signers
 * again and again; caching skips the BigInt square root and the import. Public keys only.
 */
const importedKeys = new Map<string, CryptoKey>();
const MAX_CACHED_KEYS = 256;

export async function importPublicKey(compressed: Uint8Array): Promise<CryptoKey> {
  const cacheKey = toHex(compressed);
  const cached = importedKeys.get(cacheKey);
  if (cached) return cached;
  const raw = decompressPublicKey(compressed);
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, ECDSA_P256, true, ['verify']);
  } catch (cause) {
    throw new SealError('key.bad-public-key', { problem: 'unloadable' }, { cause });
  }
  if (importedKeys.size >= MAX_CACHED_KEYS) importedKeys.delete(importedKeys.keys().next().value as string);
  importedKeys.set(cacheKey, key);
  return key;
}

export async function exportCompressedPublicKey(publicKey: CryptoKey): Promise<Uint8Array> {
  return compressPublicKey(new Uint8Array(await crypto.subtle.exportKey('raw', publicKey)));
}

export async function keyIdOf(compressedPublicKey: Uint8Array): Promise<Uint8Array> {
  return (await sha256(compressedPublicKey)).slice(0, KEY_ID_BYTES);
}

export async function signEs256(privateKey: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(ECDSA_SHA256, privateKey, data as Uint8Array<ArrayBuffer>));
}

export async function verifyEs256(publicKey: CryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  if (signature.length !== ES256_SIGNATURE_BYTES) return false;
  return crypto.subtle.verify(ECDSA_SHA256, publicKey, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
}
