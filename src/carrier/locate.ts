/**
 * Locating: finder patterns in the grey image (src/vision/finder.ts, at the carrier's 15-module
 * finder size), then groups of four that could be the corners of one square symbol, best first,
 * with a missing fourth corner inferred from three.
 */
import { binarize } from '../vision/binarize.ts';
import { findFinderPatterns, type FinderPattern } from '../vision/finder.ts';
import type { GreyImage } from '../vision/grey.ts';
import { FINDER_SIZE, GRID_SIZES } from './format.ts';

export interface FinderCorner extends FinderPattern {
  /** Not seen: inferred from three others (parallelogram completion); refine it widely. */
  synthetic?: boolean;
}

/**
 * Binarisation windows, in the order tried: one for a symbol that is small in the image, one for
 * a close-up.
 */
export function binarisationWindows(grey: GreyImage): number[] {
  const minSide = Math.min(grey.width, grey.height);
  return [Math.max(24, Math.round(minSide / 10)), Math.max(24, Math.round(minSide / 3))];
}

/** Carrier finders in the grey image binarised at `window`, most often confirmed first. */
export function locateFinders(grey: GreyImage, window: number): FinderCorner[] {
  const minSide = Math.min(grey.width, grey.height);
  return findFinderPatterns(binarize(grey, window), grey.width, grey.height, { modulesAcross: FINDER_SIZE, maxModule: minSide / FINDER_SIZE });
}

/** Finders confirmed by at least two scan lines: the count a "not found" error reports. */
export function confirmedFinders(corners: readonly FinderCorner[]): number {
  return corners.filter((c) => c.hits >= 2).length;
}

export interface FinderQuad {
  /** Four finder centres in cyclic order around their centroid. */
  readonly corners: readonly FinderCorner[];
  readonly score: number;
  /** Mean finder-to-finder side length ÷ mean module pitch + FINDER_SIZE: an estimate of N. */
  readonly sizeEstimate: number;
  readonly module: number;
}

/**
 * Fourth corners for triples that look like three corners of a square (two similar sides at
 * ≈ 90°): the missing finder (stained, glared, cut by a fold) is put at A + C − B, where B is the
 * corner with the right angle. Only from well-confirmed candidates.
 */
function completedCorners(pool: readonly FinderCorner[]): FinderCorner[] {
  const out: FinderCorner[] = [];
  const strong = pool.filter((c) => c.hits >= 3).slice(0, 8);
  for (let i = 0; i < strong.length; i++)
    for (let j = 0; j < strong.length; j++)
      for (let k = i + 1; k < strong.length; k++) {
        if (j === i || j === k) continue;
        const [a, b, c] = [strong[i], strong[j], strong[k]];
        const m = [a.module, b.module, c.module];
        if (Math.max(...m) > 1.5 * Math.min(...m)) continue;
        const ux = a.x - b.x;
        const uy = a.y - b.y;
        const vx = c.x - b.x;
        const vy = c.y - b.y;
        const lu = Math.hypot(ux, uy);
        const lv = Math.hypot(vx, vy);
        if (lu < 20 * b.module || lv < 20 * b.module || Math.max(lu, lv) > 1.4 * Math.min(lu, lv)) continue;
        const cos = (ux * vx + uy * vy) / (lu * lv);
        if (Math.abs(cos) > 0.35) continue;
        out.push({ x: a.x + c.x - b.x, y: a.y + c.y - b.y, module: (a.module + b.module + c.module) / 3, hits: 1, synthetic: true });
      }
  return out;
}

/**
 * Groups of four candidates that form a plausible (perspective-distorted) square of one of the
 * carrier's grid sizes, best first.
 */
