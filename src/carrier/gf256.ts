/**
 * Arithmetic in GF(2^8) with the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), the field
 * QR codes and most byte-oriented Reed–Solomon codes use (ISO/IEC 18004 §7.5.2). α = 2 generates
 * the multiplicative group, so log/antilog tables turn multiplication into an addition mod 255.
 */
const GF_PRIMITIVE_POLY = 0x11d;

/** EXP[i] = α^i for i in 0..509 (doubled so that EXP[log a + log b] needs no reduction). */
export const GF_EXP = new Uint8Array(512);
/** LOG[a] = i with α^i = a, for a ≠ 0. LOG[0] is unused. */
export const GF_LOG = new Uint8Array(256);

{
  let x = 1;
  for (let i = 0; i < 255; i++) {
    GF_EXP[i] = x;
    GF_LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= GF_PRIMITIVE_POLY;
  }
  for (let i = 255; i < 512; i++) GF_EXP[i] = GF_EXP[i - 255];
}

export function gfMul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return GF_EXP[GF_LOG[a] + GF_LOG[b]];
}

export function gfDiv(a: number, b: number): number {
  if (b === 0) throw new RangeError('GF(256) division by zero');
  if (a === 0) return 0;
  return GF_EXP[GF_LOG[a] + 255 - GF_LOG[b]];
}

export function gfInv(a: number): number {
  if (a === 0) throw new RangeError('GF(256) inverse of zero');
  return GF_EXP[255 - GF_LOG[a]];
}

/** α^e for any integer e (negative exponents allowed). */
export function gfPowAlpha(e: number): number {
  return GF_EXP[((e % 255) + 255) % 255];
}

/** Slow reference multiplication (shift-and-add with reduction), used by tests to check the tables. */
export function gfMulSlow(a: number, b: number): number {
  let result = 0;
  while (b > 0) {
    if (b & 1) result ^= a;
    a <<= 1;
    if (a & 0x100) a ^= GF_PRIMITIVE_POLY;
    b >>= 1;
  }
  return result;
}
