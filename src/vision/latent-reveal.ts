/**
 * The latent-image view: reveals a mark hidden in a phase-modulated line screen
 * (src/patterns/latent-line.ts) from a scan or a photo, with the standard demodulation
 * (research/anti-forgery.md §3.2):
 *   1. estimate the carrier (period, angle) from the power-spectrum peak of a windowed tile;
 *   2. multiply by exp(−j2π(u₀x + v₀y)) and low-pass (Gaussian, σ ≈ one period): z(x, y);
 *   3. a reference phase that the mark does not move: z² is blind to a π shift, so its low-pass
 *      carries only the screen's slow drift (perspective, lens distortion, scale error), and its
 *      half-angle, unwrapped by a quality-guided flood fill, is the local reference;
 *   4. revealed = cos(arg z − reference): +1 in the surround, −1 in the mark.
 * The image is used as it comes (a flatbed scan, or a photo of the emblem): the carrier estimate
 * absorbs rotation and scale, and step 3 absorbs slow geometric drift, so no rectification is
 * needed for the emblem alone. With no line screen the spectrum has no peak and the answer is
 * "not found"; with a plain screen the revealed field is +1 everywhere and the score stays low.
 */
import { blurGrey } from '../patterns/copier.ts';
import { addPhase, fitResidualPhase, phaseMap, ZERO_PHASE } from './carrier-phase.ts';
import { powerSpectrum2d } from './fft.ts';
import type { GreyImage } from './grey.ts';

export interface LatentRevealOptions {
  /** Carrier search band, in image pixels per period. */
  readonly minPeriodPx?: number;
  readonly maxPeriodPx?: number;
}

export interface LatentReveal {
  readonly found: boolean;
  /** 0..1: how clearly a mark stands out (0 with no carrier; low on a screen without a mark). */
  readonly score: number;
  /** Spectral peak power over the mean power of the search band (carrier evidence). */
  readonly carrierStrength: number;
  readonly periodPx: number;
  readonly angleDeg: number;
  readonly width: number;
  readonly height: number;
  /** cos(phase − reference) per pixel, −1..1; 0 where there is no carrier. */
  readonly revealed: Float32Array;
  /** 1 where the carrier is strong enough to read the phase. */
  readonly valid: Uint8Array;
}

const TILE = 256;
/** Demodulation low-pass σ in periods: narrow enough to keep the mark's strokes, wide enough to drop the 2f₀ term. */
const DEMOD_SIGMA = 0.7;
/** Reference low-pass σ in periods: wide enough to bridge the mark's edges, narrow enough to follow perspective. */
const REFERENCE_SIGMA = 4;
/** Phase tracking: passes, the first passes' wider low-pass σ and the gradient smoothing σ, in periods. */
const TRACK_PASSES = 3;
const TRACK_SIGMA = 0.5;
const TRACK_SMOOTHING = 3;
/** Peak-to-band-mean power below which there is no line screen. */
export const MIN_CARRIER_STRENGTH = 40;
/** Share of the readable area that must be strongly reversed (revealed < −0.5) for score 1. */
const FULL_SCORE_MARK_SHARE = 0.1;
/** Carrier amplitude, relative to its 90th percentile, below which a pixel's phase is unread. */
const VALID_AMPLITUDE = 0.35;

interface Carrier {
  readonly u: number;
  readonly v: number;
  readonly strength: number;
}

