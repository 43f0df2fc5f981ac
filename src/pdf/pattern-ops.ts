/**
 * Vector patterns in the PDF at physical sizes, so the print path never resamples them: every dot,
 * line and module is a filled path in millimetres. Repeating screens are PDF tiling patterns
 * (PDF 32000-1 §8.7.3, PaintType 1, TilingType 1 = constant spacing): one cell's content is
 * stored once and the viewer or printer repeats it, which keeps a full-page 『複写』 pantograph to a
 * few kilobytes instead of two million rectangles.
 *
 * jsPDF has no drawing calls for patterns outside its "advanced" mode, so the content-stream
 * operators (PDF 32000-1 §8.5, §8.6.8) are written directly with `doc.internal.write`, in
 * millimetres with y down: each block starts with the `cm` below, so its numbers read like the
 * layout's. A pattern's own matrix maps its cell to the page's default space (§8.7.3.1), so it
 * carries the same mm → pt flip plus the pattern's anchor.
 */
import { TilingPattern, type jsPDF } from 'jspdf';
import type { PantographPlan } from '../patterns/pantograph.ts';
import type { LatentPlan } from '../patterns/latent-line.ts';
import type { IrEmblemPlan, Cmyk } from '../patterns/ir-emblem.ts';
import type { GroundTile } from '../patterns/ground.ts';
import type { Box } from './back-layout.ts';

const PT_PER_MM = 72 / 25.4;
/** A4 height in points: the page's default space has y up from the bottom edge. */
const PAGE_HEIGHT_PT = 297 * PT_PER_MM;

/** Numbers with 0.1 µm resolution, no trailing zeros: device pixels stay exact at 1200 dpi. */
export const num = (v: number): string => {
  const s = v.toFixed(4);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
};

/** The matrix [a b c d e f] taking mm, y down, from (x0, y0) on the page, rotated by `deg`, to default space (pt, y up). */
function pageMatrix(x0: number, y0: number, deg = 0): number[] {
  const t = (deg * Math.PI) / 180;
  const [cos, sin] = [Math.cos(t), Math.sin(t)];
  return [PT_PER_MM * cos, -PT_PER_MM * sin, -PT_PER_MM * sin, -PT_PER_MM * cos, PT_PER_MM * x0, PAGE_HEIGHT_PT - PT_PER_MM * y0];
}

/** Appends operators to the current content stream (a page, or a pattern cell being recorded). */
const write = (doc: jsPDF, operators: string) => (doc.internal as unknown as { write(s: string): void }).write(operators);

/** Starts a block in mm with y down. */
const MM_SPACE = `q ${pageMatrix(0, 0).map(num).join(' ')} cm`;

export function rectPath(rects: ArrayLike<number>, dx = 0, dy = 0): string {
  const out: string[] = [];
  for (let i = 0; i + 3 < rects.length; i += 4) out.push(`${num(rects[i] + dx)} ${num(rects[i + 1] + dy)} ${num(rects[i + 2])} ${num(rects[i + 3])} re`);
  return out.join('\n');
}

function squaresPath(dots: ArrayLike<number>): string {
  const out: string[] = [];
  for (let i = 0; i + 2 < dots.length; i += 3) out.push(`${num(dots[i])} ${num(dots[i + 1])} ${num(dots[i + 2])} ${num(dots[i + 2])} re`);
  return out.join('\n');
}

function polylinePath(line: ArrayLike<number>): string {
  const out: string[] = [`${num(line[0])} ${num(line[1])} m`];
  for (let i = 2; i + 1 < line.length; i += 2) out.push(`${num(line[i])} ${num(line[i + 1])} l`);
  return out.join('\n');
}

/**
 * Registers a coloured tiling pattern whose cell (`widthMm` × `heightMm`, mm, y down) holds
 * `content`, anchored at (x0, y0) mm on the page and rotated by `deg`; returns its resource name.
 */
