/**
 * The capture model of the per-character-cell check (cells.ts): what the scan should show over a
 * window of the rendering (tone curve, Gaussian blur, sub-pixel shift), the correlation search, and
 * the per-window tone fit. Pure over grey pixels.
 */
import type { GreyImage } from '../vision/grey.ts';

/** Normalised 1-D Gaussian taps for σ, centred at −shift (so that convolving samples the image at p − shift). */
export function gaussianTaps(sigma: number, shift: number): { radius: number; taps: Float64Array } {
  const radius = Math.max(1, Math.ceil(3 * sigma + Math.abs(shift)));
  const taps = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const t = i + shift;
    taps[i + radius] = Math.exp(-(t * t) / (2 * sigma * sigma));
    sum += taps[i + radius];
  }
  for (let i = 0; i < taps.length; i++) taps[i] /= sum;
  return { radius, taps };
}

/**
 * The printer's tone curve on the rendering's grey: toner coverage c = 1 − v/255 becomes
 * min(1, c·(1 + γ)), as toner spread darkens anti-aliased edges and thin strokes (the print–scan
 * simulator's dot gain, and what a laser printer does to a hairline). γ = 0 is the identity.
 */
export function toneCurve(gamma: number): Float64Array {
  return Float64Array.from({ length: 256 }, (_, v) => 255 * (1 - Math.min(1, (1 - v / 255) * (1 + gamma))));
}

/** How the page was captured, estimated from the page itself: blur σ (rendering pixels) and the printer's tone curve. */
export interface CaptureModel {
  readonly sigma: number;
  readonly gamma: number;
  readonly tone: Float64Array;
}

export const clampAt = (image: GreyImage, x: number, y: number) =>
  image.data[Math.min(image.height - 1, Math.max(0, y)) * image.width + Math.min(image.width - 1, Math.max(0, x))];

/**
 * The rendering through the tone curve, blurred by G_σ and sampled at p − (fx, fy), over the
 * window (x, y, w, h), as a separable convolution (edge-clamped): what the scan should show there.
 */
export function modelWindow(rendering: GreyImage, x: number, y: number, w: number, h: number, capture: CaptureModel, fx: number, fy: number): Float64Array {
  const gx = gaussianTaps(capture.sigma, fx);
  const gy = gaussianTaps(capture.sigma, fy);
  const { tone } = capture;
  const rows = h + 2 * gy.radius;
  const cols = w + 2 * gx.radius;
  // The toned source, clamped at the image's edges, once.
  const source = new Float64Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const row = Math.min(rendering.height - 1, Math.max(0, y - gy.radius + r)) * rendering.width;
    for (let c = 0; c < cols; c++) source[r * cols + c] = tone[rendering.data[row + Math.min(rendering.width - 1, Math.max(0, x - gx.radius + c))]];
  }
  const tmp = new Float64Array(w * rows);
  const nx = gx.taps.length;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < w; c++) {
      let acc = 0;
      const base = r * cols + c;
      for (let i = 0; i < nx; i++) acc += gx.taps[i] * source[base + i];
      tmp[r * w + c] = acc;
    }
  const out = new Float64Array(w * h);
  const ny = gy.taps.length;
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      let acc = 0;
      for (let j = 0; j < ny; j++) acc += gy.taps[j] * tmp[(r + j) * w + c];
      out[r * w + c] = acc;
    }
  return out;
}

/** Slow reference for modelWindow: the 2-D kernel applied directly to the toned, clamped rendering. */
export function modelWindowReference(rendering: GreyImage, x: number, y: number, w: number, h: number, capture: CaptureModel, fx: number, fy: number): Float64Array {
  const gx = gaussianTaps(capture.sigma, fx);
  const gy = gaussianTaps(capture.sigma, fy);
  const out = new Float64Array(w * h);
  for (let r = 0; r < h; r++)
    for (let c = 0; c < w; c++) {
      let acc = 0;
      for (let j = -gy.radius; j <= gy.radius; j++)
        for (let i = -gx.radius; i <= gx.radius; i++) acc += gx.taps[i + gx.radius] * gy.taps[j + gy.radius] * capture.tone[clampAt(rendering, x + c + i, y + r + j)];
      out[r * w + c] = acc;
    }
  return out;
}

