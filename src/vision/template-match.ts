/**
 * Reading an image at sub-pixel positions: bilinear interpolation, and template matching by
 * normalised cross-correlation under a local affine map (the Jacobian of a homography), so a
 * pattern is found where a perspective view puts it. `templateScoreReference` is
 * the slow, obviously-correct score the tests compare `matchTemplate` with.
 */
import type { GreyImage } from './grey.ts';
import type { Point } from './homography.ts';

/** Bilinear read at continuous image coordinates (pixel i covers [i, i+1)); edges clamp. */
export function bilinear(grey: GreyImage, x: number, y: number): number {
  const { width, height, data } = grey;
  let fx = x - 0.5;
  let fy = y - 0.5;
  if (fx < 0) fx = 0;
  if (fy < 0) fy = 0;
  if (fx > width - 1) fx = width - 1;
  if (fy > height - 1) fy = height - 1;
  const x0 = Math.floor(fx);
  const y0 = Math.floor(fy);
  const x1 = x0 + 1 < width ? x0 + 1 : x0;
  const y1 = y0 + 1 < height ? y0 + 1 : y0;
  const ax = fx - x0;
  const ay = fy - y0;
  const top = data[y0 * width + x0] * (1 - ax) + data[y0 * width + x1] * ax;
  const bottom = data[y1 * width + x0] * (1 - ax) + data[y1 * width + x1] * ax;
  return top * (1 - ay) + bottom * ay;
}

/**
 * The fast bilinear read the decoder's loops use, at pixel-index coordinates (pixel centres at
 * integers: the caller has already taken off the half pixel), edges clamped. Its arithmetic is
 * the decoder's (a lerp per row, then between rows); `bilinear` is the obviously-correct form.
 */
export function bilinearAtIndex(grey: GreyImage, fx: number, fy: number): number {
  const { width, height, data } = grey;
  if (fx < 0) fx = 0;
  else if (fx > width - 1) fx = width - 1;
  if (fy < 0) fy = 0;
  else if (fy > height - 1) fy = height - 1;
  const x0 = fx | 0;
  const y0 = fy | 0;
  const x1 = x0 + 1 < width ? x0 + 1 : x0;
  const i0 = y0 * width;
  const i1 = y0 + 1 < height ? i0 + width : i0;
  const ax = fx - x0;
  const top = data[i0 + x0] + (data[i0 + x1] - data[i0 + x0]) * ax;
  const bottom = data[i1 + x0] + (data[i1 + x1] - data[i1 + x0]) * ax;
  return top + (bottom - top) * (fy - y0);
}

export interface TemplatePoint {
  /** Offset from the pattern centre in modules. */
  readonly dx: number;
  readonly dy: number;
  /** 1 = dark expected, 0 = light. */
  readonly dark: number;
}

/** Sub-sampled template (3×3 points per module) of a square pattern given its module values (row-major, side s). */
export function makeTemplate(values: ArrayLike<number>, side: number): TemplatePoint[] {
  const points: TemplatePoint[] = [];
  const half = side / 2;
  for (let r = 0; r < side; r++)
    for (let c = 0; c < side; c++)
      for (const sy of [-1 / 3, 0, 1 / 3])
        for (const sx of [-1 / 3, 0, 1 / 3]) points.push({ dx: c + 0.5 + sx - half, dy: r + 0.5 + sy - half, dark: values[r * side + c] });
  return points;
}

/** Slow reference for the score inside matchTemplate: plain NCC with bilinear() reads. */
export function templateScoreReference(
  grey: GreyImage,
  template: readonly TemplatePoint[],
  predicted: Point,
  jacobian: readonly [number, number, number, number],
  ox: number,
  oy: number,
): number {
  const [a, b, c, d] = jacobian;
  const t = template.map((p) => p.dark);
  const v = template.map((p) => 255 - bilinear(grey, predicted.x + a * (p.dx + ox) + b * (p.dy + oy), predicted.y + c * (p.dx + ox) + d * (p.dy + oy)));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const mt = mean(t);
  const mv = mean(v);
  let num = 0;
  let vt = 0;
  let vv = 0;
  for (let k = 0; k < t.length; k++) {
    num += (t[k] - mt) * (v[k] - mv);
    vt += (t[k] - mt) ** 2;
    vv += (v[k] - mv) ** 2;
  }
  return vt > 0 && vv > 1e-9 ? num / Math.sqrt(vt * vv) : -1;
}

/**
 * Finds the offset (in modules, around `centre` in module coordinates) where the template best
 * matches the image, by normalised cross-correlation on a coarse then a fine grid. `predicted` is
 * the image position to start from; `jacobian` the local module→pixel map.
 */
export function matchTemplate(
  grey: GreyImage,
  template: readonly TemplatePoint[],
  predicted: Point,
  jacobian: readonly [number, number, number, number],
  range: number,
): { offset: Point; score: number } {
  const [a, b, c, d] = jacobian;
  const n = template.length;
  // Template points in image pixels relative to `predicted` (minus the half-pixel of the
  // bilinear convention); an offset (ox, oy) in modules then adds one vector to all of them.
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const tc = new Float64Array(n);
  let tMean = 0;
  for (const t of template) tMean += t.dark;
  tMean /= n;
  let tVar = 0;
  for (let k = 0; k < n; k++) {
    const t = template[k];
    px[k] = predicted.x - 0.5 + a * t.dx + b * t.dy;
    py[k] = predicted.y - 0.5 + c * t.dx + d * t.dy;
    tc[k] = t.dark - tMean;
    tVar += tc[k] * tc[k];
  }
  const score = (ox: number, oy: number): number => {
    const sx = a * ox + b * oy;
    const sy = c * ox + d * oy;
    let s = 0;
    let ss = 0;
    let st = 0;
    for (let k = 0; k < n; k++) {
      const v = 255 - bilinearAtIndex(grey, px[k] + sx, py[k] + sy);
      s += v;
      ss += v * v;
      st += v * tc[k];
    }
    const varV = ss - (s * s) / n;
    if (varV <= 1e-9 || tVar <= 0) return -1;
    return st / Math.sqrt(varV * tVar);
  };
  let best = { x: 0, y: 0 };
  let bestScore = -2;
  const coarse = 0.25;
  const steps = Math.ceil(range / coarse);
  for (let iy = -steps; iy <= steps; iy++)
    for (let ix = -steps; ix <= steps; ix++) {
      const s = score(ix * coarse, iy * coarse);
      if (s > bestScore) {
        bestScore = s;
        best = { x: ix * coarse, y: iy * coarse };
      }
    }
  const fine = 0.0625;
  const centre = best;
  for (let iy = -3; iy <= 3; iy++)
    for (let ix = -3; ix <= 3; ix++) {
      if (ix === 0 && iy === 0) continue;
      const s = score(centre.x + ix * fine, centre.y + iy * fine);
      if (s > bestScore) {
        bestScore = s;
        best = { x: centre.x + ix * fine, y: centre.y + iy * fine };
      }
    }
  return { offset: best, score: bestScore };
}