function tilingPattern(doc: jsPDF, key: string, widthMm: number, heightMm: number, content: string, x0: number, y0: number, deg = 0): string {
  let id = '';
  doc.advancedAPI((d) => {
    const [a, b, c, e0, e, f] = pageMatrix(x0, y0, deg);
    const pattern = new TilingPattern([0, 0, widthMm, heightMm], widthMm, heightMm, undefined, d.Matrix(a, b, c, e0, e, f));
    d.beginTilingPattern(pattern);
    write(d, content);
    d.endTilingPattern(key, pattern);
    id = (pattern as unknown as { id: string }).id;
  });
  return id;
}

/** Each document's registered patterns: key → resource name. */
const registered = new WeakMap<jsPDF, Map<string, string>>();

/** Registers a pattern once per document (keyed by everything that shapes it). */
function cachedPattern(doc: jsPDF, key: string, make: () => string): string {
  let cache = registered.get(doc);
  if (!cache) registered.set(doc, (cache = new Map()));
  let id = cache.get(key);
  if (!id) {
    id = make();
    cache.set(key, id);
  }
  return id;
}

const fillWith = (id: string, path: string) => (path ? `/Pattern cs /${id} scn\n${path}\nf` : '');

/**
 * The 『複写』 pantograph at (x, y) mm in the painting order of `PantographPlan`, then paper-white
 * `keepOuts` (the carrier's and the QR's quiet zones and the emblems stay clear of dots).
 */
export function drawPantograph(doc: jsPDF, plan: PantographPlan, at: { x: number; y: number }, keepOuts: readonly Box[] = [], planKey = 'p'): void {
  const { x, y } = at;
  const bg = cachedPattern(doc, `panto-bg-${planKey}-${x}-${y}`, () => tilingPattern(doc, `panto-bg-${planKey}-${x}-${y}`, plan.backgroundTile.sideMm, plan.backgroundTile.sideMm, `0 g\n${squaresPath(plan.backgroundTile.dots)}\nf`, x, y));
  const msg = cachedPattern(doc, `panto-msg-${planKey}-${x}-${y}`, () => tilingPattern(doc, `panto-msg-${planKey}-${x}-${y}`, plan.messageTile.sideMm, plan.messageTile.sideMm, `0 g\n${squaresPath(plan.messageTile.dots)}\nf`, x, y));
  const area = `${num(x)} ${num(y)} ${num(plan.widthMm)} ${num(plan.heightMm)} re`;
  const parts = [MM_SPACE, fillWith(bg, area), `1 g\n${rectPath(plan.outlineRects, x, y)}\nf`, fillWith(msg, rectPath(plan.messageRects, x, y))];
  const camo = plan.camouflageTile;
  if (camo) {
    const curves = camo.curves.map(polylinePath).join('\n');
    const id = cachedPattern(doc, `panto-camo-${planKey}-${x}-${y}`, () => tilingPattern(doc, `panto-camo-${planKey}-${x}-${y}`, camo.sideMm, camo.sideMm, `1 G ${num(camo.widthMm)} w 0 J 0 j\n${curves}\nS`, x, y));
    // Clipped to the area: the tile repeats past its edges.
    parts.push(`q ${area} W n\n${fillWith(id, area)}\nQ`);
  }
  if (keepOuts.length > 0) parts.push(`1 g\n${keepOuts.map((b) => `${num(b.x)} ${num(b.y)} ${num(b.width)} ${num(b.height)} re`).join('\n')}\nf`);
  parts.push('Q');
  write(doc, parts.filter(Boolean).join('\n'));
}

/**
 * The 万線 latent emblem: lines at the plan's angle, shifted half a period inside the mark. Drawn
 * as explicit bands (four-point paths, about 40 per emblem) under a clip, not as a tiling pattern:
 * renderers snap a pattern's step to whole device pixels, which would bend a rotated 1 mm period
 * and blur the spectral peak the verifier's reveal looks for.
 */
