/**
 * 『複写』 void pantograph (けん制文字): a fine background screen and a coarse message screen of equal
 * ink coverage, with 『複写』 repeated over the area in staggered rows, a white outline around the
 * message and a camouflage mesh of thin knocked-out curves, so the word's boundary does not read on
 * the original (research/anti-forgery.md §3.1). A copier's low-pass resampling drops the fine dots
 * and keeps the coarse ones, so the word appears on a copy (copier.ts measures it).
 *
 * Every dot is decided once, by `forEachDot`, from the seed and the device-pixel grid of a printer
 * profile; the rasteriser and the vector geometry (physical mm, for the PDF) both walk it, so they
 * cannot disagree. The message shape comes from the embedded bitmap glyphs in glyphs.ts.
 */
import { FUKUSHA, type BitmapGlyph } from './glyphs.ts';
import { DEFAULT_PRINTER_PROFILE, type PrinterProfile } from './printer-profiles.ts';
import { seededRandom } from '../bytes/seeded-random.ts';
import { blankRaster, cellRectangles, fillRect, hash3, strokePolyline, mmFromPx, pxFromMm, type PatternRaster } from './raster.ts';

export interface PantographOptions {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly seed: number;
  readonly profile?: PrinterProfile;
  /** Height of the message glyphs. */
  readonly messageHeightMm?: number;
  readonly message?: BitmapGlyph;
  /** Draw the camouflage mesh (knocked-out curves over both screens). */
  readonly camouflage?: boolean;
  /**
   * Periodic seeding for vector output: the background dots' phases repeat every
   * `dotCells` message cells and the camouflage every `camouflageCells`, so each is one small
   * PDF tiling pattern (PDF 32000-1 §8.7.3) instead of millions of rectangles. Without it every
   * dot has its own phase (the raster-only form).
   */
  readonly tiling?: PantographTiling;
}

export interface PantographTiling {
  readonly dotCells: number;
  readonly camouflageCells: number;
}

/** The printed sheets' tiling: 3 × 3 message cells of dots (1.5 mm at laser-600), an 18.3 mm camouflage tile. */
export const PRINT_TILING: PantographTiling = { dotCells: 3, camouflageCells: 36 };
const DEFAULT_MESSAGE_HEIGHT_MM = 18;
/** Space between repeated words, in glyph heights. */
const WORD_GAP = 0.6;
/** The camouflage lines, as one unit. */
const CAMOUFLAGE = {
  /** Curve spacing, wave amplitude and wavelength of the free form (mm). */
  spacingMm: 3.2,
  amplitudeMm: 1.1,
  wavelengthMm: 9,
  /** Knockout width in device pixels at 600 dpi (scaled for other printers). */
  widthPxAt600: 1,
  /** Tiled form: curves per tile in each direction, waves per tile along each curve, polyline points per wave. */
  curvesPerTile: 6,
  wavesPerTile: 2,
  pointsPerWave: 16,
} as const;

interface Layout {
  readonly profile: PrinterProfile;
  readonly width: number;
  readonly height: number;
  readonly cols: number;
  readonly rows: number;
  /** 1 where a message cell is part of the word. */
  readonly message: Uint8Array;
}

function layout(o: PantographOptions): Layout {
  const profile = o.profile ?? DEFAULT_PRINTER_PROFILE;
  const width = pxFromMm(o.widthMm, profile.dpi);
  const height = pxFromMm(o.heightMm, profile.dpi);
  const pitch = profile.message.pitchPx;
  const cols = Math.ceil(width / pitch);
  const rows = Math.ceil(height / pitch);
  const glyph = o.message ?? FUKUSHA;
  const cellMm = (o.messageHeightMm ?? DEFAULT_MESSAGE_HEIGHT_MM) / glyph.height;
  const tileW = (glyph.width + WORD_GAP * glyph.height) * cellMm;
  const tileH = glyph.height * (1 + WORD_GAP) * cellMm;
  // A seeded origin so two municipalities' sheets do not line up word for word.
  const random = seededRandom(o.seed);
  const originX = random() * tileW;
  const originY = random() * tileH;
  const message = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const xMm = mmFromPx((c + 0.5) * pitch, profile.dpi) + originX;
      const yMm = mmFromPx((r + 0.5) * pitch, profile.dpi) + originY;
      const row = Math.floor(yMm / tileH);
      // Staggered rows: every other row shifts by half a word.
      const u = (((xMm + (row & 1) * tileW * 0.5) % tileW) + tileW) % tileW;
      const v = yMm - row * tileH;
      const gx = Math.floor(u / cellMm);
      const gy = Math.floor(v / cellMm);
      if (gx < glyph.width && gy < glyph.height) message[r * cols + c] = glyph.cells[gy * glyph.width + gx];
    }
  }
  return { profile, width, height, cols, rows, message };
}

