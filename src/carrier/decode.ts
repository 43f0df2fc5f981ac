/**
 * The carrier decoder: grey/RGBA image of any size → payload bytes + diagnostics.
 *
 * Pipeline: grey → adaptive binarisation → finder candidates (two window sizes, for small and
 * large symbols) → groups of four → for each plausible grid size and each of the eight
 * orientations, a homography from the finder centres and a header read (the header decides) →
 * local grid refinement: every alignment pattern is found by template matching, starting from
 * its neighbours' measured displacement → soft sampling → per-region black/white levels →
 * optional module-domain sharpening against blur → Reed–Solomon with erasures → un-whitening
 * → CRC-32. Every loop is bounded; bad input ends in a typed CarrierError.
 */
import { throwIfAborted } from '../bytes/errors.ts';
import {
  blockShapes,
  CRC_BYTES,
  FINDER_CENTRE,
  FINDER_SIZE,
  finderValue,
  cornerTagModules,
  CORNER_TAGS,
  GRID_SIZES,
  HEADER_BYTES,
  layoutFor,
  ModuleKind,
  MODULE_UNITS_PER_INCH,
  type HeaderFields,
  type Layout,
} from './format.ts';
import { decodeHeader } from './header.ts';
import { deinterleaveBlocks, interleaveBlocks, slotPermutation } from './interleave.ts';
import { rsDecode } from './reed-solomon.ts';
import { crc32, whiten, WHITENING_KEY_BYTES } from './whiten.ts';
import { toGrey, type Grey, type ImageInput } from './grey.ts';
import { binarize, findFinderCandidates, finderQuads, type FinderCandidate, type FinderQuad } from './finder.ts';
import { homographyFrom4, homographyJacobian, applyHomography, type Point } from './geometry.ts';
import { makeGridMap, makeTemplate, mapPoint, matchTemplate, sampleGrid, type GridMap } from './sample.ts';
import {
  CarrierBlurryError,
  CarrierDamagedError,
  CarrierFormatError,
  CarrierKeyError,
  CarrierNotFoundError,
  CarrierTooSmallError,
  CarrierWrongKeyError,
} from './errors.ts';

export interface DecodeProgress {
  readonly stage: 'grey' | 'finders' | 'header' | 'grid' | 'sample' | 'correct' | 'done';
  readonly fraction: number;
}

export interface DecodeOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DecodeProgress) => void;
}

export interface CarrierDiagnostics {
  readonly size: number;
  readonly ecLevel: number;
  readonly moduleMm: number;
  /** Image pixels per module at the symbol's centre. */
  readonly pixelsPerModule: number;
  /** Scan resolution implied by pixelsPerModule and the printed module size. */
  readonly estimatedDpi: number;
  /** Bit errors in the data modules before correction ÷ data bits. */
  readonly rawBitErrorRate: number;
  /** Bytes changed by Reed–Solomon over all blocks. */
  readonly correctedSymbols: number;
  /** Bytes declared erased (low confidence) before correction. */
  readonly erasures: number;
  /** 1 − the largest share of any block's correction budget used (1 = clean, 0 = at the limit). */
  readonly confidence: number;
  readonly rotation: 0 | 90 | 180 | 270;
  readonly mirrored: boolean;
  readonly findersSeen: number;
  /** Alignment patterns found by template matching ÷ alignment patterns in the layout. */
  readonly alignmentFound: number;
  /** Index into SOFT_VARIANTS of the soft values that decoded (0 = plain sampling; beyond the
   *  list: rounds of iterative decoding). */
  readonly sharpening: number;
  readonly headerCorrected: number;
}

export interface DecodeResult {
  readonly payload: Uint8Array;
  readonly diagnostics: CarrierDiagnostics;
}

/** Below this many pixels per module the decoder does not try (the sampling theorem says no). */
export const MIN_PIXELS_PER_MODULE = 1.2;

/**
 * Lets the event loop run (so an abort can arrive) between stages. A MessageChannel task, not
 * setTimeout, which browsers clamp to ≥ 4 ms when nested.
 */
function yieldToLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Finder centres in module coordinates, in the format's corner order TL, TR, BR, BL. */
function finderCentres(size: number): Point[] {
  const a = FINDER_CENTRE + 0.5;
  const b = size - a;
  return [
    { x: a, y: a },
    { x: b, y: a },
    { x: b, y: b },
    { x: a, y: b },
  ];
}

