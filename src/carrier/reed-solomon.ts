/**
 * Systematic Reed–Solomon codes over GF(256) with errors-and-erasures decoding.
 *
 * Code: generator g(x) = ∏_{i=0}^{p-1} (x − α^i) (first consecutive root α^0, as in ISO/IEC 18004
 * §7.5.2). A codeword is `data ‖ parity`; byte 0 is the coefficient of the highest power, so the
 * codeword polynomial is C(x) = Σ c[j]·x^(n−1−j). Block length n ≤ 255.
 *
 * Decoder: syndromes S_i = C(α^i); erasure locator Γ(x) = ∏(1 − X_k x); Berlekamp–Massey started
 * from Γ (Blahut, "Algebraic Codes for Data Transmission" §7.6, errors-and-erasures form); Chien
 * search; Forney's formula e_k = X_k·Ω(X_k⁻¹)/Λ'(X_k⁻¹) for first root α^0. Any 2·errors + erasures
 * ≤ p is corrected; beyond that the decoder reports failure (or, rarely, miscorrects into another
 * codeword, which the carrier's CRC-32 catches).
 */
import { GF_EXP, GF_LOG, gfDiv, gfMul, gfPowAlpha } from './gf256.ts';

const generatorCache = new Map<number, Uint8Array>();

/** Coefficients of g(x), highest power first, monic (g[0] = 1), length p + 1. */
export function rsGenerator(parityLength: number): Uint8Array {
  let g = generatorCache.get(parityLength);
  if (g) return g;
  let poly = new Uint8Array([1]);
  for (let i = 0; i < parityLength; i++) {
    // Multiply by (x − α^i) = (x + α^i).
    const next = new Uint8Array(poly.length + 1);
    const root = gfPowAlpha(i);
    for (let j = 0; j < poly.length; j++) {
      next[j] ^= poly[j];
      next[j + 1] ^= gfMul(poly[j], root);
    }
    poly = next;
  }
  g = poly;
  generatorCache.set(parityLength, g);
  return g;
}

/** Parity bytes for `data` (the remainder of data(x)·x^p divided by g(x)). */
export function rsEncode(data: Uint8Array, parityLength: number): Uint8Array {
  if (data.length + parityLength > 255) throw new RangeError('Reed–Solomon block longer than 255 bytes');
  const g = rsGenerator(parityLength);
  const parity = new Uint8Array(parityLength);
  for (let i = 0; i < data.length; i++) {
    const factor = data[i] ^ parity[0];
    parity.copyWithin(0, 1);
    parity[parityLength - 1] = 0;
    if (factor !== 0) {
      const logFactor = GF_LOG[factor];
      for (let j = 0; j < parityLength; j++) {
        const gj = g[j + 1];
        if (gj !== 0) parity[j] ^= GF_EXP[GF_LOG[gj] + logFactor];
      }
    }
  }
  return parity;
}

export interface RsDecodeResult {
  /** The corrected codeword (a copy; the input is not modified). */
  readonly codeword: Uint8Array;
  /** How many byte positions were changed (errors and erasures that held a wrong value). */
  readonly corrected: number;
}

function syndromes(codeword: Uint8Array, parityLength: number): Uint8Array {
  const s = new Uint8Array(parityLength);
  for (let i = 0; i < parityLength; i++) {
    let acc = 0;
    for (let j = 0; j < codeword.length; j++) acc = (acc === 0 ? 0 : GF_EXP[GF_LOG[acc] + i]) ^ codeword[j];
    s[i] = acc;
  }
  return s;
}

/** Evaluates a polynomial stored lowest power first. */
function polyEvalLow(poly: Uint8Array | number[], x: number): number {
  let acc = 0;
  for (let j = poly.length - 1; j >= 0; j--) acc = gfMul(acc, x) ^ poly[j];
  return acc;
}

/**
 * Corrects a codeword of length n with p parity bytes. `erasures` lists byte indices known to be
 * unreliable. Returns null when the codeword cannot be corrected.
 */
