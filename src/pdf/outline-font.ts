/**
 * A small TrueType font built from carried outlines, so the PDF embeds the fallback and 外字
 * glyphs as a font (searchable, copyable, `pdffonts` lists it) like the certificate font's.
 * jsPDF reads BMP code points only and knows no variation selectors, so cluster i is mapped to
 * the Private Use code point U+E000 + i in this font's cmap; the PDF's ToUnicode CMap then maps
 * each glyph back to the cluster's real code points, UTF-16BE with surrogate pairs and the
 * selector included (PDF 32000-1 §9.10.3), which is what `pdftotext` extracts.
 *
 * Tables (OpenType 1.9): head, hhea, maxp, hmtx, cmap (3/1 format 4), loca (long), glyf (simple
 * glyphs, no hinting), name, post (format 3). Units per em = OUTLINE_GRID, so grid coordinates are
 * font units as they are.
 */
import type { QuantisedOutline } from '../render/outline.ts';
import { OUTLINE_GRID } from '../render/outline.ts';

export const PRIVATE_USE_START = 0xe000;
/** The Private Use Area holds 6,400 code points; a certificate carries a handful. */
export const MAX_OUTLINE_FONT_GLYPHS = 0xf8ff - PRIVATE_USE_START + 1;

export interface OutlineFont {
  readonly ttf: Uint8Array;
  /** Cluster → the Private Use character that stands for it in this font. */
  readonly codeOf: ReadonlyMap<string, string>;
  /** Glyph id → cluster (glyph 0 is .notdef). */
  readonly clusterOfGlyph: readonly string[];
}

const ASCENDER = Math.round(OUTLINE_GRID * 0.88);
const DESCENDER = -Math.round(OUTLINE_GRID * 0.12);

