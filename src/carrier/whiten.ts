/**
 * Whitening: XOR with a ChaCha20 keystream (RFC 8439 §2.4, via @noble/ciphers) keyed by the 32-byte
 * key from the QR locator. It makes the printed modules look like noise (no large uniform areas,
 * balanced black/white for the decoder's thresholds). It is masking, not secrecy: the front of the
 * sheet shows the same data, and integrity comes from the seal's signature.
 */
import { chacha20 } from '@noble/ciphers/chacha.js';
import { WHITENING_NONCE } from './format.ts';
import { CarrierKeyError } from './errors.ts';

export const WHITENING_KEY_BYTES = 32;

export function whiten(data: Uint8Array, key: Uint8Array): Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== WHITENING_KEY_BYTES) throw new CarrierKeyError();
  return chacha20(key, WHITENING_NONCE, data);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as in ISO 3309 / ITU-T V.42 / PNG (reflected, polynomial 0x04C11DB7, init and xorout ~0). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
