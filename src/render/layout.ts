/**
 * The layout engine: turns text and tables into positioned drawing operations on A4 sheets, in
 * millimetres. It is pure: the only input besides the content is the embedded font's metrics, so
 * the same certificate always gives the same operations, which the PDF writer (vector text) and
 * the bitmap renderer (pixels) then draw. Both draw every glyph at the advance the font's `hmtx`
 * gives, so the two agree with each other and with the PDF viewer.
 */
import { clusters } from './clusters.ts';
import type { FontMetrics } from './font.ts';
import { GlyphSources, MISSING_GLYPH_MARK, type GlyphTable } from './glyph-sources.ts';
import type { QuantisedOutline } from './outline.ts';

export { MISSING_GLYPH_MARK } from './glyph-sources.ts';
export { isVariationSelector } from './clusters.ts';

export const A4 = { width: 210, height: 297 } as const;
/** Millimetres per PostScript point. */
export const MM_PER_PT = 25.4 / 72;

export type Rgb = readonly [number, number, number];
export const BLACK: Rgb = [0, 0, 0];
export const SEAL_RED: Rgb = [200, 30, 30];
export const LABEL_SHADE: Rgb = [235, 235, 235];

export interface TextOp {
  readonly kind: 'text';
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  /** Points. */
  readonly size: number;
  /** Only clusters some source can draw (see `printable`); those in the sheet's `glyphs` are drawn as outlines. */
  readonly text: string;
  /** Extra space after each character, mm. */
  readonly charSpace: number;
  readonly color: Rgb;
}
export interface LineOp {
  readonly kind: 'line';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly width: number;
  readonly color: Rgb;
}
export interface RectOp {
  readonly kind: 'rect';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly fill?: Rgb;
  readonly stroke?: Rgb;
  readonly lineWidth: number;
}
export interface CircleOp {
  readonly kind: 'circle';
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  readonly stroke: Rgb;
  readonly lineWidth: number;
}
/** A 1-bit image (a scanned 印影), drawn as filled cells so both backends agree exactly. */
export interface BitsOp {
  readonly kind: 'bits';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly columns: number;
  readonly rows: number;
  readonly bits: Uint8Array;
  readonly color: Rgb;
}
export type DrawOp = TextOp | LineOp | RectOp | CircleOp | BitsOp;

export interface Sheet {
  readonly ops: DrawOp[];
  /** Outlines of the clusters this sheet draws as paths (not from the certificate font). */
  readonly glyphs?: GlyphTable;
}

export class TextMeasure {
  readonly glyphs: GlyphSources;
  constructor(
    readonly font: FontMetrics,
    carried?: GlyphTable,
    /** Variation sequences from the font's own variants (render version 2; see GlyphSources). */
    variants = true,
  ) {
    this.glyphs = new GlyphSources(font, carried, variants);
  }

  /**
   * Keeps every cluster some source can draw (src/render/glyph-sources.ts) and replaces the rest
   * with 〓 — or, for a variation sequence (異体字, IVS U+E0100–E01EF or U+FE00–FE0F) no source
   * has, with its base character — and reports them, so none is dropped silently.
   */
  printable(text: string): { text: string; missing: string[] } {
    let out = '';
    const missing: string[] = [];
    for (const cluster of clusters(text)) {
      const glyph = this.glyphs.resolve(cluster);
      if (glyph.kind !== 'missing') out += cluster;
      else {
        out += glyph.printed;
        if (!missing.includes(cluster)) missing.push(cluster);
      }
    }
    return { text: out, missing };
  }

  /** Advance of one cluster, mm. */
  advance(cluster: string, size: number): number {
    return this.glyphs.advanceEm(cluster) * size * MM_PER_PT;
  }

  width(text: string, size: number, charSpace = 0): number {
    let w = 0;
    for (const cluster of clusters(text)) w += this.advance(cluster, size) + charSpace;
    return w;
  }

  /** The outlines of the clusters in `text` that are drawn as paths. */
  outlinesIn(text: string): [string, QuantisedOutline][] {
    const found: [string, QuantisedOutline][] = [];
    for (const cluster of clusters(text)) {
      const glyph = this.glyphs.resolve(cluster);
      if (glyph.kind === 'outline') found.push([cluster, glyph.outline]);
    }
    return found;
  }

