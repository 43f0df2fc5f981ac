/** Plane projective geometry: 4-point homography (Hartley & Zisserman, "Multiple View Geometry" §4.1). */
import { solveLinearSystem } from './linear-solve.ts';

export type Point = { x: number; y: number };
/** Row-major 3×3 matrix with h[8] = 1. */
export type Homography = Float64Array;

/** Solves the 8×8 DLT system for H mapping src[i] → dst[i]. Returns null when degenerate. */
export function homographyFrom4(src: readonly Point[], dst: readonly Point[]): Homography | null {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = src[i];
    const { x: u, y: v } = dst[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  const solution = solveLinearSystem(a, b);
  if (!solution) return null;
  const h = new Float64Array(9);
  h.set(solution);
  h[8] = 1;
  if (!h.every(Number.isFinite)) return null;
  return h;
}

export function applyHomography(h: Homography, x: number, y: number): Point {
  const w = h[6] * x + h[7] * y + h[8];
  return { x: (h[0] * x + h[1] * y + h[2]) / w, y: (h[3] * x + h[4] * y + h[5]) / w };
}

/** Jacobian of H at (x, y): [dX/dx, dX/dy, dY/dx, dY/dy]. */
export function homographyJacobian(h: Homography, x: number, y: number): [number, number, number, number] {
  const w = h[6] * x + h[7] * y + h[8];
  const X = (h[0] * x + h[1] * y + h[2]) / w;
  const Y = (h[3] * x + h[4] * y + h[5]) / w;
  return [(h[0] - X * h[6]) / w, (h[1] - X * h[7]) / w, (h[3] - Y * h[6]) / w, (h[4] - Y * h[7]) / w];
}
