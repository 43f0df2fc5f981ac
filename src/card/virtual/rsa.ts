/**
 * The virtual card's private-key operation. The real card's `80 2A 00 80` signs whatever
 * DigestInfo it is given ("verbatim" PKCS#1 v1.5, research/card-reading.md §1.3); WebCrypto only
 * signs messages it hashes itself, so the card does RFC 8017 §8.2.1 by hand: EMSA-PKCS1-v1_5
 * padding of the given bytes (§9.2 steps 4–5) and RSASP1 with the CRT (§5.2.1 (b)).
 * The host side verifies with WebCrypto, an independent implementation.
 */
import { fromBase64 } from '../../bytes/bytes.ts';

export interface RsaPrivateKey {
  readonly n: bigint;
  readonly e: bigint;
  /** Private exponent: only the slow reference path (tests) uses it; signing uses the CRT values. */
  readonly d: bigint;
  readonly p: bigint;
  readonly q: bigint;
  readonly dp: bigint;
  readonly dq: bigint;
  readonly qi: bigint;
  readonly modulusBytes: number;
}

function base64UrlToBigInt(text: string): bigint {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return bytesToBigInt(fromBase64(b64));
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return out;
}

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  base %= modulus;
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
    exponent >>= 1n;
  }
  return result;
}

/** Imports a PKCS#8 RSA key (base64 DER body) into BigInt CRT form via a WebCrypto JWK export. */
export async function importRsaPrivateKey(pkcs8Base64: string): Promise<{ key: RsaPrivateKey; publicKey: CryptoKey; privateKey: CryptoKey }> {
  const der = fromBase64(pkcs8Base64) as Uint8Array<ArrayBuffer>;
  const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const privateKey = await crypto.subtle.importKey('pkcs8', der, algorithm, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicKey = await crypto.subtle.importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RS256', ext: true }, algorithm, true, ['verify']);
  const n = base64UrlToBigInt(jwk.n!);
  const key: RsaPrivateKey = {
    n,
    e: base64UrlToBigInt(jwk.e!),
    d: base64UrlToBigInt(jwk.d!),
    p: base64UrlToBigInt(jwk.p!),
    q: base64UrlToBigInt(jwk.q!),
    dp: base64UrlToBigInt(jwk.dp!),
    dq: base64UrlToBigInt(jwk.dq!),
    qi: base64UrlToBigInt(jwk.qi!),
    modulusBytes: Math.ceil(n.toString(16).length / 2),
  };
  return { key, publicKey, privateKey };
}

/** EMSA-PKCS1-v1_5 encoding of `t` (RFC 8017 §9.2 step 5): 00 01 FF…FF 00 ‖ T; null if T is too long. */
export function pkcs1Type1Pad(t: Uint8Array, k: number): Uint8Array | null {
  if (t.length > k - 11) return null;
  const em = new Uint8Array(k).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[k - t.length - 1] = 0x00;
  em.set(t, k - t.length);
  return em;
}

/** RSASP1 with the CRT (RFC 8017 §5.2.1 (b)(ii)). */
export function rsaPrivate(key: RsaPrivateKey, m: bigint): bigint {
  const m1 = modPow(m, key.dp, key.p);
  const m2 = modPow(m, key.dq, key.q);
  let h = ((m1 - m2) * key.qi) % key.p;
  if (h < 0n) h += key.p;
  return m2 + h * key.q;
}

/** Signs `t` (a DigestInfo) as the card does; null when T does not fit (the card answers 6700). */
export function signPkcs1Raw(key: RsaPrivateKey, t: Uint8Array): Uint8Array | null {
  const em = pkcs1Type1Pad(t, key.modulusBytes);
  if (!em) return null;
  return bigIntToBytes(rsaPrivate(key, bytesToBigInt(em)), key.modulusBytes);
}
