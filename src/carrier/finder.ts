/**
 * Finder detection: adaptive binarisation (local mean over a block grid, so uneven light does not
 * matter), a row scan for the 1:1:3:1:1 run pattern of the finder (2:2:7:2:2 modules; the same
 * signature ISO/IEC 18004 §12 uses for QR), a vertical and a second horizontal cross-check through
 * the core, and clustering. Then groups of four finders that could be the corners of one square symbol.
 */
import type { Grey } from './grey.ts';
import type { Point } from './geometry.ts';
import { FINDER_SIZE } from './format.ts';

export interface FinderCandidate extends Point {
  /** Estimated module pitch in pixels. */
  module: number;
  /** How many scan lines confirmed it. */
  hits: number;
  /** Not seen: inferred from three others (parallelogram completion); refine it widely. */
  synthetic?: boolean;
}

/** Binary image (1 = dark) with threshold = local mean over ~window px, minus a small offset. */
export function binarize(grey: Grey, window: number): Uint8Array {
  const { width, height, data } = grey;
  const block = Math.max(2, Math.round(window / 8));
  const bw = Math.ceil(width / block);
  const bh = Math.ceil(height / block);
  const columnBlock = new Int32Array(width);
  for (let x = 0; x < width; x++) columnBlock[x] = Math.floor(x / block);
  const sums = new Float64Array(bw * bh);
  const counts = new Float64Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    const yEnd = Math.min(height, (by + 1) * block);
    const rowSums = sums.subarray(by * bw, (by + 1) * bw);
    for (let y = by * block; y < yEnd; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) rowSums[columnBlock[x]] += data[row + x];
    }
    for (let bx = 0; bx < bw; bx++) counts[by * bw + bx] = (yEnd - by * block) * (Math.min(width, (bx + 1) * block) - bx * block);
  }
  // Box filter over blocks (radius 4 blocks ≈ window/2) with a summed-area table.
  const sat = new Float64Array((bw + 1) * (bh + 1));
  const satN = new Float64Array((bw + 1) * (bh + 1));
  for (let y = 0; y < bh; y++) {
    let rs = 0;
    let rn = 0;
    for (let x = 0; x < bw; x++) {
      rs += sums[y * bw + x];
      rn += counts[y * bw + x];
      sat[(y + 1) * (bw + 1) + x + 1] = sat[y * (bw + 1) + x + 1] + rs;
      satN[(y + 1) * (bw + 1) + x + 1] = satN[y * (bw + 1) + x + 1] + rn;
    }
  }
  const radius = 4;
  const threshold = new Float32Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(bh, y + radius + 1);
    for (let x = 0; x < bw; x++) {
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(bw, x + radius + 1);
      const s = sat[y1 * (bw + 1) + x1] - sat[y0 * (bw + 1) + x1] - sat[y1 * (bw + 1) + x0] + sat[y0 * (bw + 1) + x0];
      const n = satN[y1 * (bw + 1) + x1] - satN[y0 * (bw + 1) + x1] - satN[y1 * (bw + 1) + x0] + satN[y0 * (bw + 1) + x0];
      threshold[y * bw + x] = s / n - 3;
    }
  }
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const thresholds = threshold.subarray(Math.floor(y / block) * bw, Math.floor(y / block) * bw + bw);
    const row = y * width;
    for (let x = 0; x < width; x++) out[row + x] = data[row + x] < thresholds[columnBlock[x]] ? 1 : 0;
  }
  return out;
}

function ratioOk(r: readonly number[]): boolean {
  const total = r[0] + r[1] + r[2] + r[3] + r[4];
  if (total < 7) return false;
  const u = total / 7;
  const tol = u * 0.7;
  return (
    Math.abs(r[0] - u) < tol &&
    Math.abs(r[1] - u) < tol &&
    Math.abs(r[2] - 3 * u) < 2 * tol &&
    Math.abs(r[3] - u) < tol &&
    Math.abs(r[4] - u) < tol
  );
}

