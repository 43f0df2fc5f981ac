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
import { blankRaster, fillRect, hash3, mmFromPx, pxFromMm, type PatternRaster } from './raster.ts';

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
}

const DEFAULT_MESSAGE_HEIGHT_MM = 18;
/** Space between repeated words, in glyph heights. */
const WORD_GAP = 0.6;
/** Camouflage: curve spacing, wave amplitude and wavelength (mm), knockout width (device px). */
const CAMO_SPACING_MM = 3.2;
const CAMO_AMPLITUDE_MM = 1.1;
const CAMO_WAVELENGTH_MM = 9;
const CAMO_WIDTH_PX_AT_600 = 1;

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
function forEachDot(l: Layout, seed: number, dot: (x: number, y: number, size: number) => void): void {
  const { background, message, outlinePx: o } = l.profile;
  const mp = message.pitchPx;
  const bp = background.pitchPx;
  const bd = background.dotPx;
  const perCell = mp / bp;
  const mOffset = Math.floor((mp - message.dotPx) / 2);
  const isMessage = (c: number, r: number) => c >= 0 && r >= 0 && c < l.cols && r < l.rows && l.message[r * l.cols + c] === 1;
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
          const h = hash3(seed, c * perCell + i, r * perCell + j);
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
function camouflageCurves(l: Layout, seed: number): number[][] {
  const dpi = l.profile.dpi;
  const spacing = pxFromMm(CAMO_SPACING_MM, dpi);
  const amp = pxFromMm(CAMO_AMPLITUDE_MM, dpi);
  const k = (2 * Math.PI) / pxFromMm(CAMO_WAVELENGTH_MM, dpi);
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

/** Knocks a polyline out of the raster (white), `width` px wide, sampled densely along each segment. */
function knockOut(r: PatternRaster, line: readonly number[], width: number): void {
  for (let i = 0; i + 3 < line.length; i += 2) {
    const [x1, y1, x2, y2] = [line[i], line[i + 1], line[i + 2], line[i + 3]];
    const n = Math.ceil(Math.max(Math.abs(x2 - x1), Math.abs(y2 - y1))) + 1;
    for (let s = 0; s <= n; s++) {
      const x = Math.round(x1 + ((x2 - x1) * s) / n - width / 2);
      const y = Math.round(y1 + ((y2 - y1) * s) / n - width / 2);
      fillRect(r, x, y, width, width, 255);
    }
  }
}

const camoWidth = (l: Layout) => Math.max(1, Math.round((CAMO_WIDTH_PX_AT_600 * l.profile.dpi) / 600));

/** Renders the pantograph at the profile's resolution. */
export function renderPantograph(o: PantographOptions): PatternRaster {
  const l = layout(o);
  const r = blankRaster(o.widthMm, o.heightMm, l.profile.dpi);
  const { width, height, data } = r;
  forEachDot(l, o.seed, (x, y, s) => {
    // Single-pixel dots are most of an A4 sheet: write them directly.
    if (s === 1) {
      if (x < width && y < height) data[y * width + x] = 0;
    } else fillRect(r, x, y, s, s);
  });
  if (o.camouflage ?? true) for (const curve of camouflageCurves(l, o.seed)) knockOut(r, curve, camoWidth(l));
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
  forEachDot(l, o.seed, (x, y, s) => coords.push(mmFromPx(x, dpi), mmFromPx(y, dpi), mmFromPx(s, dpi)));
  const knockouts = o.camouflage ?? true ? camouflageCurves(l, o.seed).map((c) => Float64Array.from(c, (v) => mmFromPx(v, dpi))) : [];
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