/** Step 1: the strongest spectral peak in the band, refined to a fraction of a bin. */
export function estimateCarrier(image: GreyImage, o: LatentRevealOptions = {}): Carrier {
  const n = Math.min(TILE, 1 << Math.floor(Math.log2(Math.min(image.width, image.height))));
  const x0 = Math.floor((image.width - n) / 2);
  const y0 = Math.floor((image.height - n) / 2);
  const tile = new Float64Array(n * n);
  let mean = 0;
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) mean += image.data[(y0 + y) * image.width + x0 + x];
  mean /= n * n;
  for (let y = 0; y < n; y++) {
    const wy = 0.5 - 0.5 * Math.cos((2 * Math.PI * (y + 0.5)) / n);
    for (let x = 0; x < n; x++) {
      const wx = 0.5 - 0.5 * Math.cos((2 * Math.PI * (x + 0.5)) / n);
      tile[y * n + x] = (image.data[(y0 + y) * image.width + x0 + x] - mean) * wx * wy;
    }
  }
  const power = powerSpectrum2d(tile, n);
  const rMin = n / (o.maxPeriodPx ?? 32);
  const rMax = n / (o.minPeriodPx ?? 3);
  let best = -1;
  let bu = 0;
  let bv = 0;
  let sum = 0;
  let count = 0;
  // Half-plane v ≥ 0 (the spectrum of a real image is symmetric).
  for (let v = 0; v <= n / 2; v++) {
    for (let u = -n / 2 + 1; u < n / 2; u++) {
      const radius = Math.hypot(u, v);
      if (radius < rMin || radius > rMax || (v === 0 && u < 0)) continue;
      const p = power[v * n + ((u + n) % n)];
      sum += p;
      count++;
      if (p > best) [best, bu, bv] = [p, u, v];
    }
  }
  const at = (u: number, v: number) => power[((v + n) % n) * n + ((u + n) % n)];
  // Parabolic interpolation on log power along each axis.
  const refine = (m: number, c: number, p: number) => {
    const [a, b, d] = [Math.log(m + 1e-9), Math.log(c + 1e-9), Math.log(p + 1e-9)];
    const den = a - 2 * b + d;
    return den < 0 ? (0.5 * (a - d)) / den : 0;
  };
  const du = refine(at(bu - 1, bv), best, at(bu + 1, bv));
  const dv = refine(at(bu, bv - 1), best, at(bu, bv + 1));
  return { u: (bu + du) / n, v: (bv + dv) / n, strength: count > 0 ? best / (sum / count) : 0 };
}

/** The demodulations and the reference, the steps revealLatent reports through `onProgress`. */
const REVEAL_STEPS = TRACK_PASSES + 2;

/**
 * Reveals a latent mark in `image` (grey, e.g. rgbaToGrey of a scan or photo). `onProgress`
 * hears the share done (0..1) after each demodulation and after the reference.
 */