/** Runs through (x, y) along a direction: returns [r0..r4] and the centre along that line, or null. */
function crossCheck(bin: Uint8Array, width: number, height: number, x: number, y: number, dx: number, dy: number, maxRun: number): { runs: number[]; centre: number } | null {
  const at = (k: number) => {
    const px = x + dx * k;
    const py = y + dy * k;
    if (px < 0 || py < 0 || px >= width || py >= height) return -1;
    return bin[py * width + px];
  };
  if (at(0) !== 1) return null;
  // Backward: core (dark), white ring, dark ring.
  let k = 0;
  const back = [0, 0, 0];
  const expect = [1, 0, 1];
  for (let s = 0; s < 3; s++) {
    while (at(k - 1) === expect[s] && back[s] <= maxRun) {
      back[s]++;
      k--;
    }
    if (s === 0) back[0]++; // include the start pixel in the core
    if (back[s] === 0 || back[s] > maxRun) return null;
  }
  // back[0] counted the core pixels behind (and including) the start; walk forward for the rest.
  let f = 0;
  const fwd = [0, 0, 0];
  for (let s = 0; s < 3; s++) {
    while (at(f + 1) === expect[s] && fwd[s] <= maxRun) {
      fwd[s]++;
      f++;
    }
    if ((s > 0 && fwd[s] === 0) || fwd[s] > maxRun) return null;
  }
  const core = back[0] + fwd[0];
  const runs = [back[2], back[1], core, fwd[1], fwd[2]];
  if (!ratioOk(runs)) return null;
  // Centre of the core along the line, relative to the start pixel.
  const coreStart = -(back[0] - 1);
  const centre = coreStart + core / 2 - 0.5;
  return { runs, centre };
}

/** Finder candidates in a binary image. */
export function findFinderCandidates(bin: Uint8Array, width: number, height: number, maxModule: number): FinderCandidate[] {
  const raw: FinderCandidate[] = [];
  const maxRun = Math.ceil(maxModule * 9);
  const runs = [0, 0, 0, 0, 0];
  // Every second row: a finder core is at least 7 modules × 1.2 px tall, so it is still crossed
  // by several scan lines, and the cross-checks run on every pixel anyway.
  for (let y = 0; y < height; y += 2) {
    const row = y * width;
    // State: counts of the last five runs, the current run's colour.
    let count = 0;
    let colour = bin[row];
    let filled = 0;
    for (let x = 0; x <= width; x++) {
      const v = x < width ? bin[row + x] : 1 - colour;
      if (v === colour) {
        count++;
        continue;
      }
      // A run of `colour` ended at x − 1.
      runs[0] = runs[1];
      runs[1] = runs[2];
      runs[2] = runs[3];
      runs[3] = runs[4];
      runs[4] = count;
      filled++;
      if (colour === 1 && filled >= 5 && ratioOk(runs)) {
        const coreEnd = x - runs[4] - runs[3];
        const cx = Math.round(coreEnd - runs[2] / 2 - 0.5);
        const v1 = crossCheck(bin, width, height, cx, y, 0, 1, maxRun);
        if (v1) {
          const cy = Math.round(y + v1.centre);
          const h2 = crossCheck(bin, width, height, cx, cy, 1, 0, maxRun);
          if (h2) {
            const fx = cx + h2.centre;
            const v2 = crossCheck(bin, width, height, Math.round(fx), cy, 0, 1, maxRun);
            if (v2) {
              const totalH = h2.runs.reduce((a, b) => a + b, 0);
              const totalV = v2.runs.reduce((a, b) => a + b, 0);
              if (totalH < 1.6 * totalV && totalV < 1.6 * totalH) {
                raw.push({ x: fx + 0.5, y: cy + v2.centre + 0.5, module: (totalH + totalV) / (2 * FINDER_SIZE), hits: 1 });
              }
            }
          }
        }
      }
      colour = v;
      count = 1;
    }
  }
  // Cluster confirmations of the same finder.
  const clusters: FinderCandidate[] = [];
  for (const c of raw) {
    const near = clusters.find((k) => Math.hypot(k.x - c.x, k.y - c.y) < 4 * Math.max(k.module, c.module) && c.module < 1.5 * k.module && k.module < 1.5 * c.module);
    if (near) {
      const w = near.hits;
      near.x = (near.x * w + c.x) / (w + 1);
      near.y = (near.y * w + c.y) / (w + 1);
      near.module = (near.module * w + c.module) / (w + 1);
      near.hits++;
    } else clusters.push({ ...c });
  }
  return clusters.sort((a, b) => b.hits - a.hits);
}

export interface FinderQuad {
  /** Four finder centres in cyclic order around their centroid. */
  readonly corners: readonly FinderCandidate[];
  readonly score: number;
  /** Mean finder-to-finder side length ÷ mean module pitch + FINDER_SIZE: an estimate of N. */
  readonly sizeEstimate: number;
  readonly module: number;
}

/** Groups of four candidates that form a plausible (perspective-distorted) square, best first. */
/**
 * Fourth corners for triples that look like three corners of a square (two similar sides at
 * ≈ 90°): the missing finder (stained, glared, cut by a fold) is put at A + C − B, where B is the
 * corner with the right angle. Only from well-confirmed candidates.
 */
function completedCorners(pool: readonly FinderCandidate[]): FinderCandidate[] {
  const out: FinderCandidate[] = [];
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

export function finderQuads(candidates: readonly FinderCandidate[], minSize: number, maxSize: number): FinderQuad[] {
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
