/**
 * Soft values: per-module samples → signed confidences (positive = black, |s| ≤ 2). Per-region
 * black/white levels, a module-domain unsharp mask and a decision-feedback equaliser against blur,
 * a flag on uniform patches (blots, glare), and the conversion of soft bits to bytes with a
 * per-byte confidence for erasure decoding.
 */
import { solveLinearSystem } from '../vision/linear-solve.ts';
import { ModuleKind, type Layout } from './format.ts';

export interface SoftVariant {
  /** Unsharp-mask strength before normalising (0 = none). */
  readonly beta: number;
  /** Decision-feedback equalisation after normalising. */
  readonly equalise: boolean;
}

/**
 * Soft-value variants tried in order until the data decodes: plain, decision-feedback equalised,
 * then module-domain sharpening (β) followed by equalisation. `sharpening` in the diagnostics
 * reports the index of the variant that worked.
 */
export const SOFT_VARIANTS: readonly SoftVariant[] = [
  { beta: 0, equalise: false },
  { beta: 0, equalise: true },
  { beta: 0.6, equalise: true },
  { beta: 1.2, equalise: true },
];

export function softVariant(values: Float32Array, size: number, variant: SoftVariant): Float32Array {
  const soft = normalise(sharpen(values, size, variant.beta), size);
  return variant.equalise ? equalise(soft, size) : soft;
}

/** Per-region black/white levels (two-means in 8×8-module tiles, interpolated) → soft values. */
export function normalise(values: Float32Array, size: number): Float32Array {
  const tile = 8;
  const tiles = Math.ceil(size / tile);
  const black = new Float32Array(tiles * tiles);
  const white = new Float32Array(tiles * tiles);
  for (let ty = 0; ty < tiles; ty++)
    for (let tx = 0; tx < tiles; tx++) {
      // A 16×16 window centred on the tile, for enough samples of both colours.
      const r0 = Math.max(0, ty * tile - tile / 2);
      const r1 = Math.min(size, ty * tile + tile + tile / 2);
      const c0 = Math.max(0, tx * tile - tile / 2);
      const c1 = Math.min(size, tx * tile + tile + tile / 2);
      let lo = Infinity;
      let hi = -Infinity;
      let sum = 0;
      let count = 0;
      for (let r = r0; r < r1; r++)
        for (let c = c0; c < c1; c++) {
          const v = values[r * size + c];
          if (v < lo) lo = v;
          if (v > hi) hi = v;
          sum += v;
          count++;
        }
      let t = sum / count;
      let b = lo;
      let w = hi;
      for (let iter = 0; iter < 4; iter++) {
        let bs = 0;
        let bn = 0;
        let ws = 0;
        let wn = 0;
        for (let r = r0; r < r1; r++)
          for (let c = c0; c < c1; c++) {
            const v = values[r * size + c];
            if (v < t) {
              bs += v;
              bn++;
            } else {
              ws += v;
              wn++;
            }
          }
        b = bn ? bs / bn : lo;
        w = wn ? ws / wn : hi;
        t = (b + w) / 2;
      }
      black[ty * tiles + tx] = b;
      white[ty * tiles + tx] = w;
    }
  const soft = new Float32Array(size * size);
  for (let r = 0; r < size; r++) {
    const fy = Math.min(Math.max((r + 0.5) / tile - 0.5, 0), tiles - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, tiles - 1);
    const ay = fy - y0;
    for (let c = 0; c < size; c++) {
      const fx = Math.min(Math.max((c + 0.5) / tile - 0.5, 0), tiles - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, tiles - 1);
      const ax = fx - x0;
      const lerp = (g: Float32Array) =>
        (g[y0 * tiles + x0] * (1 - ax) + g[y0 * tiles + x1] * ax) * (1 - ay) + (g[y1 * tiles + x0] * (1 - ax) + g[y1 * tiles + x1] * ax) * ay;
      const b = lerp(black);
      const w = lerp(white);
      const half = Math.max(2, (w - b) / 2);
      const s = ((b + w) / 2 - values[r * size + c]) / half;
      soft[r * size + c] = s > 2 ? 2 : s < -2 ? -2 : s;
    }
  }
  return soft;
}

/** Module-domain unsharp mask: v + β·(v − mean of the 4 neighbours), undoing part of the blur. */
export function sharpen(values: Float32Array, size: number, beta: number): Float32Array {
  if (beta === 0) return values;
  const out = new Float32Array(values.length);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      const i = r * size + c;
      const v = values[i];
      const up = r > 0 ? values[i - size] : v;
      const down = r < size - 1 ? values[i + size] : v;
      const left = c > 0 ? values[i - 1] : v;
      const right = c < size - 1 ? values[i + 1] : v;
      out[i] = v + beta * (v - (up + down + left + right) / 4);
    }
  return out;
}

/** Side, in modules, of the regions the equaliser fits separately. */
const EQUALISER_TILE = 32;

/**
 * Decision-feedback equaliser against blur (inter-symbol interference between neighbouring
 * modules). Model: s_i = a·x_i + b·Σ₄ x_j + d·Σ₄ₓ x_j + e, with x = ±1 the current decisions,
 * Σ₄ over the 4 edge neighbours and Σ₄ₓ over the 4 diagonal ones; (a, b, d, e) fitted by least
 * squares over the whole grid, then s'_i = (s_i − b·Σ₄ − d·Σ₄ₓ − e)/a and decide again.
 */