/** The scan's pixels over a window (edge-clamped), as floats. */
export function scanWindow(scan: GreyImage, x: number, y: number, w: number, h: number): Float64Array {
  const out = new Float64Array(w * h);
  for (let r = 0; r < h; r++) {
    const row = Math.min(scan.height - 1, Math.max(0, y + r)) * scan.width;
    for (let c = 0; c < w; c++) out[r * w + c] = scan.data[row + Math.min(scan.width - 1, Math.max(0, x + c))];
  }
  return out;
}

/**
 * Normalised cross-correlation of the model window with the scan window at every integer offset
 * up to ±radius: `scores[(dy + radius) * (2·radius + 1) + dx + radius]`. Constant windows score 0.
 */
export function correlationSurface(model: Float64Array, scan: GreyImage, x: number, y: number, w: number, h: number, radius: number): Float64Array {
  const n = w * h;
  let sm = 0;
  let smm = 0;
  for (let i = 0; i < n; i++) {
    sm += model[i];
    smm += model[i] * model[i];
  }
  const varM = smm - (sm * sm) / n;
  const side = 2 * radius + 1;
  // The scan over the window grown by the radius, read once.
  const sw = w + 2 * radius;
  const patch = scanWindow(scan, x - radius, y - radius, sw, h + 2 * radius);
  const scores = new Float64Array(side * side);
  for (let oy = 0; oy < side; oy++)
    for (let ox = 0; ox < side; ox++) {
      let ss = 0;
      let sss = 0;
      let sms = 0;
      for (let r = 0; r < h; r++) {
        const base = (r + oy) * sw + ox;
        const mrow = r * w;
        for (let c = 0; c < w; c++) {
          const v = patch[base + c];
          ss += v;
          sss += v * v;
          sms += v * model[mrow + c];
        }
      }
      const varS = sss - (ss * ss) / n;
      const cov = sms - (sm * ss) / n;
      scores[oy * side + ox] = varM > 1e-6 && varS > 1e-6 ? cov / Math.sqrt(varM * varS) : 0;
    }
  return scores;
}

/** Slow reference for correlationSurface: means subtracted first, the textbook formula. */
export function correlationSurfaceReference(model: Float64Array, scan: GreyImage, x: number, y: number, w: number, h: number, radius: number): Float64Array {
  const n = w * h;
  const side = 2 * radius + 1;
  const scores = new Float64Array(side * side);
  const meanM = model.reduce((a, b) => a + b, 0) / n;
  for (let dy = -radius; dy <= radius; dy++)
    for (let dx = -radius; dx <= radius; dx++) {
      const s = Float64Array.from({ length: n }, (_, i) => clampAt(scan, x + (i % w) + dx, y + Math.floor(i / w) + dy));
      const meanS = s.reduce((a, b) => a + b, 0) / n;
      let cov = 0;
      let vm = 0;
      let vs = 0;
      for (let i = 0; i < n; i++) {
        cov += (model[i] - meanM) * (s[i] - meanS);
        vm += (model[i] - meanM) ** 2;
        vs += (s[i] - meanS) ** 2;
      }
      scores[(dy + radius) * side + dx + radius] = vm > 1e-6 && vs > 1e-6 ? cov / Math.sqrt(vm * vs) : 0;
    }
  return scores;
}

/** Sub-pixel position of a 1-D peak from its two neighbours (a parabola through three points), in [−0.5, 0.5]. */
export function parabolaPeak(left: number, centre: number, right: number): number {
  const curvature = left - 2 * centre + right;
  if (curvature >= 0) return 0;
  return Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature));
}

/** Least-squares gain and offset of scan ≈ gain · model + offset over a window; the gain is null where the model is flat. */
export function toneFit(model: Float64Array, scan: Float64Array): { gain: number | null; offset: number; residual: number } {
  const n = model.length;
  let sm = 0;
  let ss = 0;
  let smm = 0;
  let sms = 0;
  let sss = 0;
  for (let i = 0; i < n; i++) {
    sm += model[i];
    ss += scan[i];
    smm += model[i] * model[i];
    sms += model[i] * scan[i];
    sss += scan[i] * scan[i];
  }
  const varM = smm - (sm * sm) / n;
  const varS = sss - (ss * ss) / n;
  const cov = sms - (sm * ss) / n;
  if (varM < n * 100) return { gain: null, offset: ss / n, residual: varS };
  const gain = cov / varM;
  return { gain, offset: (ss - gain * sm) / n, residual: Math.max(0, varS - gain * cov) };
}
