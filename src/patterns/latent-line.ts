/**
 * 潜像 by phase-modulated line screen (万線位相変調, research/anti-forgery.md §3.2): parallel lines
 * at period p and angle θ, shifted by p/2 inside the hidden mark. Inside and outside have the same
 * line width, so the same mean density, and the mark does not read at a glance; a grating of
 * period p laid over it (the decoder film, decoder-film.ts) or a software demodulator
 * (src/vision/latent-reveal.ts) turns the phase difference into light and dark.
 *
 * The mark is an embedded bitmap glyph (glyphs.ts, 証 by default), centred in the emblem.
 */
import { SHO, type BitmapGlyph } from './glyphs.ts';
import { blankRaster, cellRectangles, mmFromPx, type PatternRaster } from './raster.ts';

export interface LatentLineOptions {
  readonly widthMm: number;
  readonly heightMm: number;
  /** Line period; ≥ 4 scan pixels at 300 dpi and ≥ 4 at a 150 dpi phone photo (§3.2). */
  readonly periodMm?: number;
  readonly angleDeg?: number;
  /** Ink fraction of each period (the line width over the period). */
  readonly lineFraction?: number;
  readonly mark?: BitmapGlyph;
  /** Height of the mark as a fraction of the emblem's smaller side. */
  readonly markScale?: number;
  /** False renders the same screen with no mark: the control sheet of the tests. */
  readonly withMark?: boolean;
}

export const LATENT_DEFAULTS = { periodMm: 1.0, angleDeg: 30, lineFraction: 0.5, markScale: 0.7 } as const;

/** Where the mark's cells fall in the emblem (mm): cell side and the glyph's top-left corner. */
function markPlacement(o: LatentLineOptions) {
  const mark = o.mark ?? SHO;
  const side = Math.min(o.widthMm, o.heightMm) * (o.markScale ?? LATENT_DEFAULTS.markScale);
  const cell = side / Math.max(mark.width, mark.height);
  return { mark, cell, x0: (o.widthMm - cell * mark.width) / 2, y0: (o.heightMm - cell * mark.height) / 2 };
}

/** Whether (xMm, yMm) lies in the hidden mark. */
export function latentMarkAt(o: LatentLineOptions): (xMm: number, yMm: number) => boolean {
  const { mark, cell, x0, y0 } = markPlacement(o);
  return (x, y) => {
    const gx = Math.floor((x - x0) / cell);
    const gy = Math.floor((y - y0) / cell);
    return gx >= 0 && gy >= 0 && gx < mark.width && gy < mark.height && mark.cells[gy * mark.width + gx] === 1;
  };
}

/** Renders the line screen at `dpi` (grey, 0 = ink). */
export function renderLatentLineScreen(o: LatentLineOptions, dpi = 600): PatternRaster {
  const r = blankRaster(o.widthMm, o.heightMm, dpi);
  const period = o.periodMm ?? LATENT_DEFAULTS.periodMm;
  const theta = ((o.angleDeg ?? LATENT_DEFAULTS.angleDeg) * Math.PI) / 180;
  const fraction = o.lineFraction ?? LATENT_DEFAULTS.lineFraction;
  const inMark = o.withMark ?? true ? latentMarkAt(o) : () => false;
  const cos = Math.cos(theta) / period;
  const sin = Math.sin(theta) / period;
  for (let y = 0; y < r.height; y++) {
    const yMm = mmFromPx(y + 0.5, dpi);
    for (let x = 0; x < r.width; x++) {
      const xMm = mmFromPx(x + 0.5, dpi);
      // Phase in periods across the lines; half a period more inside the mark.
      const phase = xMm * cos + yMm * sin + (inMark(xMm, yMm) ? 0.5 : 0);
      if (phase - Math.floor(phase) < fraction) r.data[y * r.width + x] = 0;
    }
  }
  return r;
}

/** The mark alone (0 = inside), at the same size and resolution: the truth the reveal is scored against. */
export function renderLatentMark(o: LatentLineOptions, dpi = 600): PatternRaster {
  const r = blankRaster(o.widthMm, o.heightMm, dpi);
  const inMark = latentMarkAt(o);
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) if (inMark(mmFromPx(x + 0.5, dpi), mmFromPx(y + 0.5, dpi))) r.data[y * r.width + x] = 0;
  }
  return r;
}

/**
 * The line screen as a vector plan for the PDF (mm from the emblem's top-left corner): lines of
 * `lineFraction` × `periodMm` at `angleDeg` (phase x·cos θ + y·sin θ in periods, y down, as the
 * raster), shifted by half a period inside `markRects` (x, y, w, h interleaved).
 */
export interface LatentPlan {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly periodMm: number;
  readonly angleDeg: number;
  readonly lineFraction: number;
  readonly markRects: Float64Array;
}

export function latentPlan(o: LatentLineOptions): LatentPlan {
  const { mark, cell, x0, y0 } = markPlacement(o);
  const rects = (o.withMark ?? true) ? cellRectangles(mark.cells, mark.width, mark.height) : [];
  return {
    widthMm: o.widthMm,
    heightMm: o.heightMm,
    periodMm: o.periodMm ?? LATENT_DEFAULTS.periodMm,
    angleDeg: o.angleDeg ?? LATENT_DEFAULTS.angleDeg,
    lineFraction: o.lineFraction ?? LATENT_DEFAULTS.lineFraction,
    markRects: Float64Array.from(rects.flatMap(([c, r, w, h]) => [x0 + c * cell, y0 + r * cell, w * cell, h * cell])),
  };
}
