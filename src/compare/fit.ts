/**
 * Least-squares homography from n ≥ 4 point pairs: the normalised DLT of Hartley & Zisserman,
 * "Multiple View Geometry" §4.4 (centroid at the origin, mean distance √2), with h₃₃ = 1 and the
 * 8 unknowns solved from the normal equations (src/vision/linear-solve.ts).
 */
import { solveLinearSystem } from '../vision/linear-solve.ts';
import type { Homography, Point } from '../vision/homography.ts';

/** Similarity that moves the points' centroid to the origin and their mean distance to √2, as a 3×3 row-major matrix. */
function normaliser(points: readonly Point[]): Float64Array {
  let cx = 0;
  let cy = 0;
  for (const p of points) {
    cx += p.x;
    cy += p.y;
  }
  cx /= points.length;
  cy /= points.length;
  let d = 0;
  for (const p of points) d += Math.hypot(p.x - cx, p.y - cy);
  const s = d > 0 ? (Math.SQRT2 * points.length) / d : 1;
  return Float64Array.of(s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1);
}

export function multiply(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(9);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) out[r * 3 + c] = a[r * 3] * b[c] + a[r * 3 + 1] * b[3 + c] + a[r * 3 + 2] * b[6 + c];
  return out;
}

export function invert3(m: ArrayLike<number>): Float64Array | null {
  const [a, b, c, d, e, f, g, h, i] = Array.from(m);
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-15) return null;
  return Float64Array.of(A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det);
}

/** H with H(src[i]) ≈ dst[i] in the least-squares sense; null when degenerate. */
export function fitHomography(src: readonly Point[], dst: readonly Point[]): Homography | null {
  if (src.length < 4 || src.length !== dst.length) return null;
  const ts = normaliser(src);
  const td = normaliser(dst);
  const ata = Array.from({ length: 8 }, () => new Float64Array(8));
  const atb = new Float64Array(8);
  const add = (row: number[], rhs: number) => {
    for (let i = 0; i < 8; i++) {
      atb[i] += row[i] * rhs;
      for (let j = 0; j < 8; j++) ata[i][j] += row[i] * row[j];
    }
  };
  for (let k = 0; k < src.length; k++) {
    const x = ts[0] * src[k].x + ts[2];
    const y = ts[4] * src[k].y + ts[5];
    const u = td[0] * dst[k].x + td[2];
    const v = td[4] * dst[k].y + td[5];
    add([x, y, 1, 0, 0, 0, -u * x, -u * y], u);
    add([0, 0, 0, x, y, 1, -v * x, -v * y], v);
  }
  const solution = solveLinearSystem(ata, atb);
  if (!solution) return null;
  const hn = Float64Array.of(...solution, 1);
  const tdInverse = invert3(td);
  if (!tdInverse) return null;
  const h = multiply(tdInverse, multiply(hn, ts));
  const scale = h[8];
  if (!Number.isFinite(scale) || scale === 0) return null;
  for (let i = 0; i < 9; i++) h[i] /= scale;
  return h.every(Number.isFinite) ? h : null;
}