export function finderQuads(candidates: readonly FinderCorner[]): FinderQuad[] {
  const minSize = GRID_SIZES[0];
  const maxSize = GRID_SIZES[GRID_SIZES.length - 1];
  const seen = candidates.filter((c) => c.hits >= 2 || candidates.length <= 8).slice(0, 16);
  // Completed corners join the pool unless a real candidate is already there.
  const extra = completedCorners(seen).filter((s) => !seen.some((c) => Math.hypot(c.x - s.x, c.y - s.y) < 8 * c.module));
  const pool = [...seen, ...extra.slice(0, 4)];
  const quads: FinderQuad[] = [];
  const n = pool.length;
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      for (let c = b + 1; c < n; c++)
        for (let d = c + 1; d < n; d++) {
          const four = [pool[a], pool[b], pool[c], pool[d]];
          const synthetic = four.filter((f) => f.synthetic).length;
          if (synthetic > 1) continue;
          const mods = four.map((f) => f.module);
          const mMin = Math.min(...mods);
          const mMax = Math.max(...mods);
          if (mMax > 1.8 * mMin) continue;
          const cx = (four[0].x + four[1].x + four[2].x + four[3].x) / 4;
          const cy = (four[0].y + four[1].y + four[2].y + four[3].y) / 4;
          four.sort((p, q) => Math.atan2(p.y - cy, p.x - cx) - Math.atan2(q.y - cy, q.x - cx));
          const sides = [0, 1, 2, 3].map((i) => Math.hypot(four[(i + 1) % 4].x - four[i].x, four[(i + 1) % 4].y - four[i].y));
          const diag1 = Math.hypot(four[2].x - four[0].x, four[2].y - four[0].y);
          const diag2 = Math.hypot(four[3].x - four[1].x, four[3].y - four[1].y);
          let convex = true;
          let sign = 0;
          for (let i = 0; i < 4; i++) {
            const p = four[i];
            const q = four[(i + 1) % 4];
            const r = four[(i + 2) % 4];
            const cross = (q.x - p.x) * (r.y - q.y) - (q.y - p.y) * (r.x - q.x);
            const s = Math.sign(cross);
            if (sign === 0) sign = s;
            else if (s !== sign) convex = false;
          }
          if (!convex) continue;
          const sMin = Math.min(...sides);
          const sMax = Math.max(...sides);
          if (sMax > 1.8 * sMin) continue;
          if (Math.max(diag1, diag2) > 1.5 * Math.min(diag1, diag2)) continue;
          const mean = (mMin + mMax) / 2;
          // Runs were measured along image rows and columns: for a symbol turned by θ they are
          // 1/cos θ too long (θ folded into ±45°). The quad's sides give θ.
          let turn = Math.atan2(four[1].y - four[0].y, four[1].x - four[0].x);
          turn = Math.abs(((turn % (Math.PI / 2)) + Math.PI / 2) % (Math.PI / 2));
          if (turn > Math.PI / 4) turn = Math.PI / 2 - turn;
          const meanModule = (mods.reduce((s, m) => s + m, 0) / 4) * Math.cos(turn);
          const sizeEstimate = sides.reduce((s, v) => s + v, 0) / 4 / meanModule + FINDER_SIZE;
          if (sizeEstimate < minSize * 0.75 || sizeEstimate > maxSize * 1.3) continue;
          const hits = four.reduce((s, f) => s + Math.min(f.hits, 2 * mean), 0);
          const score = hits * (sMin / sMax) * (mMin / mMax) * (synthetic ? 0.5 : 1);
          quads.push({ corners: four, score, sizeEstimate, module: meanModule });
        }
  return quads.sort((p, q) => q.score - p.score);
}

/** Up to three grid sizes near a quad's estimate, nearest first. */
export function gridSizesNear(sizeEstimate: number): number[] {
  return [...GRID_SIZES]
    .filter((n) => Math.abs(n - sizeEstimate) <= Math.max(6, 0.12 * sizeEstimate))
    .sort((a, b) => Math.abs(a - sizeEstimate) - Math.abs(b - sizeEstimate))
    .slice(0, 3);
}
