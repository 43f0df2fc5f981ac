/**
 * A smooth carrier-phase field for a line screen seen through a camera: perspective (tilt) and
 * lens distortion make the local period and angle drift across the image, so a single spectral
 * carrier exp(j2π(u₀x + v₀y)) falls out of the demodulator's pass band towards the edges.
 *
 * The phase of the screen in the image is a smooth function of (x, y): on the paper it is linear,
 * and a homography plus a radial distortion bend it slowly. We therefore model the extra phase
 * beyond the spectral carrier as a cubic polynomial P(x, y) and fit it to the measured local phase
 * gradient of w = z²/|z| (z: the demodulated screen). z² is blind to the hidden mark's π shift,
 * so the mark cannot pull the fit (research/anti-forgery.md §3.2). Fitting the gradient (not the
 * wrapped phase) needs no unwrapping, and weak pixels (paper, mark edges) weigh little.
 */
import { blurGrey } from '../patterns/copier.ts';
import { solveLinearSystem } from './linear-solve.ts';

/** Degree of the phase polynomial: a tilted, barrel-distorted screen bends more than a cubic at the corners. */
export const PHASE_DEGREE = 3;

/** The monomials xᵃyᵇ with 1 ≤ a + b ≤ PHASE_DEGREE (the constant is the reference phase's job). */
const TERMS: readonly (readonly [number, number])[] = Array.from({ length: PHASE_DEGREE }, (_, d) =>
  Array.from({ length: d + 2 }, (_, b) => [d + 1 - b, b] as const),
).flat();

/** A phase polynomial in normalised coordinates (x, y mapped to −1..1 across the image). */
export interface PhaseField {
  readonly coefficients: readonly number[];
  readonly width: number;
  readonly height: number;
}

export const ZERO_PHASE = (width: number, height: number): PhaseField => ({ coefficients: TERMS.map(() => 0), width, height });

/** Sample spacing of the gradient fit, in pixels: the field is smooth, so every 4th pixel is plenty. */
const FIT_STEP = 4;

/** The phase (radians) of `field` at pixel (x, y). */
export function phaseAt(field: PhaseField, x: number, y: number): number {
  const sx = 2 / field.width;
  const sy = 2 / field.height;
  const nx = x * sx - 1;
  const ny = y * sy - 1;
  let p = 0;
  for (let k = 0; k < TERMS.length; k++) p += field.coefficients[k] * nx ** TERMS[k][0] * ny ** TERMS[k][1];
  return p;
}

/** The field's phase at every pixel, row-major. */
export function phaseMap(field: PhaseField): Float64Array {
  const out = new Float64Array(field.width * field.height);
  for (let y = 0; y < field.height; y++) for (let x = 0; x < field.width; x++) out[y * field.width + x] = phaseAt(field, x, y);
  return out;
}

/**
 * The residual phase field left in z (its phase drifts by P(x, y) relative to the carrier it was
 * demodulated with), from the mark-blind w = z²/|z|: the local phase steps of w along x and y,
 * averaged over σ = `smoothing` px, are 2·∂P/∂x and 2·∂P/∂y; a weighted least-squares fit of the
 * polynomial's gradient to them gives P. Returns null when nothing carries a phase.
 */
export function fitResidualPhase(zr: Float64Array, zi: Float64Array, width: number, height: number, smoothing: number): PhaseField | null {
  const n = width * height;
  const wr = new Float64Array(n);
  const wi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.hypot(zr[i], zi[i]);
    if (a > 0) {
      wr[i] = (zr[i] * zr[i] - zi[i] * zi[i]) / a;
      wi[i] = (2 * zr[i] * zi[i]) / a;
    }
  }
  // w(x+1)·conj(w(x)) and w(y+1)·conj(w(y)): phasors of the local phase step.
  const xr = new Float64Array(n);
  const xi = new Float64Array(n);
  const yr = new Float64Array(n);
  const yi = new Float64Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (x + 1 < width) {
        xr[i] = wr[i + 1] * wr[i] + wi[i + 1] * wi[i];
        xi[i] = wi[i + 1] * wr[i] - wr[i + 1] * wi[i];
      }
      if (y + 1 < height) {
        yr[i] = wr[i + width] * wr[i] + wi[i + width] * wi[i];
        yi[i] = wi[i + width] * wr[i] - wr[i + width] * wi[i];
      }
    }
  }
  const [bxr, bxi, byr, byi] = [xr, xi, yr, yi].map((f) => blurGrey(f, width, height, smoothing));

  // Normal equations of Σ w·[(∂P/∂x − gx)² + (∂P/∂y − gy)²] over the coefficients, in normalised
  // coordinates (∂/∂x in pixels = (2/width)·∂/∂nx).
  const m = TERMS.length;
  const ata = Array.from({ length: m }, () => new Float64Array(m));
  const atb = new Float64Array(m);
  const dx = new Float64Array(m);
  const dy = new Float64Array(m);
  const sx = 2 / width;
  const sy = 2 / height;
  let total = 0;
  for (let y = FIT_STEP >> 1; y < height - 1; y += FIT_STEP) {
    for (let x = FIT_STEP >> 1; x < width - 1; x += FIT_STEP) {
      const i = y * width + x;
      const weightX = Math.hypot(bxr[i], bxi[i]);
      const weightY = Math.hypot(byr[i], byi[i]);
      if (weightX === 0 && weightY === 0) continue;
      total += weightX + weightY;
      const gx = Math.atan2(bxi[i], bxr[i]) / 2;
      const gy = Math.atan2(byi[i], byr[i]) / 2;
      const nx = x * sx - 1;
      const ny = y * sy - 1;
      for (let k = 0; k < m; k++) {
        const [a, b] = TERMS[k];
        dx[k] = a === 0 ? 0 : a * nx ** (a - 1) * ny ** b * sx;
        dy[k] = b === 0 ? 0 : b * nx ** a * ny ** (b - 1) * sy;
      }
      for (let r = 0; r < m; r++) {
        atb[r] += weightX * dx[r] * gx + weightY * dy[r] * gy;
        for (let c = 0; c < m; c++) ata[r][c] += weightX * dx[r] * dx[c] + weightY * dy[r] * dy[c];
      }
    }
  }
  if (total === 0) return null;
  const solution = solveLinearSystem(ata, atb, 1e-12 * total);
  return solution ? { coefficients: solution, width, height } : null;
}

/** The sum of two fields of the same image. */
export function addPhase(a: PhaseField, b: PhaseField): PhaseField {
  return { ...a, coefficients: a.coefficients.map((c, k) => c + b.coefficients[k]) };
}