/**
 * One of the 8 symmetries of the square grid: `index(r, c)` gives the module of the canonically
 * sampled grid that holds the symbol's module (r, c). Rotation by quarter turns (k) after an
 * optional transpose (mirror).
 */
interface GridSymmetry {
  readonly k: number;
  readonly mirror: boolean;
}

const SYMMETRIES: readonly GridSymmetry[] = [0, 1, 2, 3].flatMap((k) => [false, true].map((mirror) => ({ k, mirror })));

function symmetryIndex(t: GridSymmetry, size: number, r: number, c: number): number {
  if (t.mirror) [r, c] = [c, r];
  for (let i = 0; i < t.k; i++) [r, c] = [c, size - 1 - r];
  return r * size + c;
}

function transformGrid(values: Float32Array, size: number, t: GridSymmetry): Float32Array {
  if (t.k === 0 && !t.mirror) return values;
  const out = new Float32Array(values.length);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) out[r * size + c] = values[symmetryIndex(t, size, r, c)];
  return out;
}

/** Rotation and mirroring of the symbol in the image, from where its TL, TR and BR finders landed. */
function orientationOf(map: GridMap, size: number, t: GridSymmetry): { rotation: 0 | 90 | 180 | 270; mirrored: boolean } {
  const image = finderCentres(size).map((p) => {
    const index = symmetryIndex(t, size, Math.floor(p.y), Math.floor(p.x));
    return mapPoint(map, (index % size) + 0.5, Math.floor(index / size) + 0.5);
  });
  const angle = Math.atan2(image[1].y - image[0].y, image[1].x - image[0].x);
  const quarter = ((Math.round(angle / (Math.PI / 2)) % 4) + 4) % 4;
  // In image coordinates (y down) an unmirrored symbol runs TL → TR → BR clockwise: positive cross.
  const cross = (image[1].x - image[0].x) * (image[2].y - image[1].y) - (image[1].y - image[0].y) * (image[2].x - image[1].x);
  return { rotation: ([0, 90, 180, 270] as const)[quarter], mirrored: cross < 0 };
}