class Writer {
  private bytes: number[] = [];
  u8(v: number) {
    this.bytes.push(v & 0xff);
    return this;
  }
  u16(v: number) {
    return this.u8(v >> 8).u8(v);
  }
  i16(v: number) {
    return this.u16(v < 0 ? v + 0x10000 : v);
  }
  u32(v: number) {
    return this.u16(Math.floor(v / 0x10000) & 0xffff).u16(v & 0xffff);
  }
  raw(data: ArrayLike<number>) {
    for (let i = 0; i < data.length; i++) this.bytes.push(data[i]);
    return this;
  }
  get length() {
    return this.bytes.length;
  }
  pad4() {
    while (this.bytes.length % 4) this.bytes.push(0);
    return this;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export function buildOutlineFont(glyphs: readonly (readonly [string, QuantisedOutline])[], postScriptName: string): OutlineFont {
  if (glyphs.length > MAX_OUTLINE_FONT_GLYPHS) throw new RangeError('too many outline glyphs for one font');
  const outlines = [{ advance: OUTLINE_GRID, contours: [] } as QuantisedOutline, ...glyphs.map(([, o]) => o)];
  const numGlyphs = outlines.length;
  const glyf = new Writer();
  const offsets: number[] = [];
  let [xMin, yMin, xMax, yMax] = [0, DESCENDER, OUTLINE_GRID, ASCENDER];
  let maxPoints = 0;
  let maxContours = 0;
  for (const outline of outlines) {
    offsets.push(glyf.length);
    const points = outline.contours.flat();
    if (!points.length) continue; // an empty glyph has no data (loca repeats the offset)
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    [xMin, yMin, xMax, yMax] = [Math.min(xMin, box[0]), Math.min(yMin, box[1]), Math.max(xMax, box[2]), Math.max(yMax, box[3])];
    maxPoints = Math.max(maxPoints, points.length);
    maxContours = Math.max(maxContours, outline.contours.length);
    glyf.i16(outline.contours.length).i16(box[0]).i16(box[1]).i16(box[2]).i16(box[3]);
    let end = -1;
    for (const contour of outline.contours) glyf.u16((end += contour.length));
    glyf.u16(0); // no instructions
    for (const p of points) glyf.u8(p.on ? 1 : 0); // ON_CURVE; coordinates as int16 deltas
    let prev = 0;
    for (const x of xs) glyf.i16(x - prev), (prev = x);
    prev = 0;
    for (const y of ys) glyf.i16(y - prev), (prev = y);
    glyf.pad4();
  }
  offsets.push(glyf.length);

  const loca = new Writer();
  for (const o of offsets) loca.u32(o);
  const hmtx = new Writer();
  for (const o of outlines) hmtx.u16(o.advance).i16(0);
  const advanceMax = Math.max(...outlines.map((o) => o.advance));

  const head = new Writer()
    .u32(0x00010000).u32(0x00010000).u32(0).u32(0x5f0f3cf5).u16(0x000b).u16(OUTLINE_GRID)
    .u32(0).u32(0).u32(0).u32(0) // created, modified: fixed, so the same glyphs give the same bytes
    .i16(xMin).i16(yMin).i16(xMax).i16(yMax).u16(0).u16(8).i16(2).i16(1).i16(0);
  const hhea = new Writer()
    .u32(0x00010000).i16(ASCENDER).i16(DESCENDER).i16(0).u16(advanceMax).i16(0).i16(0).i16(xMax)
    .i16(1).i16(0).i16(0).i16(0).i16(0).i16(0).i16(0).i16(0).u16(numGlyphs);
  const maxp = new Writer().u32(0x00010000).u16(numGlyphs).u16(maxPoints).u16(maxContours).u16(0).u16(0).u16(2);
  for (let i = 0; i < 8; i++) maxp.u16(0);
  const post = new Writer().u32(0x00030000).u32(0).i16(-20).i16(10).u32(0).u32(0).u32(0).u32(0).u32(0);

  // cmap: one format 4 segment U+E000 … U+E000+n−1 → glyphs 1 … n, and the closing 0xFFFF segment.
  const last = PRIVATE_USE_START + glyphs.length - 1;
  const segments = glyphs.length ? [[PRIVATE_USE_START, last, (1 - PRIVATE_USE_START) & 0xffff], [0xffff, 0xffff, 1]] : [[0xffff, 0xffff, 1]];
  const segX2 = segments.length * 2;
  const log2 = Math.floor(Math.log2(segments.length));
  const sub = new Writer().u16(4).u16(16 + segments.length * 8).u16(0).u16(segX2).u16(2 * 2 ** log2).u16(log2).u16(segX2 - 2 * 2 ** log2);
  for (const s of segments) sub.u16(s[1]);
  sub.u16(0);
  for (const s of segments) sub.u16(s[0]);
  for (const s of segments) sub.u16(s[2]);
  for (let i = 0; i < segments.length; i++) sub.u16(0);
  const cmap = new Writer().u16(0).u16(1).u16(3).u16(1).u32(12).raw(sub.done());

  const name = nameTable(postScriptName);
  const ttf = assemble({ cmap: cmap.done(), glyf: glyf.done(), head: head.done(), hhea: hhea.done(), hmtx: hmtx.done(), loca: loca.done(), maxp: maxp.done(), name, post: post.done() });
  const codeOf = new Map(glyphs.map(([cluster], i) => [cluster, String.fromCharCode(PRIVATE_USE_START + i)]));
  return { ttf, codeOf, clusterOfGlyph: ['', ...glyphs.map(([c]) => c)] };
}

/** Macintosh Roman records (platform 1): plain ASCII, which is all a PostScript name may hold. */
function nameTable(postScriptName: string): Uint8Array {
  const strings: [number, string][] = [[1, postScriptName], [2, 'Regular'], [3, postScriptName], [4, postScriptName], [6, postScriptName]];
  const storage = new Writer();
  const records = new Writer();
  for (const [id, text] of strings) {
    const ascii = [...text].map((c) => c.charCodeAt(0) & 0x7f);
    records.u16(1).u16(0).u16(0).u16(id).u16(ascii.length).u16(storage.length);
    storage.raw(ascii);
  }
  return new Writer().u16(0).u16(strings.length).u16(6 + strings.length * 12).raw(records.done()).raw(storage.done()).done();
}

/** The sfnt wrapper: table records sorted by tag, each table 4-byte aligned with its checksum. */
function assemble(tables: Record<string, Uint8Array>): Uint8Array {
  const tags = Object.keys(tables).sort();
  const n = tags.length;
  const log2 = Math.floor(Math.log2(n));
  const out = new Writer().u32(0x00010000).u16(n).u16(16 * 2 ** log2).u16(log2).u16(n * 16 - 16 * 2 ** log2);
  let offset = 12 + n * 16;
  for (const tag of tags) {
    const data = tables[tag];
    out.raw([...tag].map((c) => c.charCodeAt(0))).u32(checksum(data)).u32(offset).u32(data.length);
    offset += Math.ceil(data.length / 4) * 4;
  }
  for (const tag of tags) out.raw(tables[tag]).pad4();
  return out.done();
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum = (sum + (((data[i] << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0)) >>> 0)) >>> 0;
  return sum;
}

/** UTF-16BE hex of a cluster, for a ToUnicode bfchar destination (PDF 32000-1 §9.10.3). */
export function utf16Hex(cluster: string): string {
  let hex = '';
  for (let i = 0; i < cluster.length; i++) hex += cluster.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return hex;
}

/** The ToUnicode CMap for an outline font: glyph id (= CID, Identity-H) → the cluster's code points. */
export function outlineToUnicode(font: OutlineFont): string {
  const entries = font.clusterOfGlyph.map((cluster, gid) => (gid ? `<${gid.toString(16).padStart(4, '0')}><${utf16Hex(cluster)}>` : '')).filter(Boolean);
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) blocks.push(`${Math.min(100, entries.length - i)} beginbfchar\n${entries.slice(i, i + 100).join('\n')}\nendbfchar`);
  return [
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <<\n  /Registry (Adobe)\n  /Ordering (UCS)\n  /Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><ffff>\nendcodespacerange',
    ...blocks,
    'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend',
  ].join('\n');
}
