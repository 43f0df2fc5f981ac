/**
 * A glyph outline in the compact form kofu carries: TrueType quadratic contours quantised to a
 * grid of OUTLINE_GRID units per em, y up, origin on the baseline at the glyph's left edge. The
 * same form goes into the seal (so a verifier redraws a name without the font that drew it), into
 * the glyph pack (public/glyphs/) and into a registry's 外字 set. 256 units per em is 0.013 mm for
 * a 9.5 pt name: far below a 600 dpi printer's dot (0.042 mm).
 */
import type { Contour } from './glyf.ts';

export const OUTLINE_GRID = 256;

export interface GridPoint {
  readonly x: number;
  readonly y: number;
  readonly on: boolean;
}

export interface QuantisedOutline {
  /** Advance width, grid units. */
  readonly advance: number;
  readonly contours: readonly (readonly GridPoint[])[];
}

/** Font-unit contours → grid units, without points quantisation made redundant. */
export function quantiseOutline(contours: readonly Contour[], advance: number, unitsPerEm: number): QuantisedOutline {
  const q = (v: number) => Math.round((v * OUTLINE_GRID) / unitsPerEm);
  const out: GridPoint[][] = [];
  for (const contour of contours) {
    const points = dropRedundant(contour.map((p) => ({ x: q(p.x), y: q(p.y), on: p.on })));
    if (points.length >= 3) out.push(points);
  }
  return { advance: q(advance), contours: out };
}

/**
 * Drops repeated points and on-curve points exactly midway between two off-curve neighbours
 * (TrueType implies those: OpenType "glyf", simple glyph description).
 */
function dropRedundant(points: GridPoint[]): GridPoint[] {
  const kept: GridPoint[] = [];
  for (const p of points) {
    const last = kept[kept.length - 1];
    if (last && last.x === p.x && last.y === p.y && last.on === p.on) continue;
    kept.push(p);
  }
  while (kept.length > 1 && kept[0].x === kept[kept.length - 1].x && kept[0].y === kept[kept.length - 1].y && kept[0].on === kept[kept.length - 1].on) kept.pop();
  const n = kept.length;
  if (n < 4) return kept;
  return kept.filter((p, i) => {
    if (!p.on) return true;
    const prev = kept[(i + n - 1) % n];
    const next = kept[(i + 1) % n];
    return !(!prev.on && !next.on && prev.x + next.x === 2 * p.x && prev.y + next.y === 2 * p.y);
  });
}

export type PathSegment =
  | { readonly op: 'M' | 'L'; readonly x: number; readonly y: number }
  | { readonly op: 'Q'; readonly cx: number; readonly cy: number; readonly x: number; readonly y: number }
  | { readonly op: 'Z' };

/** The outline as move/line/quadratic segments (grid units, y up): what a canvas or PDF path draws. */
export function outlineSegments(outline: QuantisedOutline): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const contour of outline.contours) {
    const n = contour.length;
    if (n < 2) continue;
    // Start at an on-curve point; a contour of off-curve points only starts at an implied midpoint.
    const firstOn = contour.findIndex((p) => p.on);
    const start = firstOn >= 0 ? contour[firstOn] : mid(contour[n - 1], contour[0]);
    const order = firstOn >= 0 ? [...contour.slice(firstOn + 1), ...contour.slice(0, firstOn + 1)] : [...contour, contour[0]];
    segments.push({ op: 'M', x: start.x, y: start.y });
    let control: GridPoint | undefined;
    for (const p of order) {
      if (p.on) {
        segments.push(control ? { op: 'Q', cx: control.x, cy: control.y, x: p.x, y: p.y } : { op: 'L', x: p.x, y: p.y });
        control = undefined;
      } else {
        if (control) {
          const m = mid(control, p);
          segments.push({ op: 'Q', cx: control.x, cy: control.y, x: m.x, y: m.y });
        }
        control = p;
      }
    }
    if (control) segments.push({ op: 'Q', cx: control.x, cy: control.y, x: start.x, y: start.y });
    segments.push({ op: 'Z' });
  }
  return segments;
}

const mid = (a: GridPoint, b: GridPoint): GridPoint => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, on: true });
