/**
 * A minimal TrueType reader: the tables the layout engine needs to measure text exactly as the
 * PDF viewer will draw it (OpenType spec, "cmap", "head", "hhea", "hmtx", "maxp"), the variation
 * sequences of cmap format 14, and — for fallback and 外字 fonts — the outlines in `glyf`. The
 * PDF's /W widths that jsPDF writes come from the same `hmtx` advances, so a line measured here
 * ends where the printed line ends.
 */
import { KofuError, type ParamsOf } from '../bytes/errors.ts';
import { NO_VARIATION_SEQUENCES, readVariationSequences, type VariationSequences } from './cmap14.ts';
import { glyfReader, type Contour } from './glyf.ts';

/** The codes of the render domain; their words are in src/ui/shared/error-messages-data.ts. */
export const RENDER_ERROR_CODES = ['font.bad-ttf', 'render.font-unavailable', 'glyph.bad-outline'] as const;
export type RenderErrorCode = (typeof RENDER_ERROR_CODES)[number];
export interface RenderErrorParams {
  'font.bad-ttf': { readonly detail: string };
  'glyph.bad-outline': { readonly detail: string };
}

export class FontFormatError<Code extends RenderErrorCode = RenderErrorCode> extends KofuError<Code, ParamsOf<RenderErrorParams, Code>> {
  override readonly name = 'FontFormatError';
}

/**
 * Byte offsets inside each table, one record per structure (OpenType 1.9, chapter "Font
 * tables": "Organization of an OpenType font" for the table directory, then "head", "hhea",
 * "maxp" and "cmap").
 */
const SFNT = { numTables: 4, tableRecords: 12, recordSize: 16 } as const;
const HEAD = { unitsPerEm: 18 } as const;
const HHEA = { ascender: 4, descender: 6, numberOfHMetrics: 34 } as const;
const MAXP = { numGlyphs: 4 } as const;
/** cmap encoding records: (platformID, encodingID) pairs this reader looks for. */
const CMAP = {
  windows: { platform: 3, unicodeBmp: 1, unicodeFull: 10 },
  unicode: { platform: 0, variationSequences: 5 },
} as const;

export interface FontMetrics {
  readonly unitsPerEm: number;
  /** hhea ascender and descender, font units (descender is negative). */
  readonly ascender: number;
  readonly descender: number;
  readonly numGlyphs: number;
  /** Glyph id for a code point, 0 (.notdef) when the font lacks it. */
  glyphId(codePoint: number): number;
  /** Advance width of a code point in font units; .notdef's advance when missing. */
  advance(codePoint: number): number;
  has(codePoint: number): boolean;
  /** The code points the cmap maps to a glyph. */
  codePoints(): Iterable<number>;
  /** cmap format 14: how the font draws base + selector (empty when the font has no such subtable). */
  readonly variations: VariationSequences;
  /** Advance width of a glyph id, font units. */
  glyphAdvance(glyphId: number): number;
  /** The glyph's TrueType contours (font units, y up); undefined without `glyf` or for a malformed glyph. */
  contours(glyphId: number): Contour[] | undefined;
}

function bad(detail: string): FontFormatError {
  return new FontFormatError('font.bad-ttf', { detail });
}