export function rsDecode(received: Uint8Array, parityLength: number, erasures: readonly number[] = []): RsDecodeResult | null {
  const n = received.length;
  if (n > 255 || parityLength >= n) throw new RangeError('bad Reed–Solomon block shape');
  const uniqueErasures = [...new Set(erasures)].filter((j) => j >= 0 && j < n);
  if (uniqueErasures.length > parityLength) return null;
  const s = syndromes(received, parityLength);
  let clean = true;
  for (let i = 0; i < parityLength; i++) if (s[i] !== 0) clean = false;
  if (clean) return { codeword: received.slice(), corrected: 0 };

  // Erasure locator Γ(x) = ∏ (1 − X_k x), lowest power first; X_k = α^(n−1−j).
  const f = uniqueErasures.length;
  let gamma: number[] = [1];
  for (const j of uniqueErasures) {
    const xk = gfPowAlpha(n - 1 - j);
    const next = new Array<number>(gamma.length + 1).fill(0);
    for (let t = 0; t < gamma.length; t++) {
      next[t] ^= gamma[t];
      next[t + 1] ^= gfMul(gamma[t], xk);
    }
    gamma = next;
  }

  // Berlekamp–Massey, errors-and-erasures form.
  let lambda = gamma.slice();
  let b = gamma.slice();
  let l = f;
  for (let r = f; r < parityLength; r++) {
    let delta = 0;
    for (let j = 0; j <= l && j < lambda.length; j++) if (r - j >= 0) delta ^= gfMul(lambda[j], s[r - j]);
    // xB
    const xb = [0, ...b];
    if (delta === 0) {
      b = xb;
      continue;
    }
    const t = new Array<number>(Math.max(lambda.length, xb.length)).fill(0);
    for (let j = 0; j < lambda.length; j++) t[j] ^= lambda[j];
    for (let j = 0; j < xb.length; j++) t[j] ^= gfMul(delta, xb[j]);
    if (2 * l <= r + f) {
      b = lambda.map((c) => gfDiv(c, delta));
      l = r + 1 + f - l;
    } else {
      b = xb;
    }
    lambda = t;
  }
  while (lambda.length > 1 && lambda[lambda.length - 1] === 0) lambda.pop();
  const degree = lambda.length - 1;
  if (degree !== l || 2 * (l - f) + f > parityLength) return null;

  // Chien search over the n positions of this (possibly shortened) code.
  const positions: number[] = [];
  for (let j = 0; j < n; j++) {
    const xInv = gfPowAlpha(-(n - 1 - j));
    if (polyEvalLow(lambda, xInv) === 0) positions.push(j);
  }
  if (positions.length !== degree) return null;

  // Ω(x) = S(x)·Λ(x) mod x^p
  const omega = new Array<number>(parityLength).fill(0);
  for (let i = 0; i < parityLength; i++) {
    let acc = 0;
    for (let j = 0; j <= i && j < lambda.length; j++) acc ^= gfMul(lambda[j], s[i - j]);
    omega[i] = acc;
  }
  // Formal derivative Λ'(x): in characteristic 2 only odd powers survive.
  const dLambda = new Array<number>(Math.max(1, lambda.length - 1)).fill(0);
  for (let j = 1; j < lambda.length; j += 2) dLambda[j - 1] = lambda[j];

  const out = received.slice();
  let corrected = 0;
  for (const j of positions) {
    const xk = gfPowAlpha(n - 1 - j);
    const xInv = gfPowAlpha(-(n - 1 - j));
    const denominator = polyEvalLow(dLambda, xInv);
    if (denominator === 0) return null;
    const magnitude = gfMul(xk, gfDiv(polyEvalLow(omega, xInv), denominator));
    if (magnitude !== 0) corrected++;
    out[j] ^= magnitude;
  }
  const check = syndromes(out, parityLength);
  for (let i = 0; i < parityLength; i++) if (check[i] !== 0) return null;
  return { codeword: out, corrected };
}