export function revealLatent(image: GreyImage, o: LatentRevealOptions = {}, onProgress?: (done: number) => void): LatentReveal {
  const { width, height } = image;
  const carrier = estimateCarrier(image, o);
  const frequency = Math.hypot(carrier.u, carrier.v);
  const periodPx = frequency > 0 ? 1 / frequency : 0;
  const angleDeg = (Math.atan2(carrier.v, carrier.u) * 180) / Math.PI;
  const revealed = new Float32Array(width * height);
  const valid = new Uint8Array(width * height);
  const none = { found: false, score: 0, carrierStrength: carrier.strength, periodPx, angleDeg, width, height, revealed, valid };
  if (carrier.strength < MIN_CARRIER_STRENGTH) return none;

  // Step 2: demodulate and low-pass; then follow the screen's slow drift (tilt, lens distortion)
  // with a smooth phase field fitted to the mark-blind z² (carrier-phase.ts), and demodulate
  // again along it. The first pass uses a wider pass band so the drifted edges still answer.
  let mean = 0;
  for (const g of image.data) mean += g;
  mean /= image.data.length;
  const { u, v } = carrier;
  let field = ZERO_PHASE(width, height);
  let phase: Float64Array | undefined;
  let [zr, zi] = demodulate(image, mean, u, v, TRACK_SIGMA * periodPx);
  onProgress?.(1 / REVEAL_STEPS);
  for (let pass = 0; pass < TRACK_PASSES; pass++) {
    const residual = fitResidualPhase(zr, zi, width, height, TRACK_SMOOTHING * periodPx);
    if (!residual) break;
    field = addPhase(field, residual);
    phase = phaseMap(field);
    [zr, zi] = demodulate(image, mean, u, v, (pass === TRACK_PASSES - 1 ? DEMOD_SIGMA : TRACK_SIGMA) * periodPx, phase);
    onProgress?.((pass + 2) / REVEAL_STEPS);
  }

  // Step 3: z²/|z|, low-passed, is the mark-blind reference at twice the phase.
  const wr = new Float64Array(width * height);
  const wi = new Float64Array(width * height);
  const amplitude = new Float64Array(width * height);
  for (let i = 0; i < wr.length; i++) {
    const a = Math.hypot(zr[i], zi[i]);
    amplitude[i] = a;
    if (a > 0) {
      wr[i] = (zr[i] * zr[i] - zi[i] * zi[i]) / a;
      wi[i] = (2 * zr[i] * zi[i]) / a;
    }
  }
  const refR = blurGrey(wr, width, height, REFERENCE_SIGMA * periodPx);
  const refI = blurGrey(wi, width, height, REFERENCE_SIGMA * periodPx);
  const [hr, hi] = halfAngleUnwrapped(refR, refI, width, height);
  onProgress?.((REVEAL_STEPS - 1) / REVEAL_STEPS);

  const sorted = Float64Array.from(amplitude).sort();
  const threshold = VALID_AMPLITUDE * sorted[Math.floor(0.9 * (sorted.length - 1))];
  let signSum = 0;
  for (let i = 0; i < revealed.length; i++) {
    if (amplitude[i] < threshold) continue;
    valid[i] = 1;
    revealed[i] = (zr[i] * hr[i] + zi[i] * hi[i]) / amplitude[i];
    signSum += revealed[i];
  }
  // The surround is the larger part: make it +1.
  if (signSum < 0) for (let i = 0; i < revealed.length; i++) revealed[i] = -revealed[i];

  let readable = 0;
  for (const flag of valid) readable += flag;
  const reversed = enclosedReversedPixels(revealed, valid, width, height);
  const share = readable > 0 ? reversed / readable : 0;
  const score = readable < 0.1 * revealed.length ? 0 : Math.min(1, share / FULL_SCORE_MARK_SHARE);
  return { ...none, found: score >= 0.5, score, revealed, valid };
}

/**
 * The strongly reversed pixels (revealed < −0.5) that lie inside the readable screen: a region that
 * reaches the image's edge or the unread ground around the emblem is where the phase tracking ran
 * out (a corner of a steep photo), not a mark, which the encoder centres with surround on every side.
 * Unread pixels enclosed by the screen (the thin band where the phase flips at a stroke's edge)
 * do not count as ground.
 */
function enclosedReversedPixels(revealed: Float32Array, valid: Uint8Array, width: number, height: number): number {
  const n = width * height;
  const neighbours = (i: number): number[] => {
    const x = i % width;
    return [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i >= width ? i - width : -1, i + width < n ? i + width : -1];
  };
  const onEdge = (i: number) => i % width === 0 || i % width === width - 1 || i < width || i >= n - width;
  const flood = (seeds: number[], member: (i: number) => boolean, label: Uint8Array, value: number): number[] => {
    const stack = seeds.filter((i) => member(i) && !label[i]);
    for (const i of stack) label[i] = value;
    const all: number[] = [];
    while (stack.length > 0) {
      const i = stack.pop()!;
      all.push(i);
      for (const j of neighbours(i)) {
        if (j >= 0 && !label[j] && member(j)) {
          label[j] = value;
          stack.push(j);
        }
      }
    }
    return all;
  };
  // Ground: unread pixels connected to the image's edge through unread pixels.
  const ground = new Uint8Array(n);
  const edge: number[] = [];
  for (let i = 0; i < n; i++) if (onEdge(i)) edge.push(i);
  flood(edge, (i) => !valid[i], ground, 1);
  const isReversed = (i: number) => valid[i] === 1 && revealed[i] < -0.5;
  const seen = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (seen[i] || !isReversed(i)) continue;
    const component = flood([i], isReversed, seen, 1);
    const open = component.some((p) => onEdge(p) || neighbours(p).some((j) => j >= 0 && ground[j] === 1));
    if (!open) count += component.length;
  }
  return count;
}

