/**
 * Where the cells of the per-character-cell check (cells.ts) are: the printed runs cut into glyph
 * cells on the rendering's own ink. Pure over grey pixels.
 */
import type { GreyImage } from '../vision/grey.ts';

/** A cell, rendering pixels: the core whose residual is judged; alignment looks wider. */
export interface Cell {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One run of printed text (src/verify/front.ts PrintedRun): left x and baseline y in mm, em size in mm. */
export interface TextRun {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
}

const PX_PER_MM_AT = (dpi: number) => dpi / 25.4;

/** Grey below this in the rendering is ink (the forms' shaded cells are 235, text 0–200). */
const INK_LEVEL = 180;
/** Blank columns that separate two cells: glyphs are set with side bearings of ≥ 2 px at 150 dpi, a kanji's own radicals touch or leave one. */
const CELL_GAP = 2;

/**
 * The cells of every run: its em band (an em above the baseline to a fifth below) cut at blank
 * columns of the rendering into glyphs (a half-width digit, a kanji, sometimes a kanji's radical
 * standing apart), each cut again into pieces of at most one em where glyphs touch. Each glyph is
 * its own cell because the rasterisers place glyphs independently to a fraction of a pixel (the
 * 150 dpi rendering and the 300 dpi print disagree by up to half a pixel glyph to glyph), so one
 * offset per glyph fits and one per em of text does not. A cell's box is the ink's box plus one pixel.
 * A run's length is not known from its text (half- and full-width glyphs, character spacing): it
 * runs over its text's em count at most and ends where the next run on its line starts.
 */
export function cellsFromRuns(runs: readonly TextRun[], rendering: GreyImage, dpi: number): Cell[] {
  const k = PX_PER_MM_AT(dpi);
  const { width, height, data } = rendering;
  const cells: Cell[] = [];
  const sorted = [...runs].filter((r) => r.text.trim().length > 0).sort((a, b) => a.y - b.y || a.x - b.x);
  for (const run of sorted) {
    const em = run.size * k;
    const top = Math.max(0, Math.floor(run.y * k - em * 1.0));
    const bottom = Math.min(height, Math.ceil(run.y * k + em * 0.2));
    const next = sorted.find((r) => r !== run && Math.abs(r.y - run.y) < 0.8 && r.x > run.x);
    const start = Math.max(0, Math.floor(run.x * k - 1));
    const limit = Math.min(width, Math.ceil(Math.min(run.x * k + [...run.text].length * em + 2, next ? next.x * k - 1 : Infinity)));
    const inked = (x: number) => {
      for (let y = top; y < bottom; y++) if (data[y * width + x] < INK_LEVEL) return true;
      return false;
    };
    const pieces: [number, number][] = [];
    let from = -1;
    let blank = 0;
    for (let x = start; x <= limit; x++) {
      if (x < limit && inked(x)) {
        if (from < 0) from = x;
        blank = 0;
      } else if (from >= 0 && (++blank >= CELL_GAP || x === limit)) {
        pieces.push([from, x - blank + 1]);
        from = -1;
      }
    }
    for (const [a, b] of pieces) {
      const count = Math.max(1, Math.round((b - a) / (1.1 * em)));
      for (let i = 0; i < count; i++) {
        const x0 = a + Math.round((i * (b - a)) / count);
        const x1 = a + Math.round(((i + 1) * (b - a)) / count);
        let y0 = bottom;
        let y1 = top - 1;
        for (let y = top; y < bottom; y++)
          for (let x = x0; x < x1; x++)
            if (data[y * width + x] < INK_LEVEL) {
              y0 = Math.min(y0, y);
              y1 = Math.max(y1, y);
            }
        if (y1 < y0) continue;
        cells.push(...tiles({ x: x0 - 1, y: y0 - 1, w: x1 - x0 + 2, h: y1 - y0 + 3 }));
      }
    }
  }
  return cells;
}

/**
 * Largest cell side (pixels, about 7 mm at 150 dpi): a bigger glyph (a title, a seal's characters)
 * is cut into tiles, each aligned on its own, as a photo's lens residual varies across it.
 */
const MAX_CELL = 40;

function tiles(cell: Cell): Cell[] {
  const columns = Math.ceil(cell.w / MAX_CELL);
  const rows = Math.ceil(cell.h / MAX_CELL);
  const out: Cell[] = [];
  for (let j = 0; j < rows; j++)
    for (let i = 0; i < columns; i++) {
      const x = cell.x + Math.round((i * cell.w) / columns);
      const y = cell.y + Math.round((j * cell.h) / rows);
      out.push({ x, y, w: cell.x + Math.round(((i + 1) * cell.w) / columns) - x, h: cell.y + Math.round(((j + 1) * cell.h) / rows) - y });
    }
  return out;
}