/**
 * Calls `dot(x, y, size)` for every ink dot (device px, top-left corner), message dots first
 * row by row, then background dots. Pure: the same options give the same dots.
 */
function forEachDot(l: Layout, seed: number, tiling: PantographTiling | undefined, dot: (x: number, y: number, size: number) => void): void {
  const { background, message, outlinePx: o } = l.profile;
  const mp = message.pitchPx;
  const bp = background.pitchPx;
  const bd = background.dotPx;
  const perCell = mp / bp;
  const mOffset = Math.floor((mp - message.dotPx) / 2);
  const isMessage = (c: number, r: number) => c >= 0 && r >= 0 && c < l.cols && r < l.rows && l.message[r * l.cols + c] === 1;
  const period = tiling ? tiling.dotCells : Number.MAX_SAFE_INTEGER;
  for (let r = 0; r < l.rows; r++) {
    for (let c = 0; c < l.cols; c++) {
      const x0 = c * mp;
      const y0 = r * mp;
      if (isMessage(c, r)) {
        dot(x0 + mOffset, y0 + mOffset, message.dotPx);
        continue;
      }
      for (let j = 0; j < perCell; j++) {
        for (let i = 0; i < perCell; i++) {
          // A seeded phase inside each background cell breaks the regular texture (§3.1).
          const h = hash3(seed, (c % period) * perCell + i, (r % period) * perCell + j);
          const x = x0 + i * bp + (h % (bp - bd + 1));
          const y = y0 + j * bp + ((h >>> 8) % (bp - bd + 1));
          // White outline: no background dot within `o` px of a message cell.
          const cl = Math.floor((x - o) / mp);
          const cr = Math.floor((x + bd - 1 + o) / mp);
          const rt = Math.floor((y - o) / mp);
          const rb = Math.floor((y + bd - 1 + o) / mp);
          if (isMessage(cl, rt) || isMessage(cr, rt) || isMessage(cl, rb) || isMessage(cr, rb)) continue;
          dot(x, y, bd);
        }
      }
    }
  }
}

/** The camouflage curves as polylines in device px: two families of sine waves, seeded phases. */
function camouflageCurves(l: Layout, seed: number, tiling?: PantographTiling): number[][] {
  if (tiling) return tiledCamouflageCurves(l, seed, tiling, l.width, l.height);
  const dpi = l.profile.dpi;
  const spacing = pxFromMm(CAMOUFLAGE.spacingMm, dpi);
  const amp = pxFromMm(CAMOUFLAGE.amplitudeMm, dpi);
  const k = (2 * Math.PI) / pxFromMm(CAMOUFLAGE.wavelengthMm, dpi);
  const step = Math.max(1, Math.round(dpi / 100));
  const random = seededRandom(seed ^ 0x5bd1e995);
  const curves: number[][] = [];
  for (let y0 = -amp; y0 < l.height + amp; y0 += spacing) {
    const phase = random() * 2 * Math.PI;
    const line: number[] = [];
    for (let x = 0; x <= l.width + step; x += step) line.push(x, y0 + amp * Math.sin(k * x + phase));
    curves.push(line);
  }
  for (let x0 = -amp; x0 < l.width + amp; x0 += spacing) {
    const phase = random() * 2 * Math.PI;
    const line: number[] = [];
    for (let y = 0; y <= l.height + step; y += step) line.push(x0 + amp * Math.sin(k * y + phase), y);
    curves.push(line);
  }
  return curves;
}

