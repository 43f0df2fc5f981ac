/**
 * Leaf helpers over bytes. Nothing here imports another kofu module except the typed errors.
 */
import { ByteFormatError } from './errors.ts';

const HEX_DIGITS = '0123456789abcdef';

export function toHex(bytes: Uint8Array, separator = ''): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    parts[i] = HEX_DIGITS[byte >> 4] + HEX_DIGITS[byte & 0x0f];
  }
  return parts.join(separator);
}

/** Parses hex with optional whitespace between bytes (as transcripts are written: `00 A4 02 0C`). */
export function fromHex(text: string): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) {
    throw new ByteFormatError('bytes.bad-hex', { text: text.slice(0, 40) });
  }
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

export function concatBytes(...chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Constant-time comparison for MACs and hashes: the time does not depend on where bytes differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

export function readUint16BE(bytes: Uint8Array, offset: number): number {
  assertAvailable(bytes, offset, 2);
  return (bytes[offset] << 8) | bytes[offset + 1];
}

export function readUint32LE(bytes: Uint8Array, offset: number): number {
  assertAvailable(bytes, offset, 4);
  return (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0;
}

export function writeUint16BE(value: number, out = new Uint8Array(2), offset = 0): Uint8Array {
  out[offset] = (value >>> 8) & 0xff;
  out[offset + 1] = value & 0xff;
  return out;
}

export function writeUint32LE(value: number, out = new Uint8Array(4), offset = 0): Uint8Array {
  out[offset] = value & 0xff;
  out[offset + 1] = (value >>> 8) & 0xff;
  out[offset + 2] = (value >>> 16) & 0xff;
  out[offset + 3] = (value >>> 24) & 0xff;
  return out;
}

/** Throws unless `bytes` holds `count` bytes from `offset`: the one bounds check readers share. */
export function assertAvailable(bytes: Uint8Array, offset: number, count: number): void {
  if (offset < 0 || count < 0 || offset + count > bytes.length) {
    throw new ByteFormatError('bytes.truncated', { offset, count, length: bytes.length });
  }
}

/** Overwrites secrets (PINs, keys) once they are no longer needed. */
export function wipe(...buffers: Uint8Array[]): void {
  for (const buffer of buffers) buffer.fill(0);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch (cause) {
    throw new ByteFormatError('bytes.bad-base64', {}, { cause });
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}
