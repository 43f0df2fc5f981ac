/**
 * Where each cluster's glyph comes from, in the order of the character policy
 * (docs/certificates.md, "Characters"):
 *   1. the certificate font, BIZ UD Mincho: its cmap; a variation sequence its cmap format 14
 *      lists is drawn from its own outline (so the selector survives into the PDF's text);
 *   2. the outlines the certificate carries (`Certificate.glyphs`): IPAmj明朝 (文字情報基盤) from
 *      the glyph pack, then the municipality's own 外字 — chosen at issue time and signed;
 *   3. nothing: 〓 (or, for a variation sequence, its base character) and the note on the paper.
 * The front at the kiosk and the verifier's restored image resolve from the same two inputs, so
 * they draw the same glyph in the same place.
 */
import type { CarriedGlyph } from '../documents/types.ts';
import { splitCluster } from './clusters.ts';
import type { FontMetrics } from './font.ts';
import { OUTLINE_GRID, quantiseOutline, type QuantisedOutline } from './outline.ts';
import { decodeOutline } from './outline-codec.ts';

/** Cluster → outline: the glyphs a sheet draws as paths rather than from the certificate font. */
export type GlyphTable = ReadonlyMap<string, QuantisedOutline>;

export type ClusterGlyph =
  | { readonly kind: 'font' }
  | { readonly kind: 'outline'; readonly outline: QuantisedOutline }
  /** No source has it: `printed` stands in for it (〓, or the base of a variation sequence). */
  | { readonly kind: 'missing'; readonly printed: string };

/** The substitute printed for a character no source has: 〓 (ゲタ記号), the typesetters' mark for a missing kanji. */
export const MISSING_GLYPH_MARK = '〓';


export function glyphTableOf(carried: readonly CarriedGlyph[] | undefined): GlyphTable {
  return new Map((carried ?? []).map((g) => [g.cluster, decodeOutline(g.outline)]));
}

export class GlyphSources {
  private readonly cache = new Map<string, ClusterGlyph>();
  constructor(
    readonly font: FontMetrics,
    readonly carried: GlyphTable = new Map(),
    /** False for render version 1 content: a variation sequence prints as its base character, as it was issued. */
    readonly variants = true,
  ) {}

  resolve(cluster: string): ClusterGlyph {
    let found = this.cache.get(cluster);
    if (!found) {
      found = this.lookup(cluster);
      this.cache.set(cluster, found);
    }
    return found;
  }

  /** True when the certificate font alone can draw the cluster: nothing needs carrying for it. */
  inBaseFont(cluster: string): boolean {
    const { base, selector } = splitCluster(cluster);
    if (!selector) return this.font.has(base) || base === 0x20 || base === 0x3000 || base < 0x20;
    return this.font.variations.lookup(base, selector) !== undefined;
  }

  private lookup(cluster: string): ClusterGlyph {
    const { base, selector } = splitCluster(cluster);
    if (!selector) {
      if (this.inBaseFont(cluster)) return { kind: 'font' };
      const carried = this.carried.get(cluster);
      return carried ? { kind: 'outline', outline: carried } : { kind: 'missing', printed: MISSING_GLYPH_MARK };
    }
    const variant = this.variants ? this.font.variations.lookup(base, selector) : undefined;
    if (variant !== undefined) {
      const glyph = variant === 'default' ? this.font.glyphId(base) : variant;
      const contours = this.font.contours(glyph);
      if (contours) return { kind: 'outline', outline: quantiseOutline(contours, this.font.glyphAdvance(glyph), this.font.unitsPerEm) };
    }
    const carried = this.carried.get(cluster);
    if (carried) return { kind: 'outline', outline: carried };
    return { kind: 'missing', printed: this.font.has(base) ? String.fromCodePoint(base) : MISSING_GLYPH_MARK };
  }

  /** Advance of a resolved cluster in em. */
  advanceEm(cluster: string): number {
    const glyph = this.resolve(cluster);
    if (glyph.kind === 'outline') return glyph.outline.advance / OUTLINE_GRID;
    const ch = glyph.kind === 'font' ? cluster : glyph.printed;
    return this.font.advance(ch.codePointAt(0)!) / this.font.unitsPerEm;
  }
}