/**
 * The tiled camouflage: CAMOUFLAGE.curvesPerTile curves per direction in each tile of `camouflageCells`
 * message cells, their phases repeating with the tile, so one tile's curves, repeated, are the
 * whole mesh. `width` × `height` px is the area to cover (the tile itself for the PDF pattern).
 */
function tiledCamouflageCurves(l: Layout, seed: number, tiling: PantographTiling, width: number, height: number): number[][] {
  const tile = tiling.camouflageCells * l.profile.message.pitchPx;
  const spacing = tile / CAMOUFLAGE.curvesPerTile;
  const amp = Math.min(pxFromMm(CAMOUFLAGE.amplitudeMm, l.profile.dpi), spacing / 2 - 1);
  const k = (2 * Math.PI * CAMOUFLAGE.wavesPerTile) / tile;
  const step = tile / (CAMOUFLAGE.wavesPerTile * CAMOUFLAGE.pointsPerWave);
  const random = seededRandom(seed ^ 0x5bd1e995);
  const phases = Array.from({ length: 2 * CAMOUFLAGE.curvesPerTile }, () => random() * 2 * Math.PI);
  const curves: number[][] = [];
  for (let n = 0; (n + 0.5) * spacing < height + amp; n++) {
    const line: number[] = [];
    const phase = phases[n % CAMOUFLAGE.curvesPerTile];
    for (let s = 0; s * step <= width + step; s++) line.push(s * step, (n + 0.5) * spacing + amp * Math.sin(k * s * step + phase));
    curves.push(line);
  }
  for (let n = 0; (n + 0.5) * spacing < width + amp; n++) {
    const line: number[] = [];
    const phase = phases[CAMOUFLAGE.curvesPerTile + (n % CAMOUFLAGE.curvesPerTile)];
    for (let s = 0; s * step <= height + step; s++) line.push((n + 0.5) * spacing + amp * Math.sin(k * s * step + phase), s * step);
    curves.push(line);
  }
  return curves;
}

const camoWidth = (l: Layout) => Math.max(1, Math.round((CAMOUFLAGE.widthPxAt600 * l.profile.dpi) / 600));

/** Renders the pantograph at the profile's resolution. */
export function renderPantograph(o: PantographOptions): PatternRaster {
  const l = layout(o);
  const r = blankRaster(o.widthMm, o.heightMm, l.profile.dpi);
  const { width, height, data } = r;
  forEachDot(l, o.seed, o.tiling, (x, y, s) => {
    // Single-pixel dots are most of an A4 sheet: write them directly.
    if (s === 1) {
      if (x < width && y < height) data[y * width + x] = 0;
    } else fillRect(r, x, y, s, s);
  });
  if (o.camouflage ?? true) for (const curve of camouflageCurves(l, o.seed, o.tiling)) strokePolyline(r, curve, camoWidth(l), 255);
  return r;
}

export interface PantographGeometry {
  /** Ink squares in mm, interleaved x, y, size (top-left corner). */
  readonly dots: Float64Array;
  /** Camouflage curves in mm (x, y interleaved), to stroke in white over the dots. */
  readonly knockouts: readonly Float64Array[];
  readonly knockoutWidthMm: number;
}

/** The same pattern as vector geometry in physical mm (for jsPDF rectangles and white strokes). */
export function pantographGeometry(o: PantographOptions): PantographGeometry {
  const l = layout(o);
  const dpi = l.profile.dpi;
  const coords: number[] = [];
  forEachDot(l, o.seed, o.tiling, (x, y, s) => coords.push(mmFromPx(x, dpi), mmFromPx(y, dpi), mmFromPx(s, dpi)));
  const knockouts = o.camouflage ?? true ? camouflageCurves(l, o.seed, o.tiling).map((c) => Float64Array.from(c, (v) => mmFromPx(v, dpi))) : [];
  return { dots: Float64Array.from(coords), knockouts, knockoutWidthMm: mmFromPx(camoWidth(l), dpi) };
}

/** Region of each device pixel, for measurements: message interior, background interior, or edge. */
export const REGION = { edge: 0, message: 1, background: 2 } as const;

/**
 * Labels each device pixel by the message cell it lies in: Message if the cell is part of the word
 * (a message cell holds only its coarse dot), Background if no message cell lies within two cells
 * (clear of the white outline), else Edge.
 */