export function drawLatentEmblem(doc: jsPDF, plan: LatentPlan, box: Box): void {
  const rect = `${num(box.x)} ${num(box.y)} ${num(box.width)} ${num(box.height)} re`;
  const mark = rectPath(plan.markRects, box.x, box.y);
  const outside = latentBands(plan, box, 0);
  const inside = latentBands(plan, box, 0.5);
  write(
    doc,
    [
      MM_SPACE,
      '0 g',
      // Outside the mark: the emblem with the mark's cells cut out (even-odd; the cells never overlap).
      `q ${rect}${mark ? `\n${mark}` : ''} W* n`,
      outside,
      'f Q',
      mark ? `q ${mark} W n\n${inside}\nf Q` : '',
      'Q',
    ]
      .filter(Boolean)
      .join('\n'),
  );
}

/**
 * The screen's lines as bands across `box` (mm, page coordinates): phase φ = (x·cos θ + y·sin θ)/p
 * from the emblem's corner, ink where frac(φ + shift) < lineFraction, as the raster draws it.
 */
function latentBands(plan: LatentPlan, box: Box, shift: number): string {
  const t = (plan.angleDeg * Math.PI) / 180;
  const [cos, sin] = [Math.cos(t), Math.sin(t)];
  const p = plan.periodMm;
  // Phase range over the box's corners, and a length along the lines that covers it.
  const corners = [0, box.width].flatMap((x) => [0, box.height].map((y) => (x * cos + y * sin) / p));
  const reach = Math.hypot(box.width, box.height);
  const out: string[] = [];
  for (let k = Math.floor(Math.min(...corners)) - 1; k <= Math.ceil(Math.max(...corners)); k++) {
    // Band from u0 to u1 across the lines (mm), running ±reach along them from the corner.
    const u0 = (k - shift) * p;
    const u1 = u0 + plan.lineFraction * p;
    const point = (u: number, v: number) => `${num(box.x + u * cos - v * sin)} ${num(box.y + u * sin + v * cos)}`;
    out.push(`${point(u0, -reach)} m ${point(u1, -reach)} l ${point(u1, reach)} l ${point(u0, reach)} l h`);
  }
  return out.join('\n');
}

const cmyk = (c: Cmyk) => `${c.map(num).join(' ')} k`;

/** The IR emblem: the C+M+Y surround, then the K-only mark over it (knocked out, so no K falls on CMY). */
export function drawIrEmblem(doc: jsPDF, plan: IrEmblemPlan, box: Box): void {
  const mark = rectPath(plan.markRects, box.x, box.y);
  write(doc, [MM_SPACE, cmyk(plan.surround), `${num(box.x)} ${num(box.y)} ${num(box.width)} ${num(box.height)} re f`, cmyk(plan.mark), mark, 'f', 'Q'].join('\n'));
}

/** The 地紋: the ground tile repeated over `area`, stroked in its tint. */
export function drawGround(doc: jsPDF, tile: GroundTile, area: Box, seedKey: string): void {
  const [r, g, b] = tile.tint.map((v) => num(v / 255));
  const curves = tile.curves.map(polylinePath).join('\n');
  const id = cachedPattern(doc, `ground-${seedKey}`, () => tilingPattern(doc, `ground-${seedKey}`, tile.sideMm, tile.sideMm, `${r} ${g} ${b} RG ${num(tile.lineWidthMm)} w 1 J 1 j\n${curves}\nS`, area.x, area.y));
  write(doc, [MM_SPACE, fillWith(id, `${num(area.x)} ${num(area.y)} ${num(area.width)} ${num(area.height)} re`), 'Q'].join('\n'));
}

/** Black rectangles (x, y, w, h interleaved, mm) at (x, y), on a white ground of `white`: carrier and QR modules. */
export function drawModules(doc: jsPDF, rects: ArrayLike<number>, at: { x: number; y: number }, white?: Box): void {
  const ground = white ? `1 g ${num(white.x)} ${num(white.y)} ${num(white.width)} ${num(white.height)} re f` : '';
  write(doc, [MM_SPACE, ground, '0 g', rectPath(rects, at.x, at.y), 'f', 'Q'].filter(Boolean).join('\n'));
}
