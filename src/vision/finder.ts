/**
 * Finder patterns: concentric squares whose centre lines cross dark and light runs in the ratio
 * 1:1:3:1:1, the signature ISO/IEC 18004 §12 uses for QR (7 modules across) and kofu's carrier
 * uses at 2:2:7:2:2 (15 modules across). A row scan for the ratio, a vertical and a second
 * horizontal cross-check through the core, then clustering of the confirmations.
 */
import type { Point } from './homography.ts';

export interface FinderPattern extends Point {
  /** Estimated module pitch in pixels. */
  module: number;
  /** How many scan lines confirmed it. */
  hits: number;
}

export interface FinderSearch {
  /** Modules across the pattern along a centre line (QR: 7). */
  readonly modulesAcross: number;
  /** Largest module pitch in pixels worth looking for; bounds the runs followed. */
  readonly maxModule: number;
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

/**
 * Finder patterns in a binary image (1 = dark), most often confirmed first. A pattern is reported
 * once per cluster of confirming scan lines, at the mean of their centres.
 */
export function findFinderPatterns(bin: Uint8Array, width: number, height: number, search: FinderSearch): FinderPattern[] {
  const { modulesAcross, maxModule } = search;
  const raw: FinderPattern[] = [];
  // No run of a finder is longer than its core; 9 pitches covers the carrier's 7-module core with room.
  const maxRun = Math.ceil(maxModule * 9);
  const runs = [0, 0, 0, 0, 0];
  // Every second row: a finder core worth finding is several pixels tall (the carrier's is 7
  // modules × ≥ 1.2 px), so it is still crossed by several scan lines, and the cross-checks run
  // on every pixel anyway.
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
                raw.push({ x: fx + 0.5, y: cy + v2.centre + 0.5, module: (totalH + totalV) / (2 * modulesAcross), hits: 1 });
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
  const clusters: FinderPattern[] = [];
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