export function pantographRegions(o: PantographOptions): Uint8Array {
  const l = layout(o);
  const mp = l.profile.message.pitchPx;
  const at = (c: number, r: number) => c >= 0 && r >= 0 && c < l.cols && r < l.rows && l.message[r * l.cols + c] === 1;
  const cellRegion = new Uint8Array(l.cols * l.rows);
  for (let r = 0; r < l.rows; r++) {
    for (let c = 0; c < l.cols; c++) {
      let near = false;
      for (let dr = -2; dr <= 2; dr++) for (let dc = -2; dc <= 2; dc++) near ||= at(c + dc, r + dr);
      cellRegion[r * l.cols + c] = at(c, r) ? REGION.message : near ? REGION.edge : REGION.background;
    }
  }
  const out = new Uint8Array(l.width * l.height);
  for (let y = 0; y < l.height; y++) {
    const row = Math.floor(y / mp) * l.cols;
    for (let x = 0; x < l.width; x++) out[y * l.width + x] = cellRegion[row + Math.floor(x / mp)];
  }
  return out;
}

/**
 * The tiled pantograph as a vector plan for the PDF, everything in mm from the area's top-left
 * corner. Painted in this order it gives the raster's dots exactly (pantograph.test.ts checks it):
 *   1. `backgroundTile` repeated over the whole area (the fine screen, tiled phases);
 *   2. `outlineRects` in paper white (the message cells grown by the white outline);
 *   3. `messageRects` filled with `messageTile` (one coarse dot per message cell);
 *   4. `camouflageTile`'s curves stroked in paper white, repeated over the area.
 */
export interface PantographPlan {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly backgroundTile: PlanTile;
  readonly messageTile: PlanTile;
  /** x, y, w, h interleaved: the message cells, merged into rectangles. */
  readonly messageRects: Float64Array;
  readonly outlineRects: Float64Array;
  readonly camouflageTile?: { readonly sideMm: number; readonly curves: readonly Float64Array[]; readonly widthMm: number };
}

export interface PlanTile {
  readonly sideMm: number;
  /** x, y, size interleaved (squares, top-left corner), inside the tile. */
  readonly dots: Float64Array;
}

export function pantographPlan(o: PantographOptions & { readonly tiling: PantographTiling }): PantographPlan {
  const l = layout(o);
  const { dpi, message, outlinePx } = l.profile;
  const mm = (px: number) => mmFromPx(px, dpi);
  const mp = message.pitchPx;
  // The background tile: the dots forEachDot draws in a tile-sized area with no message.
  const tileCells = o.tiling.dotCells;
  const empty: Layout = { ...l, cols: tileCells, rows: tileCells, message: new Uint8Array(tileCells * tileCells) };
  const dots: number[] = [];
  forEachDot(empty, o.seed, o.tiling, (x, y, s) => dots.push(mm(x), mm(y), mm(s)));
  const mOffset = Math.floor((mp - message.dotPx) / 2);
  const rects = cellRectangles(l.message, l.cols, l.rows);
  const toMm = (grow: number) => Float64Array.from(rects.flatMap(([c, r, w, h]) => [mm(c * mp - grow), mm(r * mp - grow), mm(w * mp + 2 * grow), mm(h * mp + 2 * grow)]));
  const camoSide = o.tiling.camouflageCells * mp;
  const camouflage =
    o.camouflage ?? true
      ? { sideMm: mm(camoSide), curves: tiledCamouflageCurves(l, o.seed, o.tiling, camoSide, camoSide).map((c) => Float64Array.from(c, mm)), widthMm: mm(camoWidth(l)) }
      : undefined;
  return {
    widthMm: mm(l.width),
    heightMm: mm(l.height),
    backgroundTile: { sideMm: mm(tileCells * mp), dots: Float64Array.from(dots) },
    messageTile: { sideMm: mm(mp), dots: Float64Array.of(mm(mOffset), mm(mOffset), mm(message.dotPx)) },
    messageRects: toMm(0),
    outlineRects: toMm(outlinePx),
    camouflageTile: camouflage,
  };
}
