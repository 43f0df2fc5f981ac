/**
 * A smooth surface through scattered samples: the bivariate polynomial of total degree ≤ 3 (ten
 * terms) fitted by least squares, with outliers dropped twice. It is what a homography leaves of a
 * photo's lens distortion (field.ts): radial barrel distortion r·(1 + k·r²) about the image centre
 * is a cubic in the image's coordinates (Brown, "Decentering distortion of lenses", 1966), and
 * through the perspective onto the rendering it stays close to one — so the field's blocks can be
 * searched around it, and blocks with no text (the page margins, where the distortion is largest)
 * filled from it rather than by repeating their neighbours.
 */
import { solveLinearSystem } from '../vision/linear-solve.ts';

export interface SurfaceSample {
  readonly x: number;
  readonly y: number;
  readonly value: number;
}

/** The fitted surface, in the samples' coordinates; `at` holds it constant beyond the samples' bounding box and clamps it to ±`limit`. */
export interface Surface {
  readonly at: (x: number, y: number) => number;
}

/** Fewer samples than this (per coefficient) and a lower degree is fitted. */
const SAMPLES_PER_TERM = 3;
/** A sample further than this many robust standard deviations (1.4826 · MAD) from the fit is dropped. */
const OUTLIER_SIGMAS = 3;

/** Monomials x^i·y^j with i + j ≤ degree, of coordinates normalised to about [−1, 1]. */
function monomials(degree: number): [number, number][] {
  const out: [number, number][] = [];
  for (let total = 0; total <= degree; total++) for (let i = total; i >= 0; i--) out.push([i, total - i]);
  return out;
}

function solve(samples: readonly SurfaceSample[], terms: [number, number][], nx: (x: number) => number, ny: (y: number) => number): number[] | null {
  const n = terms.length;
  const ata = Array.from({ length: n }, () => new Float64Array(n));
  const atb = new Float64Array(n);
  const row = new Float64Array(n);
  for (const s of samples) {
    const x = nx(s.x);
    const y = ny(s.y);
    for (let t = 0; t < n; t++) row[t] = x ** terms[t][0] * y ** terms[t][1];
    for (let i = 0; i < n; i++) {
      atb[i] += row[i] * s.value;
      for (let j = 0; j < n; j++) ata[i][j] += row[i] * row[j];
    }
  }
  return solveLinearSystem(ata, atb, 1e-9);
}

/**
 * The polynomial surface of degree ≤ 3 through `samples` over a `width` × `height` domain (the
 * degree lowered to 1 or 0 when there are too few samples for it), refitted twice without the
 * samples beyond OUTLIER_SIGMAS; beyond the kept samples' bounding box the value on the box, and
 * values clamped to ±limit. Null when there is no sample.
 */
export function fitSurface(samples: readonly SurfaceSample[], width: number, height: number, limit: number): Surface | null {
  const nx = (x: number) => (2 * x) / width - 1;
  const ny = (y: number) => (2 * y) / height - 1;
  let kept = [...samples];
  let evaluate: ((x: number, y: number) => number) | null = null;
  for (let round = 0; round < 3; round++) {
    const degree = kept.length >= SAMPLES_PER_TERM * 10 ? 3 : kept.length >= SAMPLES_PER_TERM * 3 ? 1 : 0;
    if (!kept.length) break;
    const terms = monomials(degree);
    const coefficients = solve(kept, terms, nx, ny);
    if (!coefficients) break;
    evaluate = (x, y) => {
      const u = nx(x);
      const v = ny(y);
      let sum = 0;
      for (let t = 0; t < terms.length; t++) sum += coefficients[t] * u ** terms[t][0] * v ** terms[t][1];
      return sum;
    };
    if (round === 2) break;
    const residuals = kept.map((s) => Math.abs(s.value - evaluate!(s.x, s.y)));
    const sorted = [...residuals].sort((a, b) => a - b);
    const spread = Math.max(0.25, 1.4826 * sorted[sorted.length >> 1]);
    const next = kept.filter((_, i) => residuals[i] <= OUTLIER_SIGMAS * spread);
    if (next.length === kept.length) break;
    kept = next;
  }
  if (!evaluate) return null;
  const fitted = evaluate;
  // A cubic swings outside its samples: beyond them the surface is held at its value on their bounding box.
  const [x0, x1] = [Math.min(...kept.map((s) => s.x)), Math.max(...kept.map((s) => s.x))];
  const [y0, y1] = [Math.min(...kept.map((s) => s.y)), Math.max(...kept.map((s) => s.y))];
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  return { at: (x, y) => clamp(fitted(clamp(x, x0, x1), clamp(y, y0, y1)), -limit, limit) };
}
