/**
 * Grid refinement: the module grid → image map starts as the homography from the four finder
 * centres (exact for a flat sheet under a pinhole camera); paper curl, lens distortion and
 * scanner scale errors then move the alignment patterns off it. Each is found by template matching, starting
 * from its neighbours' measured displacement, breadth-first from the finders, and the measured
 * displacements become the map's displacement field (see sample.ts).
 */
import type { GreyImage } from '../vision/grey.ts';
import { applyHomography, homographyFrom4, homographyJacobian, type Point } from '../vision/homography.ts';
import { makeTemplate, matchTemplate } from '../vision/template-match.ts';
import { alignmentValue, ALIGN_SIZE, FINDER_CENTRE, FINDER_SIZE, finderValue, type Layout } from './format.ts';
import type { FinderQuad } from './locate.ts';
import { makeGridMap, type GridMap } from './sample.ts';

/** Finder centres in module coordinates, in the format's corner order TL, TR, BR, BL. */
export function finderCentres(size: number): Point[] {
  const a = FINDER_CENTRE + 0.5;
  const b = size - a;
  return [
    { x: a, y: a },
    { x: b, y: a },
    { x: b, y: b },
    { x: a, y: b },
  ];
}

/** The grid map of a size-N symbol whose finders are the quad's corners (no displacement yet), or null if degenerate. */
export function gridMapFor(quad: FinderQuad, layout: Layout): GridMap | null {
  const h = homographyFrom4(finderCentres(layout.size), quad.corners);
  return h ? makeGridMap(h, layout.lattice) : null;
}

/** Search range (modules) for each finder: wide where the corner was inferred rather than seen. */
export function cornerSearchRanges(quad: FinderQuad): number[] {
  return quad.corners.map((c) => (c.synthetic ? 3 : 0.75));
}

/** Image pixels per module at the symbol's centre (the square root of the map's area scale there). */
export function pixelsPerModule(map: GridMap, size: number): number {
  const centre = homographyJacobian(map.h, size / 2, size / 2);
  return Math.sqrt(Math.abs(centre[0] * centre[3] - centre[1] * centre[2]));
}

/** Finder template: the finder plus a one-module white ring (separator or quiet zone on every side). */
const FINDER_TEMPLATE = (() => {
  const values: number[] = [];
  for (let r = -1; r <= FINDER_SIZE; r++)
    for (let c = -1; c <= FINDER_SIZE; c++) {
      const inside = r >= 0 && c >= 0 && r < FINDER_SIZE && c < FINDER_SIZE;
      values.push(inside ? finderValue(r, c) : 0);
    }
  return makeTemplate(values, FINDER_SIZE + 2);
})();

/** Alignment template: the 5×5 pattern alone (its surroundings are data). */
const ALIGNMENT_TEMPLATE = makeTemplate(
  Array.from({ length: ALIGN_SIZE * ALIGN_SIZE }, (_, i) => alignmentValue(Math.floor(i / ALIGN_SIZE), i % ALIGN_SIZE)),
  ALIGN_SIZE,
);

/** Search range (modules) around an alignment pattern's predicted position. */
const ALIGNMENT_SEARCH_RANGE = 1.25;
/** Correlation below which a match is ignored (the point keeps its neighbours' prediction). */
const MIN_MATCH_SCORE = 0.35;

/**
 * Measures the displacement field at every lattice point of `map` in place. `cornerRanges`: search
 * range (modules) at each finder. Returns the share of alignment patterns found.
 */
export function refineGrid(grey: GreyImage, map: GridMap, cornerRanges: readonly number[]): number {
  const L = map.lattice.length;
  const known = new Uint8Array(L * L);
  const found = new Uint8Array(L * L);
  const corners = [
    [0, 0],
    [0, L - 1],
    [L - 1, L - 1],
    [L - 1, 0],
  ];
  let alignments = 0;
  let alignmentsFound = 0;
  const queue: number[] = [];
  corners.forEach(([i, j]) => {
    queue.push(i * L + j);
    known[i * L + j] = 1;
  });
  for (let head = 0; head < queue.length; head++) {
    const k = queue[head];
    const i = Math.floor(k / L);
    const j = k % L;
    // Prediction: mean displacement of the already measured 8-neighbours.
    let dx = 0;
    let dy = 0;
    let count = 0;
    for (let a = -1; a <= 1; a++)
      for (let b = -1; b <= 1; b++) {
        const ii = i + a;
        const jj = j + b;
        if ((a || b) && ii >= 0 && jj >= 0 && ii < L && jj < L && found[ii * L + jj]) {
          dx += map.disp[2 * (ii * L + jj)];
          dy += map.disp[2 * (ii * L + jj) + 1];
          count++;
        }
      }
    if (count) {
      dx /= count;
      dy /= count;
    }
    const x = map.lattice[j];
    const y = map.lattice[i];
    const base = applyHomography(map.h, x, y);
    const jac = homographyJacobian(map.h, x, y);
    const cornerIndex = corners.findIndex(([ci, cj]) => ci === i && cj === j);
    const template = cornerIndex >= 0 ? FINDER_TEMPLATE : ALIGNMENT_TEMPLATE;
    const range = cornerIndex >= 0 ? cornerRanges[cornerIndex] : ALIGNMENT_SEARCH_RANGE;
    const predicted = { x: base.x + dx, y: base.y + dy };
    const m = matchTemplate(grey, template, predicted, jac, range);
    if (cornerIndex < 0) alignments++;
    const accepted = m.score > MIN_MATCH_SCORE;
    if (accepted) {
      map.disp[2 * k] = dx + jac[0] * m.offset.x + jac[1] * m.offset.y;
      map.disp[2 * k + 1] = dy + jac[2] * m.offset.x + jac[3] * m.offset.y;
      found[k] = 1;
      if (cornerIndex < 0) alignmentsFound++;
    } else {
      map.disp[2 * k] = dx;
      map.disp[2 * k + 1] = dy;
    }
    for (const [a, b] of [
      [0, 1],
      [1, 0],
      [0, -1],
      [-1, 0],
    ]) {
      const ii = i + a;
      const jj = j + b;
      if (ii >= 0 && jj >= 0 && ii < L && jj < L && !known[ii * L + jj]) {
        known[ii * L + jj] = 1;
        queue.push(ii * L + jj);
      }
    }
  }
  return alignments ? alignmentsFound / alignments : 1;
}