export function equalise(soft: Float32Array, size: number, iterations = 2, known?: Int8Array): Float32Array {
  let current = soft;
  for (let it = 0; it < iterations; it++) {
    const x = new Int8Array(current.length);
    for (let i = 0; i < x.length; i++) x[i] = known && known[i] !== 0 ? known[i] : current[i] > 0 ? 1 : -1;
    const n4 = new Float32Array(current.length);
    const d4 = new Float32Array(current.length);
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) {
        let e = 0;
        let d = 0;
        if (r > 0) e += x[(r - 1) * size + c];
        if (r < size - 1) e += x[(r + 1) * size + c];
        if (c > 0) e += x[r * size + c - 1];
        if (c < size - 1) e += x[r * size + c + 1];
        if (r > 0 && c > 0) d += x[(r - 1) * size + c - 1];
        if (r > 0 && c < size - 1) d += x[(r - 1) * size + c + 1];
        if (r < size - 1 && c > 0) d += x[(r + 1) * size + c - 1];
        if (r < size - 1 && c < size - 1) d += x[(r + 1) * size + c + 1];
        n4[r * size + c] = e;
        d4[r * size + c] = d;
      }
    // Normal equations for [a, b, d, e], fitted to the observations (not to the previous pass),
    // globally and per 32×32-module tile: blur and contrast vary across a tilted photo.
    const tiles = Math.max(1, Math.round(size / EQUALISER_TILE));
    const tileOf = (r: number, c: number) => Math.min(tiles - 1, Math.floor((r * tiles) / size)) * tiles + Math.min(tiles - 1, Math.floor((c * tiles) / size));
    const m = new Float64Array(16 * (tiles * tiles + 1));
    const v = new Float64Array(4 * (tiles * tiles + 1));
    const global = tiles * tiles;
    const f = new Float64Array(4);
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) {
        const i = r * size + c;
        f[0] = x[i];
        f[1] = n4[i];
        f[2] = d4[i];
        f[3] = 1;
        for (const t of [tileOf(r, c), global])
          for (let p = 0; p < 4; p++) {
            v[4 * t + p] += f[p] * soft[i];
            for (let q = 0; q < 4; q++) m[16 * t + p * 4 + q] += f[p] * f[q];
          }
      }
    const globalCoef = solveNormalEquations(m.subarray(16 * global), v.subarray(4 * global));
    if (!globalCoef || globalCoef[0] <= 0.05) return current;
    const coefs = Array.from({ length: tiles * tiles }, (_, t) => {
      const local = solveNormalEquations(m.subarray(16 * t), v.subarray(4 * t));
      return local && local[0] > 0.05 ? local : globalCoef;
    });
    const next = new Float32Array(current.length);
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++) {
        const i = r * size + c;
        const k = coefs[tileOf(r, c)];
        next[i] = (soft[i] - k[1] * n4[i] - k[2] * d4[i] - k[3]) / k[0];
      }
    current = next;
  }
  return current;
}

/** The 4×4 normal equations m·k = v of the equaliser's fit (m row-major, first 16 values; v first 4); null when singular. */
function solveNormalEquations(m: Float64Array, v: Float64Array): number[] | null {
  return solveLinearSystem([0, 1, 2, 3].map((r) => m.subarray(4 * r, 4 * r + 4)), v.subarray(0, 4), 1e-9);
}

/**
 * Whitened data never has a 5×5 patch of one colour by chance (p ≈ 2⁻²⁴), but a blot, a fold, glare
 * or a torn corner does. Such modules get confidence 0, so they become erasures first.
 */
export function flagUniformPatches(soft: Float32Array, size: number): Float32Array {
  const sat = new Int32Array((size + 1) * (size + 1));
  for (let r = 0; r < size; r++) {
    let row = 0;
    for (let c = 0; c < size; c++) {
      row += soft[r * size + c] > 0 ? 1 : 0;
      sat[(r + 1) * (size + 1) + c + 1] = sat[r * (size + 1) + c + 1] + row;
    }
  }
  const out = soft.slice();
  const R = 2;
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      const r0 = Math.max(0, r - R);
      const r1 = Math.min(size, r + R + 1);
      const c0 = Math.max(0, c - R);
      const c1 = Math.min(size, c + R + 1);
      const dark = sat[r1 * (size + 1) + c1] - sat[r0 * (size + 1) + c1] - sat[r1 * (size + 1) + c0] + sat[r0 * (size + 1) + c0];
      if (dark === 0 || dark === (r1 - r0) * (c1 - c0)) out[r * size + c] = soft[r * size + c] > 0 ? 1e-3 : -1e-3;
    }
  return out;
}

/** Share of known function modules that the soft values get wrong (a blur/damage indicator). */
export function functionErrorRate(soft: Float32Array, layout: Layout): number {
  let wrong = 0;
  let total = 0;
  for (let i = 0; i < soft.length; i++) {
    if (layout.kind[i] !== ModuleKind.Function) continue;
    total++;
    if (soft[i] > 0 !== (layout.functionValue[i] === 1)) wrong++;
  }
  return total ? wrong / total : 0;
}

/** Soft bits (MSB first) → bytes, each with the confidence of its least certain bit. */
export function softToBytes(soft: ArrayLike<number>, count: number): { bytes: Uint8Array; confidence: Float32Array } {
  const bytes = new Uint8Array(count);
  const confidence = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let byte = 0;
    let min = Infinity;
    for (let b = 0; b < 8; b++) {
      const s = soft[8 * i + b];
      byte = (byte << 1) | (s > 0 ? 1 : 0);
      const a = Math.abs(s);
      if (a < min) min = a;
    }
    bytes[i] = byte;
    confidence[i] = min;
  }
  return { bytes, confidence };
}

/** Indices sorted by ascending confidence. */
export function rankLowest(confidence: ArrayLike<number>): number[] {
  return Array.from({ length: confidence.length }, (_, i) => i).sort((a, b) => confidence[a] - confidence[b]);
}
