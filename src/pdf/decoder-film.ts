/**
 * The printable decoder film (issue #10): the latent emblem's own grating — lines at the screen's
 * period and angle (src/patterns/latent-line.ts LATENT_DEFAULTS), the same ink fraction — drawn as
 * vector strokes at physical size on an A4 page, for a transparency. Laid over the emblem with
 * its lines parallel to the screen's, the surround shows through half-dark and even, while inside
 * the mark the film's lines cover the paper's gaps (the mark is shifted by half a period): 証
 * appears as a dark shape (research/anti-forgery.md §3.2, the moiré decoder). Turning the film a
 * little sweeps a moiré across the emblem and makes the mark easy to find.
 */
import { LATENT_DEFAULTS } from '../patterns/latent-line.ts';
import type { FontMetrics } from '../render/font.ts';
import { BLACK, Painter, TextMeasure, type Sheet } from '../render/layout.ts';

/** The grating's square on the page (mm): larger than the emblem so it can be turned over it. */
export interface FilmSquare {
  readonly x: number;
  readonly y: number;
  readonly size: number;
}

export const FILM_SQUARE: FilmSquare = { x: 45, y: 80, size: 120 };

export interface FilmLine {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/**
 * The grating's ink lines (centre lines, mm, y down as on the page), clipped to the square. The
 * screen inks where frac((x·cos θ + y·sin θ)/p) < f, so a line's centre sits at (k + f/2)·p along
 * the normal (cos θ, sin θ) and its stroke is f·p wide.
 */
export function decoderFilmLines(square: FilmSquare = FILM_SQUARE, periodMm: number = LATENT_DEFAULTS.periodMm, angleDeg: number = LATENT_DEFAULTS.angleDeg, fraction: number = LATENT_DEFAULTS.lineFraction): FilmLine[] {
  const theta = (angleDeg * Math.PI) / 180;
  const [nx, ny] = [Math.cos(theta), Math.sin(theta)];
  const { x, y, size } = square;
  const corners = [
    [x, y],
    [x + size, y],
    [x, y + size],
    [x + size, y + size],
  ];
  const offsets = corners.map(([cx, cy]) => cx * nx + cy * ny);
  const first = Math.ceil(Math.min(...offsets) / periodMm - fraction / 2);
  const last = Math.floor(Math.max(...offsets) / periodMm - fraction / 2);
  const lines: FilmLine[] = [];
  for (let k = first; k <= last; k++) {
    const segment = clipLine(nx, ny, (k + fraction / 2) * periodMm, square);
    if (segment) lines.push(segment);
  }
  return lines;
}

/** The part of the line {p : p·n = d} inside the square, or null. */
function clipLine(nx: number, ny: number, d: number, { x, y, size }: FilmSquare): FilmLine | null {
  const points: [number, number][] = [];
  const EPS = 1e-9;
  // Crossings with the vertical edges (x fixed) and the horizontal edges (y fixed).
  for (const ex of [x, x + size]) {
    if (Math.abs(ny) < EPS) continue;
    const ey = (d - ex * nx) / ny;
    if (ey >= y - EPS && ey <= y + size + EPS) points.push([ex, ey]);
  }
  for (const ey of [y, y + size]) {
    if (Math.abs(nx) < EPS) continue;
    const ex = (d - ey * ny) / nx;
    if (ex >= x - EPS && ex <= x + size + EPS) points.push([ex, ey]);
  }
  if (points.length < 2) return null;
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const [a, b] = [points[0], points[points.length - 1]];
  return Math.hypot(b[0] - a[0], b[1] - a[1]) < 0.01 ? null : { x1: a[0], y1: a[1], x2: b[0], y2: b[1] };
}

const INSTRUCTIONS = [
  '1. 透明フィルム（OHPフィルム）に、倍率「実際のサイズ（100%）」で印刷してください（「用紙に合わせる」は使わない）。',
  '2. 枠の一辺が120 mmであることを定規で確かめてください。違う場合は線の間隔も合わず、潜像は見えません。',
  '3. 証明書の裏面の潜像（細い平行線の四角い模様）にフィルムを重ね、線の向きがそろうまでゆっくり回してください。',
  '4. 模様の中に「証」の字が濃く浮かび上がれば、その用紙は kofu の潜像模様で印刷されています。',
  '5. これは用紙の印刷を確かめるだけです。記載内容が正しいことは、アプリで署名を確認して確かめてください。',
  '1. Print on transparency film at actual size (100 %), never “fit to page”. 2. Check that the frame measures 120 mm.',
  '3. Lay the film over the latent emblem on the back and turn it slowly until the lines run parallel: 証 appears dark.',
  '4. This shows that the paper carries kofu’s latent screen, not that its content is genuine: the app’s signature check does that.',
];

/** The decoder film as one A4 sheet. */
export function decoderFilmSheet(font: FontMetrics): Sheet {
  const p = new Painter(new TextMeasure(font));
  const m = p.measure;
  p.textIn(0, 210, 14 + m.ascent(16), 'kofu 潜像デコーダーフィルム / latent-image decoder film', 16, 'center');
  INSTRUCTIONS.forEach((line, i) => p.text(15, 28 + i * 5.5 + m.ascent(8), line, 8));
  const { periodMm, angleDeg, lineFraction } = LATENT_DEFAULTS;
  for (const l of decoderFilmLines()) p.line(l.x1, l.y1, l.x2, l.y2, lineFraction * periodMm);
  const { x, y, size } = FILM_SQUARE;
  p.rect(x - 1, y - 1, size + 2, size + 2, { stroke: BLACK, lineWidth: 0.2 });
  p.textIn(x, size, y + size + 5 + m.ascent(8), `周期 ${periodMm.toFixed(1)} mm・角度 ${angleDeg}°・線幅 ${(lineFraction * periodMm).toFixed(1)} mm / period ${periodMm} mm, ${angleDeg}°, 120 mm frame`, 8, 'center');
  return { ops: p.ops };
}
