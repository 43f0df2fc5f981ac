/**
 * Resampling a scan onto the rendering's pixel grid through a registration (register.ts): what the
 * difference map (difference.ts) compares with the rendering.
 */
import type { GreyImage } from '../vision/grey.ts';
import { applyHomography } from '../vision/homography.ts';
import { bilinear } from '../vision/template-match.ts';
import { fieldAt } from './field.ts';
import { pyramid } from './image-ops.ts';
import { levelFor } from './patch-match.ts';
import type { Registration } from './register.ts';

/** The scan's pyramid level nearest to one scan pixel per rendering pixel (less aliasing than the full scan), and its reduction. */
function sourceLevel(scan: GreyImage, scale: number): { source: GreyImage; g: number } {
  const levels = pyramid(scan, 4);
  const k = levelFor(scale, levels.length);
  return { source: levels[k], g: 2 ** k };
}

/**
 * The scan resampled onto the rendering's pixel grid through the registration. The field's
 * interpolation weights depend on the column or the row alone, so they are found once per column
 * and once per row; the arithmetic per pixel is warpToRenderingReference's, term for term, so the
 * two agree bit for bit (pinned by a test).
 */
export function warpToRendering(scan: GreyImage, registration: Registration, width: number, height: number): GreyImage {
  const { source, g } = sourceLevel(scan, registration.scale);
  const h = registration.homography;
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8] = h;
  const { columns, rows, cell, dx, dy } = registration.field;
  const axis = (n: number, count: number) => {
    const lo = new Int32Array(n);
    const hi = new Int32Array(n);
    const t = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const f = Math.max(0, Math.min(count - 1, (i + 0.5) / cell - 0.5));
      lo[i] = Math.floor(f);
      hi[i] = Math.min(count - 1, lo[i] + 1);
      t[i] = f - lo[i];
    }
    return { lo, hi, t };
  };
  const across = axis(width, columns);
  const down = axis(height, rows);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const r0 = down.lo[y] * columns;
    const r1 = down.hi[y] * columns;
    const ay = down.t[y];
    for (let x = 0; x < width; x++) {
      const c0 = across.lo[x];
      const c1 = across.hi[x];
      const ax = across.t[x];
      const fx = (dx[r0 + c0] * (1 - ax) + dx[r0 + c1] * ax) * (1 - ay) + (dx[r1 + c0] * (1 - ax) + dx[r1 + c1] * ax) * ay;
      const fy = (dy[r0 + c0] * (1 - ax) + dy[r0 + c1] * ax) * (1 - ay) + (dy[r1 + c0] * (1 - ax) + dy[r1 + c1] * ax) * ay;
      const X = x + 0.5 + fx;
      const Y = y + 0.5 + fy;
      const w = h6 * X + h7 * Y + h8;
      data[y * width + x] = bilinear(source, (h0 * X + h1 * Y + h2) / w / g, (h3 * X + h4 * Y + h5) / w / g) + 0.5;
    }
  }
  return { width, height, data };
}

/** Slow reference for warpToRendering: fieldAt, applyHomography and bilinear per pixel. */
export function warpToRenderingReference(scan: GreyImage, registration: Registration, width: number, height: number): GreyImage {
  const { source, g } = sourceLevel(scan, registration.scale);
  const h = registration.homography;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const d = fieldAt(registration.field, x + 0.5, y + 0.5);
      const p = applyHomography(h, x + 0.5 + d.x, y + 0.5 + d.y);
      const v = bilinear(source, p.x / g, p.y / g);
      data[y * width + x] = v + 0.5;
    }
  return { width, height, data };
}