function demodulate(image: GreyImage, mean: number, u: number, v: number, sigma: number, phase?: Float64Array): [Float64Array, Float64Array] {
  const { width, height } = image;
  const re = new Float64Array(width * height);
  const im = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const a = 2 * Math.PI * (u * x + v * y) + (phase ? phase[i] : 0);
      const g = image.data[i] - mean;
      re[i] = g * Math.cos(a);
      im[i] = -g * Math.sin(a);
    }
  }
  return [blurGrey(re, width, height, sigma), blurGrey(im, width, height, sigma)];
}

/**
 * A unit-length square root of (re, im) per pixel whose sign is continuous across the image:
 * a flood fill from the strongest pixel, always extending from the strongest frontier pixel
 * (quality-guided, so weak regions are reached last and cannot flip strong ones).
 */
function halfAngleUnwrapped(re: Float64Array, im: Float64Array, width: number, height: number): [Float64Array, Float64Array] {
  const n = width * height;
  const hr = new Float64Array(n);
  const hi = new Float64Array(n);
  const quality = new Float64Array(n);
  let maxQ = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    quality[i] = Math.hypot(re[i], im[i]);
    const half = Math.atan2(im[i], re[i]) / 2;
    hr[i] = Math.cos(half);
    hi[i] = Math.sin(half);
    if (quality[i] > maxQ) [maxQ, start] = [quality[i], i];
  }
  const BUCKETS = 64;
  const bucketOf = (i: number) => Math.min(BUCKETS - 1, Math.floor((quality[i] / (maxQ || 1)) * BUCKETS));
  const buckets: number[][] = Array.from({ length: BUCKETS }, () => []);
  const done = new Uint8Array(n);
  done[start] = 1;
  buckets[bucketOf(start)].push(start);
  let top = BUCKETS - 1;
  for (;;) {
    while (top >= 0 && buckets[top].length === 0) top--;
    if (top < 0) break;
    const i = buckets[top].pop()!;
    const x = i % width;
    const y = (i - x) / width;
    for (const j of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1]) {
      if (j < 0 || done[j]) continue;
      done[j] = 1;
      if (hr[j] * hr[i] + hi[j] * hi[i] < 0) {
        hr[j] = -hr[j];
        hi[j] = -hi[j];
      }
      const b = bucketOf(j);
      buckets[b].push(j);
      if (b > top) top = b;
    }
  }
  return [hr, hi];
}

/** The revealed mark as a grey image for display: surround light, mark dark, unread mid-grey. */
export function revealView(r: LatentReveal): GreyImage {
  const data = new Uint8Array(r.width * r.height);
  for (let i = 0; i < data.length; i++) data[i] = r.valid[i] ? Math.round(127.5 + 127.5 * r.revealed[i]) : 128;
  return { width: r.width, height: r.height, data };
}

/**
 * Pearson correlation, over readable pixels, between the revealed field and a truth mask
 * (1 inside the mark): 1 = the mark exactly, 0 = unrelated.
 */
export function revealCorrelation(r: LatentReveal, insideMark: Uint8Array): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < r.revealed.length; i++) {
    if (!r.valid[i]) continue;
    const x = r.revealed[i];
    const y = insideMark[i] ? -1 : 1;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  if (n === 0) return 0;
  const cov = sxy / n - (sx / n) * (sy / n);
  const vx = sxx / n - (sx / n) ** 2;
  const vy = syy / n - (sy / n) ** 2;
  return vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
}
