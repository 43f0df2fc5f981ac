/**
 * cmap subtable format 14, Unicode Variation Sequences (OpenType 1.9, "cmap", §"Format 14").
 * Platform 0 / encoding 5. For each variation selector it lists the base characters whose
 * *default* glyph (the one the ordinary cmap gives) is also the glyph of the sequence, and the
 * base characters with a *non-default* glyph of their own.
 */

const FORMAT_14 = 14;
const HEADER = 10; // format u16, length u32, numVarSelectorRecords u32
const VAR_SELECTOR_RECORD = 11; // varSelector u24, defaultUVSOffset u32, nonDefaultUVSOffset u32
const UNICODE_RANGE = 4; // startUnicodeValue u24, additionalCount u8
const UVS_MAPPING = 5; // unicodeValue u24, glyphID u16

export interface VariationSequences {
  /** 'default' (draw the base glyph), a glyph id of its own, or undefined when the font does not list the sequence. */
  lookup(base: number, selector: number): 'default' | number | undefined;
  /** Every sequence the font lists. */
  entries(): Iterable<{ base: number; selector: number; glyph: 'default' | number }>;
}

interface SelectorRecord {
  readonly defaults: [number, number][];
  readonly glyphs: Map<number, number>;
}

const u24 = (view: DataView, at: number) => (view.getUint8(at) << 16) | view.getUint16(at + 1);

export const NO_VARIATION_SEQUENCES: VariationSequences = { lookup: () => undefined, entries: () => [] };

/** Reads a format 14 subtable at `at` (absolute offset); malformed parts raise RangeError. */
export function readVariationSequences(view: DataView, at: number): VariationSequences {
  if (view.getUint16(at) !== FORMAT_14) throw new RangeError('not cmap format 14');
  const count = view.getUint32(at + 6);
  const records = new Map<number, SelectorRecord>();
  for (let i = 0; i < count; i++) {
    const r = at + HEADER + i * VAR_SELECTOR_RECORD;
    const selector = u24(view, r);
    const defaultOffset = view.getUint32(r + 3);
    const nonDefaultOffset = view.getUint32(r + 7);
    const defaults: [number, number][] = [];
    const glyphs = new Map<number, number>();
    if (defaultOffset) {
      const n = view.getUint32(at + defaultOffset);
      for (let k = 0; k < n; k++) {
        const e = at + defaultOffset + 4 + k * UNICODE_RANGE;
        const start = u24(view, e);
        defaults.push([start, start + view.getUint8(e + 3)]);
      }
    }
    if (nonDefaultOffset) {
      const n = view.getUint32(at + nonDefaultOffset);
      for (let k = 0; k < n; k++) {
        const e = at + nonDefaultOffset + 4 + k * UVS_MAPPING;
        glyphs.set(u24(view, e), view.getUint16(e + 3));
      }
    }
    records.set(selector, { defaults, glyphs });
  }
  return {
    lookup(base, selector) {
      const record = records.get(selector);
      if (!record) return undefined;
      const glyph = record.glyphs.get(base);
      if (glyph !== undefined) return glyph;
      // Ranges are sorted by start (the spec requires it): a binary search would do, but a name has few characters.
      return record.defaults.some(([start, end]) => base >= start && base <= end) ? 'default' : undefined;
    },
    *entries() {
      for (const [selector, record] of records) {
        for (const [start, end] of record.defaults) for (let base = start; base <= end; base++) yield { base, selector, glyph: 'default' as const };
        for (const [base, glyph] of record.glyphs) yield { base, selector, glyph };
      }
    },
  };
}