  ascent(size: number): number {
    return (this.font.ascender / this.font.unitsPerEm) * size * MM_PER_PT;
  }

  /**
   * Greedy line breaking for Japanese text: a line may break between any two characters, except
   * that closing punctuation never starts a line and opening brackets never end one (JIS X 4051
   * 行頭禁則/行末禁則, simplified), and a run of Latin letters or digits breaks at a space when it can.
   */
  wrap(text: string, maxWidth: number, size: number): string[] {
    const chars = clusters(text);
    const lines: string[] = [];
    let start = 0;
    while (start < chars.length) {
      let width = 0;
      let end = start;
      while (end < chars.length) {
        const w = this.advance(chars[end], size);
        if (width + w > maxWidth && end > start) break;
        width += w;
        end++;
      }
      if (end < chars.length) {
        // 行頭禁則: pull characters back so the next line does not start with closing punctuation.
        while (end - 1 > start && NO_LINE_START.has(chars[end])) end--;
        // 行末禁則: an opening bracket moves to the next line.
        while (end - 1 > start && NO_LINE_END.has(chars[end - 1])) end--;
        // Latin words: break at the last space within the line if the break falls inside a word.
        if (isWordChar(chars[end]) && isWordChar(chars[end - 1])) {
          let space = end - 1;
          while (space > start && chars[space] !== ' ') space--;
          if (space > start) end = space + 1;
        }
      }
      lines.push(chars.slice(start, end).join('').replace(/ +$/, ''));
      start = end;
      while (start < chars.length && chars[start] === ' ') start++;
    }
    return lines.length ? lines : [''];
  }
}

const NO_LINE_START = new Set([...'、。，．・：；？！ー）」』】〕〉》ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞ,.)]}']);
const NO_LINE_END = new Set([...'（「『【〔〈《([{']);
const isWordChar = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9]/.test(ch);

/** Collects drawing operations and the characters substituted on the way. */
export class Painter {
  readonly ops: DrawOp[] = [];
  readonly missing: string[] = [];
  /** Outlines of the clusters drawn as paths so far (the sheet's `glyphs`). */
  readonly glyphs = new Map<string, QuantisedOutline>();
  constructor(readonly measure: TextMeasure) {}

  noteMissing(raw: string): void {
    for (const ch of this.measure.printable(raw).missing) if (!this.missing.includes(ch)) this.missing.push(ch);
  }

  text(x: number, y: number, raw: string, size: number, options: { color?: Rgb; charSpace?: number } = {}): number {
    const { text } = this.measure.printable(raw);
    this.noteMissing(raw);
    const charSpace = options.charSpace ?? 0;
    for (const [cluster, outline] of this.measure.outlinesIn(text)) this.glyphs.set(cluster, outline);
    if (text.length) this.ops.push({ kind: 'text', x, y, size, text, charSpace, color: options.color ?? BLACK });
    return this.measure.width(text, size, charSpace);
  }

  /** Text aligned within [x, x+w]: 'left', 'center' or 'right'. */
  textIn(x: number, w: number, y: number, raw: string, size: number, align: 'left' | 'center' | 'right', options: { color?: Rgb; charSpace?: number } = {}): void {
    const width = this.measure.width(this.measure.printable(raw).text, size, options.charSpace ?? 0) - (options.charSpace ?? 0);
    const left = align === 'left' ? x : align === 'center' ? x + (w - width) / 2 : x + w - width;
    this.text(left, y, raw, size, options);
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.25, color: Rgb = BLACK): void {
    this.ops.push({ kind: 'line', x1, y1, x2, y2, width, color });
  }

  rect(x: number, y: number, w: number, h: number, style: { fill?: Rgb; stroke?: Rgb; lineWidth?: number }): void {
    this.ops.push({ kind: 'rect', x, y, w, h, fill: style.fill, stroke: style.stroke, lineWidth: style.lineWidth ?? 0.25 });
  }

  circle(cx: number, cy: number, r: number, stroke: Rgb, lineWidth: number): void {
    this.ops.push({ kind: 'circle', cx, cy, r, stroke, lineWidth });
  }

  bits(op: Omit<BitsOp, 'kind'>): void {
    this.ops.push({ kind: 'bits', ...op });
  }
}
