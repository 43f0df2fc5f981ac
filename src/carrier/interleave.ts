/**
 * Interleaving: consecutive stream bytes go to different Reed–Solomon blocks (byte i of every
 * block, then byte i+1 of every block, …), and the stream is then spread over the byte slots of
 * the grid by a fixed public permutation, so a smudge, fold or scratch costs a little of every
 * block instead of all of one.
 */
import { SLOT_PERMUTATION_SEED, type BlockShape } from './format.ts';

/** Stream order: for i = 0.. max n − 1, for each block b with i < n_b: block b, byte i. */
export function interleaveBlocks(blocks: readonly Uint8Array[]): Uint8Array {
  const total = blocks.reduce((s, b) => s + b.length, 0);
  const out = new Uint8Array(total);
  const longest = blocks.reduce((m, b) => Math.max(m, b.length), 0);
  let k = 0;
  for (let i = 0; i < longest; i++) for (const block of blocks) if (i < block.length) out[k++] = block[i];
  return out;
}

/** Inverse of interleaveBlocks for the given block shapes. Works on any per-byte array type. */
export function deinterleaveBlocks<T extends Uint8Array | Float32Array>(stream: T, shapes: readonly BlockShape[], make: (n: number) => T): T[] {
  const blocks = shapes.map((s) => make(s.n));
  const longest = shapes.reduce((m, s) => Math.max(m, s.n), 0);
  let k = 0;
  for (let i = 0; i < longest; i++) for (let b = 0; b < shapes.length; b++) if (i < shapes[b].n) blocks[b][i] = stream[k++];
  return blocks;
}

const permutationCache = new Map<number, Int32Array>();

/**
 * π: stream position → slot index. Fisher–Yates driven by xorshift32 (Marsaglia 2003, shifts
 * 13/17/5) seeded with SLOT_PERMUTATION_SEED XOR count; for i from count−1 down to 1,
 * j = next() mod (i + 1), swap.
 */
export function slotPermutation(count: number): Int32Array {
  const cached = permutationCache.get(count);
  if (cached) return cached;
  const perm = new Int32Array(count);
  for (let i = 0; i < count; i++) perm[i] = i;
  let state = (SLOT_PERMUTATION_SEED ^ count) >>> 0 || 1;
  for (let i = count - 1; i > 0; i--) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const j = state % (i + 1);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  permutationCache.set(count, perm);
  return perm;
}
