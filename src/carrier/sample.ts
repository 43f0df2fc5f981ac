/**
 * Sampling: the module-grid → image map (a global homography from the four finders plus a
 * displacement field measured at the alignment lattice, see refine.ts) and per-module soft
 * samples. `sampleGridReference` is the slow, obviously-correct version the tests compare
 * `sampleGrid` with.
 */
import type { GreyImage } from '../vision/grey.ts';
import { applyHomography, homographyJacobian, type Homography, type Point } from '../vision/homography.ts';
import { bilinear, bilinearAtIndex } from '../vision/template-match.ts';

export interface GridMap {
  readonly h: Homography;
  /** Lattice centres in module coordinates (index + 0.5), same for rows and columns. */
  readonly lattice: Float64Array;
  /** Displacement (image px) at lattice point (i, j): [2·(i·L + j)] = dx, [+1] = dy. */
  readonly disp: Float64Array;
}

export function makeGridMap(h: Homography, latticeIndices: readonly number[]): GridMap {
  const lattice = Float64Array.from(latticeIndices, (c) => c + 0.5);
  return { h, lattice, disp: new Float64Array(lattice.length * lattice.length * 2) };
}

function cellOf(lattice: Float64Array, v: number): [number, number] {
  const m = lattice.length - 1;
  let j = 0;
  while (j < m - 1 && v >= lattice[j + 1]) j++;
  return [j, (v - lattice[j]) / (lattice[j + 1] - lattice[j])];
}

/** Module coordinates (x = column, y = row, continuous) → image coordinates. */
export function mapPoint(map: GridMap, x: number, y: number): Point {
  const p = applyHomography(map.h, x, y);
  const L = map.lattice.length;
  if (L < 2) return p;
  const [j, u] = cellOf(map.lattice, x);
  const [i, t] = cellOf(map.lattice, y);
  const d = map.disp;
  const k00 = 2 * (i * L + j);
  const k01 = k00 + 2;
  const k10 = k00 + 2 * L;
  const k11 = k10 + 2;
  const w00 = (1 - u) * (1 - t);
  const w01 = u * (1 - t);
  const w10 = (1 - u) * t;
  const w11 = u * t;
  return {
    x: p.x + w00 * d[k00] + w01 * d[k01] + w10 * d[k10] + w11 * d[k11],
    y: p.y + w00 * d[k00 + 1] + w01 * d[k01 + 1] + w10 * d[k10 + 1] + w11 * d[k11 + 1],
  };
}

/** Taps of the module sampler: centre (weight ½) and four points at ±TAP_OFFSET module (⅛ each). */
const TAP_OFFSET = 0.12;

/** Slow reference: every tap mapped through mapPoint and read with bilinear(). */
export function sampleGridReference(grey: GreyImage, map: GridMap, size: number): Float32Array {
  const out = new Float32Array(size * size);
  const taps: Array<[number, number, number]> = [
    [0, 0, 0.5],
    [-TAP_OFFSET, 0, 0.125],
    [TAP_OFFSET, 0, 0.125],
    [0, -TAP_OFFSET, 0.125],
    [0, TAP_OFFSET, 0.125],
  ];
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      let acc = 0;
      for (const [dx, dy, w] of taps) {
        const p = mapPoint(map, c + 0.5 + dx, r + 0.5 + dy);
        acc += w * bilinear(grey, p.x, p.y);
      }
      out[r * size + c] = acc;
    }
  }
  return out;
}

/**
 * Fast sampler: maps only the module centre; the taps are placed with the homography's local
 * Jacobian (the displacement field is smooth, its gradient over ±0.22 module is negligible), and
 * the taps are read with the fast bilinearAtIndex.
 */
export function sampleGrid(grey: GreyImage, map: GridMap, size: number): Float32Array {
  const out = new Float32Array(size * size);
  const read = (x: number, y: number): number => bilinearAtIndex(grey, x - 0.5, y - 0.5);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const x = c + 0.5;
      const y = r + 0.5;
      const p = mapPoint(map, x, y);
      const [a, b, cc, d] = homographyJacobian(map.h, x, y);
      const ux = a * TAP_OFFSET;
      const uy = cc * TAP_OFFSET;
      const vx = b * TAP_OFFSET;
      const vy = d * TAP_OFFSET;
      out[r * size + c] =
        0.5 * read(p.x, p.y) + 0.125 * (read(p.x - ux, p.y - uy) + read(p.x + ux, p.y + uy) + read(p.x - vx, p.y - vy) + read(p.x + vx, p.y + vy));
    }
  }
  return out;
}