function softToBytes(soft: ArrayLike<number>, count: number): { bytes: Uint8Array; confidence: Float32Array } {
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
function rankLowest(confidence: ArrayLike<number>): number[] {
  return Array.from({ length: confidence.length }, (_, i) => i).sort((a, b) => confidence[a] - confidence[b]);
}

/** Agreement of the soft grid with the corner tags (which tell the corners apart). */
function tagScore(soft: Float32Array, layout: Layout): number {
  let score = 0;
  cornerTagModules(layout.size).forEach((slots, corner) =>
    slots.forEach((modules, slot) => {
      const sign = slot < CORNER_TAGS[corner] ? 1 : -1;
      for (const m of modules) score += sign * soft[m];
    }),
  );
  return score;
}

type HeaderAttempt = { readonly fields: HeaderFields; readonly corrected: number } | { readonly otherVersion: HeaderFields } | null;

/** Reads the header from a soft grid in the symbol's own orientation (both copies, then each). */
function readHeader(soft: Float32Array, layout: Layout): HeaderAttempt {
  const copies = layout.header.map((copy) => Float32Array.from(copy, (m) => soft[m]));
  const both = copies[0].map((v, i) => v + copies[1][i]);
  for (const s of [both, copies[0], copies[1]]) {
    const { bytes, confidence } = softToBytes(s, HEADER_BYTES);
    const order = rankLowest(confidence);
    // At most 4 erasures, so at least 2 parity bytes still check the result.
    for (const f of [0, 2, 4]) {
      const r = decodeHeader(bytes, order.slice(0, f));
      if (r.ok) return { fields: r.fields, corrected: r.corrected };
      // Only a cleanly read header with another version is evidence of another format.
      if (r.reason === 'version' && f === 0 && r.corrected === 0 && r.fields) return { otherVersion: r.fields };
    }
  }
  return null;
}

interface Hypothesis {
  readonly layout: Layout;
  readonly map: GridMap;
  readonly values: Float32Array;
  readonly symmetry: GridSymmetry;
  readonly header: HeaderFields;
  readonly headerCorrected: number;
  readonly alignmentFound: number;
  readonly functionErrors: number;
}

interface QuadOutcome {
  readonly hypothesis: Hypothesis | null;
  readonly otherVersion: HeaderFields | null;
  readonly functionErrors: number;
}

/**
 * For each grid size near the estimate: homography from the finder centres, grid refinement,
 * sampling, then the header is read in each of the 8 orientations (best corner-tag agreement first).
 * The grid is sampled once per size: the other orientations are symmetries of the same samples.
 */
function tryQuad(grey: Grey, quad: FinderQuad): QuadOutcome {
  const sizes = [...GRID_SIZES]
    .filter((n) => Math.abs(n - quad.sizeEstimate) <= Math.max(6, 0.12 * quad.sizeEstimate))
    .sort((a, b) => Math.abs(a - quad.sizeEstimate) - Math.abs(b - quad.sizeEstimate))
    .slice(0, 3);
  let otherVersion: HeaderFields | null = null;
  let functionErrors = 1;
  for (const size of sizes) {
    const layout = layoutFor(size);
    const h = homographyFrom4(finderCentres(size), quad.corners);
    if (!h) continue;
    const map = makeGridMap(h, layout.lattice);
    const alignmentFound = refineGrid(grey, map, layout, quad.corners.map((c) => (c.synthetic ? 3 : 0.75)));
    const values = sampleGrid(grey, map, size);
    for (const variant of SOFT_VARIANTS) {
      const canonical = softVariant(values, size, variant);
      const ranked = SYMMETRIES.map((t) => ({ t, soft: transformGrid(canonical, size, t) }))
        .map((x) => ({ ...x, score: tagScore(x.soft, layout) }))
        .sort((a, b) => b.score - a.score);
      functionErrors = Math.min(functionErrors, functionErrorRate(ranked[0].soft, layout));
      for (const { t, soft } of ranked) {
        const reading = readHeader(soft, layout);
        if (!reading) continue;
        if ('otherVersion' in reading) {
          otherVersion = reading.otherVersion;
          continue;
        }
        if (GRID_SIZES[reading.fields.sizeIndex] !== size) continue;
        return {
          hypothesis: {
            layout,
            map,
            values,
            symmetry: t,
            header: reading.fields,
            headerCorrected: reading.corrected,
            alignmentFound,
            functionErrors: functionErrorRate(soft, layout),
          },
          otherVersion,
          functionErrors,
        };
      }
    }
  }
  return { hypothesis: null, otherVersion, functionErrors };
}

/** Measures the displacement field at every lattice point, breadth-first from the finders. */
function refineGrid(grey: Grey, map: GridMap, layout: Layout, cornerRanges: readonly number[] = [0.75, 0.75, 0.75, 0.75]): number {
  const L = map.lattice.length;
  const n = layout.size;
  const known = new Uint8Array(L * L);
  const found = new Uint8Array(L * L);
  const alignTemplate = makeTemplate([1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1], 5);
  const corners = [
    [0, 0],
    [0, L - 1],
    [L - 1, L - 1],
    [L - 1, 0],
  ];
  // Finder template: the finder plus a one-module white ring (separator or quiet zone on every
  // side).
  const finderValues: number[] = [];
  for (let r = -1; r <= FINDER_SIZE; r++)
    for (let c = -1; c <= FINDER_SIZE; c++) {
      const inside = r >= 0 && c >= 0 && r < FINDER_SIZE && c < FINDER_SIZE;
      finderValues.push(inside ? finderValue(r, c) : 0);
    }
  const finderTemplate = makeTemplate(finderValues, FINDER_SIZE + 2);
  let alignments = 0;
  let alignmentsFound = 0;
  const queue: number[] = [];
  corners.forEach(([i, j]) => {
    queue.push(i * L + j);
    known[i * L + j] = 1;
  });
  for (let head = 0; head < queue.length; head++) {
    const k = queue[head];
    const i = Math.floor(k / L);
    const j = k % L;
    // Prediction: mean displacement of the already measured 8-neighbours.
    let dx = 0;
    let dy = 0;
    let count = 0;
    for (let a = -1; a <= 1; a++)
      for (let b = -1; b <= 1; b++) {
        const ii = i + a;
        const jj = j + b;
        if ((a || b) && ii >= 0 && jj >= 0 && ii < L && jj < L && found[ii * L + jj]) {
          dx += map.disp[2 * (ii * L + jj)];
          dy += map.disp[2 * (ii * L + jj) + 1];
          count++;
        }
      }
    if (count) {
      dx /= count;
      dy /= count;
    }
    const x = map.lattice[j];
    const y = map.lattice[i];
    const base = applyHomography(map.h, x, y);
    const jac = homographyJacobian(map.h, x, y);
    const cornerIndex = corners.findIndex(([ci, cj]) => ci === i && cj === j);
    const template = cornerIndex >= 0 ? finderTemplate : alignTemplate;
    const range = cornerIndex >= 0 ? cornerRanges[cornerIndex] : 1.25;
    const predicted = { x: base.x + dx, y: base.y + dy };
    const m = matchTemplate(grey, template, predicted, jac, range);
    if (cornerIndex < 0) alignments++;
    const accepted = m.score > 0.35;
    if (accepted) {
      map.disp[2 * k] = dx + jac[0] * m.offset.x + jac[1] * m.offset.y;
      map.disp[2 * k + 1] = dy + jac[2] * m.offset.x + jac[3] * m.offset.y;
      found[k] = 1;
      if (cornerIndex < 0) alignmentsFound++;
    } else {
      map.disp[2 * k] = dx;
      map.disp[2 * k + 1] = dy;
    }
    for (const [a, b] of [
      [0, 1],
      [1, 0],
      [0, -1],
      [-1, 0],
    ]) {
      const ii = i + a;
      const jj = j + b;
      if (ii >= 0 && jj >= 0 && ii < L && jj < L && !known[ii * L + jj]) {
        known[ii * L + jj] = 1;
        queue.push(ii * L + jj);
      }
    }
  }
  return alignments ? alignmentsFound / alignments : 1;
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
    const globalCoef = solve4(m.subarray(16 * global), v.subarray(4 * global));
    if (!globalCoef || globalCoef[0] <= 0.05) return current;
    const coefs = Array.from({ length: tiles * tiles }, (_, t) => {
      const local = solve4(m.subarray(16 * t), v.subarray(4 * t));
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

function solve4(m: Float64Array, v: Float64Array): number[] | null {
  const a = [0, 1, 2, 3].map((r) => [m[r * 4], m[r * 4 + 1], m[r * 4 + 2], m[r * 4 + 3], v[r]]);
  for (let col = 0; col < 4; col++) {
    let pivot = col;
    for (let r = col + 1; r < 4; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) < 1e-9) return null;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < 4; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      for (let k = col; k < 5; k++) a[r][k] -= f * a[col][k];
    }
  }
  return a.map((row, i) => row[4] / row[i]);
}

interface CorrectionOutcome {
  readonly whitened: Uint8Array;
  readonly corrected: number;
  readonly erasures: number;
  readonly rawBitErrors: number;
  readonly dataBits: number;
  readonly worstUse: number;
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

interface BlockPass {
  /** Corrected codeword per block, or null where the block did not decode. */
  readonly fixed: Array<Uint8Array | null>;
  /** Hard decisions in stream order (before correction). */
  readonly stream: Uint8Array;
  readonly corrected: number;
  readonly erasures: number;
  readonly worstUse: number;
}

/** Reed–Solomon over every block not already decoded in `previous`; errors first, then erasures. */
function decodeBlocks(rawSoft: Float32Array, layout: Layout, ecLevel: number, previous?: BlockPass): BlockPass {
  const soft = flagUniformPatches(rawSoft, layout.size);
  const slotSoft = new Float32Array(layout.slotCount * 8);
  for (let i = 0; i < slotSoft.length; i++) slotSoft[i] = soft[layout.slots[i]];
  const { bytes: slotBytes, confidence: slotConfidence } = softToBytes(slotSoft, layout.slotCount);
  const perm = slotPermutation(layout.slotCount);
  const stream = new Uint8Array(layout.slotCount);
  const streamConfidence = new Float32Array(layout.slotCount);
  for (let t = 0; t < stream.length; t++) {
    stream[t] = slotBytes[perm[t]];
    streamConfidence[t] = slotConfidence[perm[t]];
  }
  const shapes = blockShapes(layout.slotCount, ecLevel);
  const blocks = deinterleaveBlocks(stream, shapes, (n) => new Uint8Array(n));
  const confidences = deinterleaveBlocks(streamConfidence, shapes, (n) => new Float32Array(n));
  const fixed: Array<Uint8Array | null> = [];
  let corrected = previous?.corrected ?? 0;
  let erasures = previous?.erasures ?? 0;
  let worstUse = previous?.worstUse ?? 0;
  for (let b = 0; b < blocks.length; b++) {
    const done = previous?.fixed[b];
    if (done) {
      fixed.push(done);
      continue;
    }
    const p = shapes[b].parity;
    const order = rankLowest(confidences[b]);
    let result = rsDecode(blocks[b], p);
    let used = 0;
    if (result) used = (2 * result.corrected) / p;
    else {
      // Keep a quarter of the parity unerased: with less left to check the result, miscorrections
      // (a valid but wrong codeword) become likely.
      for (const f of [p >> 2, p >> 1, (3 * p) >> 2]) {
        if (f <= 0) continue;
        const erased = order.slice(0, f);
        result = rsDecode(blocks[b], p, erased);
        if (result) {
          erasures += f;
          // Errors outside the erased set count twice.
          const erasedSet = new Set(erased);
          let errorsOutside = 0;
          for (let j = 0; j < blocks[b].length; j++) if (!erasedSet.has(j) && result.codeword[j] !== blocks[b][j]) errorsOutside++;
          used = (f + 2 * errorsOutside) / p;
          break;
        }
      }
    }
    if (result) {
      corrected += result.corrected;
      worstUse = Math.max(worstUse, used);
    }
    fixed.push(result ? result.codeword : null);
  }
  return { fixed, stream: previous?.stream ?? stream, corrected, erasures, worstUse };
}

/**
 * Module values made certain by blocks that decoded (±1, 0 = unknown), plus the function
 * patterns. Fed back into the equaliser, they sharpen the decisions for the blocks that did not.
 */
function knownModules(pass: BlockPass, layout: Layout, ecLevel: number): Int8Array {
  const n = layout.size;
  const known = new Int8Array(n * n);
  for (let i = 0; i < known.length; i++) if (layout.kind[i] === ModuleKind.Function) known[i] = layout.functionValue[i] ? 1 : -1;
  const shapes = blockShapes(layout.slotCount, ecLevel);
  const positions = deinterleaveBlocks(Float32Array.from({ length: layout.slotCount }, (_, t) => t), shapes, (k) => new Float32Array(k));
  const perm = slotPermutation(layout.slotCount);
  pass.fixed.forEach((codeword, b) => {
    if (!codeword) return;
    for (let j = 0; j < codeword.length; j++) {
      const slot = perm[positions[b][j]];
      for (let bit = 0; bit < 8; bit++) known[layout.slots[slot * 8 + bit]] = (codeword[j] >> (7 - bit)) & 1 ? 1 : -1;
    }
  });
  return known;
}

function finish(pass: BlockPass, layout: Layout, ecLevel: number): CorrectionOutcome | null {
  if (pass.fixed.some((f) => f === null)) return null;
  const fixed = pass.fixed as Uint8Array[];
  const shapes = blockShapes(layout.slotCount, ecLevel);
  // Raw bit errors: compare the hard decisions with the corrected stream.
  const good = interleaveBlocks(fixed);
  let rawBitErrors = 0;
  for (let t = 0; t < good.length; t++) {
    let x = good[t] ^ pass.stream[t];
    while (x) {
      rawBitErrors += x & 1;
      x >>= 1;
    }
  }
  const whitened = new Uint8Array(shapes.reduce((s, sh) => s + sh.n - sh.parity, 0));
  let offset = 0;
  for (let b = 0; b < fixed.length; b++) {
    const k = shapes[b].n - shapes[b].parity;
    whitened.set(fixed[b].subarray(0, k), offset);
    offset += k;
  }
  return { whitened, corrected: pass.corrected, erasures: pass.erasures, rawBitErrors, dataBits: good.length * 8, worstUse: pass.worstUse };
}

/** Share of known function modules that the soft values get wrong (a blur/damage indicator). */
function functionErrorRate(soft: Float32Array, layout: Layout): number {
  let wrong = 0;
  let total = 0;
  for (let i = 0; i < soft.length; i++) {
    if (layout.kind[i] !== ModuleKind.Function) continue;
    total++;
    if (soft[i] > 0 !== (layout.functionValue[i] === 1)) wrong++;
  }
  return total ? wrong / total : 0;
}

/** Sharpening strengths tried in order until the Reed–Solomon blocks all decode. */
/**
 * Soft-value variants tried in order until the data decodes: plain, decision-feedback equalised,
 * then module-domain sharpening (β) followed by equalisation. `sharpening` in the diagnostics
 * reports the index of the variant that worked.
 */
export const SOFT_VARIANTS: ReadonlyArray<{ readonly beta: number; readonly equalise: boolean }> = [
  { beta: 0, equalise: false },
  { beta: 0, equalise: true },
  { beta: 0.6, equalise: true },
  { beta: 1.2, equalise: true },
];

function softVariant(values: Float32Array, size: number, variant: { beta: number; equalise: boolean }): Float32Array {
  const soft = normalise(sharpen(values, size, variant.beta), size);
  return variant.equalise ? equalise(soft, size) : soft;
}
/** Side, in modules, of the regions the equaliser fits separately. */
export const EQUALISER_TILE = 32;
/** Rounds of iterative decoding with the blocks already corrected. */
export const FEEDBACK_ROUNDS = 3;
/** Finder quads tried before giving up (bounds the time spent on cluttered images). */
export const MAX_QUAD_ATTEMPTS = 6;
/** Share of function modules misread above which a failure is blamed on blur. */
export const BLURRY_FUNCTION_ERRORS = 0.12;

export async function decodeCarrier(image: ImageInput, key: Uint8Array, options: DecodeOptions = {}): Promise<DecodeResult> {
  const { signal, onProgress } = options;
  if (!(key instanceof Uint8Array) || key.length !== WHITENING_KEY_BYTES) throw new CarrierKeyError();
  throwIfAborted(signal);
  onProgress?.({ stage: 'grey', fraction: 0 });
  const grey = toGrey(image);
  await yieldToLoop();
  throwIfAborted(signal);

  onProgress?.({ stage: 'finders', fraction: 0.1 });
  const minSide = Math.min(grey.width, grey.height);
  let seen = 0;
  let hypothesis: Hypothesis | null = null;
  // Module pitch of the best-scoring finder group: the one a failure is explained by.
  let bestModule = Infinity;
  let fewestFunctionErrors = 1;
  let otherVersion: HeaderFields | null = null;
  const tried: FinderCandidate[] = [];
  let attempts = 0;
  // Two binarisation windows: one for a symbol that is small in the image, one for a close-up.
  for (const window of [Math.max(24, Math.round(minSide / 10)), Math.max(24, Math.round(minSide / 3))]) {
    const bin = binarize(grey, window);
    const candidates = findFinderCandidates(bin, grey.width, grey.height, minSide / FINDER_SIZE);
    await yieldToLoop();
    throwIfAborted(signal);
    seen = Math.max(seen, candidates.filter((c) => c.hits >= 2).length);
    const quads = finderQuads(candidates, GRID_SIZES[0], GRID_SIZES[GRID_SIZES.length - 1]);
    onProgress?.({ stage: 'header', fraction: 0.3 });
    for (const quad of quads) {
      if (attempts >= MAX_QUAD_ATTEMPTS) break;
      // Skip a quad already tried at the other window size.
      if (quad.corners.every((c) => tried.some((t) => Math.hypot(t.x - c.x, t.y - c.y) < 2 * c.module))) continue;
      tried.push(...quad.corners);
      attempts++;
      if (bestModule === Infinity) bestModule = quad.module;
      if (quad.module < MIN_PIXELS_PER_MODULE) continue;
      const outcome = tryQuad(grey, quad);
      fewestFunctionErrors = Math.min(fewestFunctionErrors, outcome.functionErrors);
      if (outcome.otherVersion) otherVersion = outcome.otherVersion;
      await yieldToLoop();
      throwIfAborted(signal);
      if (outcome.hypothesis) {
        hypothesis = outcome.hypothesis;
        break;
      }
    }
    if (hypothesis) break;
  }
  if (!hypothesis) {
    if (otherVersion) throw new CarrierFormatError(`version ${otherVersion.version}`);
    if (bestModule === Infinity) throw new CarrierNotFoundError(seen);
    if (bestModule < 1.6) throw new CarrierTooSmallError(bestModule);
    if (fewestFunctionErrors > BLURRY_FUNCTION_ERRORS) throw new CarrierBlurryError();
    throw new CarrierDamagedError('format header');
  }

  const { layout, map, header, values, symmetry } = hypothesis;
  onProgress?.({ stage: 'correct', fraction: 0.8 });
  let outcome: CorrectionOutcome | null = null;
  let payload: Uint8Array | null = null;
  let sharpening = 0;
  let checksumFailed = false;
  // Un-whitens and checks the CRC. A wrong key turns the zero padding into noise (→ throw); a rare
  // Reed–Solomon miscorrection leaves it mostly zero (→ keep trying other soft values).
  const accept = (candidate: CorrectionOutcome | null): boolean => {
    if (!candidate) return false;
    const message = whiten(candidate.whitened, key);
    const length = header.payloadLength;
    if (length + CRC_BYTES > message.length) throw new CarrierDamagedError('length');
    const body = message.slice(0, length);
    const crc = ((message[length] << 24) | (message[length + 1] << 16) | (message[length + 2] << 8) | message[length + 3]) >>> 0;
    if (crc === crc32(body)) {
      outcome = candidate;
      payload = body;
      return true;
    }
    const padding = message.subarray(length + CRC_BYTES);
    const zeros = padding.reduce((sum, v) => sum + (v === 0 ? 1 : 0), 0);
    if (padding.length < 8 || zeros < padding.length / 2) throw new CarrierWrongKeyError();
    checksumFailed = true;
    return false;
  };
  let best: { pass: BlockPass; base: Float32Array; good: number } | null = null;
  for (let v = 0; v < SOFT_VARIANTS.length && !payload; v++) {
    const { beta, equalise: eq } = SOFT_VARIANTS[v];
    const base = transformGrid(normalise(sharpen(values, layout.size, beta), layout.size), layout.size, symmetry);
    const pass = decodeBlocks(eq ? equalise(base, layout.size) : base, layout, header.ecLevel);
    sharpening = v;
    if (accept(finish(pass, layout, header.ecLevel))) break;
    const good = pass.fixed.filter((f) => f !== null).length;
    if (!best || good > best.good) best = { pass, base, good };
    await yieldToLoop();
    throwIfAborted(signal);
  }
  // Iterative decoding: blocks that decoded pin their modules, the equaliser uses them as exact
  // decisions for their neighbours, and the remaining blocks are tried again.
  for (let round = 0; round < FEEDBACK_ROUNDS && !payload && best && best.good > 0 && best.good < best.pass.fixed.length; round++) {
    const known = knownModules(best.pass, layout, header.ecLevel);
    const pass = decodeBlocks(equalise(best.base, layout.size, 2, known), layout, header.ecLevel, best.pass);
    const good = pass.fixed.filter((f) => f !== null).length;
    sharpening = SOFT_VARIANTS.length + round;
    if (accept(finish(pass, layout, header.ecLevel))) break;
    if (good <= best.good) break;
    best = { pass, base: best.base, good };
  }
  const centre = homographyJacobian(map.h, layout.size / 2, layout.size / 2);
  const ppm = Math.sqrt(Math.abs(centre[0] * centre[3] - centre[1] * centre[2]));
  if (!outcome || !payload) {
    if (checksumFailed) throw new CarrierDamagedError('checksum');
    if (ppm < 1.6) throw new CarrierTooSmallError(ppm);
    if (hypothesis.functionErrors > BLURRY_FUNCTION_ERRORS) throw new CarrierBlurryError();
    throw new CarrierDamagedError('data');
  }
  const result: CorrectionOutcome = outcome;
  const { rotation, mirrored } = orientationOf(map, layout.size, symmetry);
  const moduleMm = (header.moduleUnits * 25.4) / MODULE_UNITS_PER_INCH;
  onProgress?.({ stage: 'done', fraction: 1 });
  return {
    payload,
    diagnostics: {
      size: layout.size,
      ecLevel: header.ecLevel,
      moduleMm,
      pixelsPerModule: ppm,
      estimatedDpi: (ppm * MODULE_UNITS_PER_INCH) / header.moduleUnits,
      rawBitErrorRate: result.rawBitErrors / result.dataBits,
      correctedSymbols: result.corrected,
      erasures: result.erasures,
      confidence: Math.max(0, 1 - result.worstUse),
      rotation,
      mirrored,
      findersSeen: seen,
      alignmentFound: hypothesis.alignmentFound,
      sharpening,
      headerCorrected: hypothesis.headerCorrected,
    },
  };
}
