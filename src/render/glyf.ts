/**
 * TrueType outlines: the `loca` and `glyf` tables (OpenType 1.9, "glyf — Glyph Data", "loca —
 * Index to Location"). Simple glyphs are quadratic B-spline contours of on- and off-curve points;
 * composite glyphs place other glyphs with an offset and an optional 2×2 transform. Font units,
 * y up, as in the font. Used to take the outlines a fallback font or a municipality's 外字 font
 * provides (src/render/outline-codec.ts makes them compact).
 */

export interface OutlinePoint {
  readonly x: number;
  readonly y: number;
  /** On the curve; an off-curve point is a quadratic control point (two in a row imply an on-curve midpoint). */
  readonly on: boolean;
}
export type Contour = readonly OutlinePoint[];

/** Offsets and flags of the `head` and `glyf` tables. */
const HEAD_INDEX_TO_LOC_FORMAT = 50;
const GLYPH_HEADER = 10;
/** Simple-glyph point flags ("glyf", "Simple glyph description", flags table). */
const POINT = { onCurve: 0x01, xShort: 0x02, yShort: 0x04, repeat: 0x08, xSameOrPositive: 0x10, ySameOrPositive: 0x20 } as const;
/** Component flags ("glyf", "Composite glyph description", component flags table). */
const COMPONENT = { arg1And2AreWords: 0x0001, argsAreXyValues: 0x0002, weHaveAScale: 0x0008, moreComponents: 0x0020, weHaveAnXAndYScale: 0x0040, weHaveATwoByTwo: 0x0080 } as const;
/** Composite glyphs nest; a hostile font could loop. Real CJK fonts nest two or three deep. */
const MAX_COMPOSITE_DEPTH = 8;

export interface GlyfReader {
  /** The glyph's contours, or `undefined` when it is out of range or malformed. */
  contours(glyphId: number): Contour[] | undefined;
}

export function glyfReader(view: DataView, tables: { head: number; loca: number; glyf: number; glyfLength: number }, numGlyphs: number): GlyfReader {
  const longOffsets = view.getInt16(tables.head + HEAD_INDEX_TO_LOC_FORMAT) === 1;
  const locate = (glyphId: number): [number, number] => {
    if (longOffsets) return [view.getUint32(tables.loca + glyphId * 4), view.getUint32(tables.loca + glyphId * 4 + 4)];
    return [view.getUint16(tables.loca + glyphId * 2) * 2, view.getUint16(tables.loca + glyphId * 2 + 2) * 2];
  };

  const read = (glyphId: number, depth: number): Contour[] => {
    if (glyphId < 0 || glyphId >= numGlyphs || depth > MAX_COMPOSITE_DEPTH) throw new RangeError('glyph');
    const [start, end] = locate(glyphId);
    if (end < start || end > tables.glyfLength) throw new RangeError('loca');
    if (end === start) return []; // an empty glyph (a space)
    const at = tables.glyf + start;
    const numberOfContours = view.getInt16(at);
    return numberOfContours >= 0 ? readSimple(view, at, numberOfContours) : readComposite(view, at + GLYPH_HEADER, (id) => read(id, depth + 1));
  };

  return {
    contours(glyphId) {
      try {
        return read(glyphId, 0);
      } catch {
        return undefined; // RangeError from DataView or our own checks: a malformed glyph
      }
    },
  };
}

function readSimple(view: DataView, at: number, numberOfContours: number): Contour[] {
  let p = at + GLYPH_HEADER;
  const ends: number[] = [];
  for (let i = 0; i < numberOfContours; i++, p += 2) ends.push(view.getUint16(p));
  const count = numberOfContours ? ends[numberOfContours - 1] + 1 : 0;
  const instructionLength = view.getUint16(p);
  p += 2 + instructionLength;
  const flags = new Uint8Array(count);
  for (let i = 0; i < count; ) {
    const flag = view.getUint8(p++);
    let repeat = flag & POINT.repeat ? view.getUint8(p++) : 0;
    flags[i++] = flag;
    while (repeat-- > 0 && i < count) flags[i++] = flag;
  }
  const coords = (short: number, sameOrPositive: number): number[] => {
    const out: number[] = [];
    let value = 0;
    for (let i = 0; i < count; i++) {
      const flag = flags[i];
      if (flag & short) {
        const delta = view.getUint8(p++);
        value += flag & sameOrPositive ? delta : -delta;
      } else if (!(flag & sameOrPositive)) {
        value += view.getInt16(p);
        p += 2;
      }
      out.push(value);
    }
    return out;
  };
  const xs = coords(POINT.xShort, POINT.xSameOrPositive);
  const ys = coords(POINT.yShort, POINT.ySameOrPositive);
  const contours: Contour[] = [];
  let first = 0;
  for (const last of ends) {
    if (last < first || last >= count) throw new RangeError('contour end');
    const contour: OutlinePoint[] = [];
    for (let i = first; i <= last; i++) contour.push({ x: xs[i], y: ys[i], on: (flags[i] & POINT.onCurve) !== 0 });
    contours.push(contour);
    first = last + 1;
  }
  return contours;
}

function readComposite(view: DataView, at: number, component: (glyphId: number) => Contour[]): Contour[] {
  const contours: Contour[] = [];
  let p = at;
  let flags: number;
  do {
    flags = view.getUint16(p);
    const glyphId = view.getUint16(p + 2);
    p += 4;
    let dx: number;
    let dy: number;
    if (flags & COMPONENT.arg1And2AreWords) {
      dx = view.getInt16(p);
      dy = view.getInt16(p + 2);
      p += 4;
    } else {
      dx = view.getInt8(p);
      dy = view.getInt8(p + 1);
      p += 2;
    }
    // Point-matching placement (COMPONENT.argsAreXyValues clear) is unused by CJK fonts: placed at the origin.
    if (!(flags & COMPONENT.argsAreXyValues)) dx = dy = 0;
    const f2dot14 = (offset: number) => view.getInt16(offset) / 16384;
    let [a, b, c, d] = [1, 0, 0, 1];
    if (flags & COMPONENT.weHaveAScale) {
      a = d = f2dot14(p);
      p += 2;
    } else if (flags & COMPONENT.weHaveAnXAndYScale) {
      a = f2dot14(p);
      d = f2dot14(p + 2);
      p += 4;
    } else if (flags & COMPONENT.weHaveATwoByTwo) {
      [a, b, c, d] = [f2dot14(p), f2dot14(p + 2), f2dot14(p + 4), f2dot14(p + 6)];
      p += 8;
    }
    for (const contour of component(glyphId)) {
      contours.push(contour.map((pt) => ({ x: a * pt.x + c * pt.y + dx, y: b * pt.x + d * pt.y + dy, on: pt.on })));
    }
  } while (flags & COMPONENT.moreComponents);
  return contours;
}