export function parseFont(bytes: Uint8Array): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < SFNT.tableRecords) throw bad('too short');
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) throw bad('not TrueType outlines');
  const tables = new Map<string, { offset: number; length: number }>();
  const numTables = view.getUint16(SFNT.numTables);
  for (let i = 0; i < numTables; i++) {
    const at = SFNT.tableRecords + i * SFNT.recordSize;
    const tag = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > bytes.length) throw bad(`table ${tag} out of range`);
    tables.set(tag, { offset, length });
  }
  const table = (tag: string) => {
    const found = tables.get(tag);
    if (!found) throw bad(`no ${tag} table`);
    return found.offset;
  };
  const head = table('head');
  const hhea = table('hhea');
  const hmtx = table('hmtx');
  const maxp = table('maxp');
  const cmap = table('cmap');
  const unitsPerEm = view.getUint16(head + HEAD.unitsPerEm);
  const ascender = view.getInt16(hhea + HHEA.ascender);
  const descender = view.getInt16(hhea + HHEA.descender);
  const numberOfHMetrics = view.getUint16(hhea + HHEA.numberOfHMetrics);
  const numGlyphs = view.getUint16(maxp + MAXP.numGlyphs);

  const map = readCmap(view, cmap);
  const variations = readUvsSubtable(view, cmap);
  const glyf = tables.get('glyf');
  const loca = tables.get('loca');
  const outlines = glyf && loca ? glyfReader(view, { head, loca: loca.offset, glyf: glyf.offset, glyfLength: glyf.length }, numGlyphs) : undefined;
  const advanceOfGlyph = (glyph: number) => {
    // Glyphs past numberOfHMetrics repeat the last advance (hmtx: "monospaced tail").
    const index = Math.min(glyph, numberOfHMetrics - 1);
    return view.getUint16(hmtx + index * 4);
  };
  return {
    unitsPerEm,
    ascender,
    descender,
    numGlyphs,
    glyphId: (cp) => map.get(cp) ?? 0,
    advance: (cp) => advanceOfGlyph(map.get(cp) ?? 0),
    has: (cp) => (map.get(cp) ?? 0) !== 0,
    codePoints: () => map.keys(),
    variations,
    glyphAdvance: advanceOfGlyph,
    contours: (glyph) => outlines?.contours(glyph),
  };
}

/** The Unicode variation sequences subtable (platform 0, encoding 5), if the font has one. */
function readUvsSubtable(view: DataView, cmap: number): VariationSequences {
  const count = view.getUint16(cmap + 2);
  for (let i = 0; i < count; i++) {
    const at = cmap + 4 + i * 8;
    if (view.getUint16(at) !== CMAP.unicode.platform || view.getUint16(at + 2) !== CMAP.unicode.variationSequences) continue;
    try {
      return readVariationSequences(view, cmap + view.getUint32(at + 4));
    } catch {
      throw bad('malformed cmap format 14');
    }
  }
  return NO_VARIATION_SEQUENCES;
}

/** Reads the Windows Unicode subtable: format 12 (full repertoire) if present, else format 4 (BMP). */
function readCmap(view: DataView, cmap: number): Map<number, number> {
  const count = view.getUint16(cmap + 2);
  let full = -1;
  let bmp = -1;
  for (let i = 0; i < count; i++) {
    const at = cmap + 4 + i * 8;
    const platform = view.getUint16(at);
    const encoding = view.getUint16(at + 2);
    const offset = cmap + view.getUint32(at + 4);
    if (platform === CMAP.windows.platform && encoding === CMAP.windows.unicodeFull) full = offset;
    if (platform === CMAP.windows.platform && encoding === CMAP.windows.unicodeBmp) bmp = offset;
  }
  const map = new Map<number, number>();
  if (full >= 0 && view.getUint16(full) === 12) {
    const groups = view.getUint32(full + 12);
    for (let g = 0; g < groups; g++) {
      const at = full + 16 + g * 12;
      const start = view.getUint32(at);
      const end = view.getUint32(at + 4);
      const glyph = view.getUint32(at + 8);
      for (let cp = start; cp <= end; cp++) map.set(cp, glyph + (cp - start));
    }
    return map;
  }
  if (bmp >= 0 && view.getUint16(bmp) === 4) {
    const segX2 = view.getUint16(bmp + 6);
    const ends = bmp + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    for (let s = 0; s < segX2 / 2; s++) {
      const end = view.getUint16(ends + 2 * s);
      const start = view.getUint16(starts + 2 * s);
      const delta = view.getInt16(deltas + 2 * s);
      const rangeOffsetAt = rangeOffsets + 2 * s;
      const rangeOffset = view.getUint16(rangeOffsetAt);
      for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
        else {
          const raw = view.getUint16(rangeOffsetAt + rangeOffset + 2 * (cp - start));
          glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
        }
        if (glyph !== 0) map.set(cp, glyph);
      }
    }
    return map;
  }
  throw bad('no Unicode cmap');
}
