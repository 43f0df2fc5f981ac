/**
 * Which outlines a certificate carries: every cluster of its printed text that the registry
 * holds an outline for (docs/certificates.md, "Characters"). The registry only holds outlines
 * for clusters the certificate font lacks (the glyph pack leaves out what BIZ UD Mincho draws,
 * and 外字 sit in the Private Use Area), so what is carried is exactly what a verifier cannot
 * draw with its own font. Among the sources the glyph pack (文字情報基盤) comes before 外字.
 */
import { fromBase64 } from '../bytes/bytes.ts';
import type { CarriedGlyph, Certificate } from '../documents/types.ts';
import { clusters, isVariationSelector } from '../render/clusters.ts';
import { decodeOutline } from '../render/outline-codec.ts';
import type { Municipality, RegistryGlyph } from './model.ts';

/**
 * The most outline bytes one certificate carries (docs/certificates.md, "What the seal carries"):
 * about seven complex kanji at the measured mean (`seal.glyph_bytes.per_char`). With a six-person
 * household the seal then still fits the flatbed carrier's largest grid with room to spare. Past
 * it the kiosk refuses the certificate ('too-many-glyphs': apply at the counter) rather than print
 * 〓 on a certificate whose registered characters it knows.
 */
export const MAX_CARRIED_GLYPH_BYTES = 2048;

const SOURCE_ORDER: Record<RegistryGlyph['source'], number> = { ipamj: 0, gaiji: 1 };

/** Cluster → outline bytes over every municipality, the issuer's first, the pack before 外字. */
export function glyphTableOf(municipalities: readonly Municipality[], issuerCode: string): Map<string, Uint8Array> {
  const ordered = [...municipalities].sort((a, b) => Number(b.code === issuerCode) - Number(a.code === issuerCode));
  const table = new Map<string, Uint8Array>();
  for (const m of ordered) {
    const glyphs = [...(m.glyphs ?? [])].sort((a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source]);
    for (const g of glyphs) if (!table.has(g.cluster)) table.set(g.cluster, fromBase64(g.outline));
  }
  return table;
}

/** Every string the certificate prints (its values, recursively). */
function textsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) textsOf(v, out);
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) for (const v of Object.values(value)) textsOf(v, out);
  return out;
}

/** The outlines `cert` needs from `table`, sorted by cluster (UTF-16 order: deterministic seal bytes). */
export function carriedGlyphs(cert: Certificate, table: ReadonlyMap<string, Uint8Array>): CarriedGlyph[] {
  const needed = new Set<string>();
  for (const text of textsOf(cert)) for (const cluster of clusters(text)) if (table.has(cluster)) needed.add(cluster);
  return [...needed].sort().map((cluster) => ({ cluster, outline: table.get(cluster)! }));
}

/** True when some printed text of `cert` has a variation selector (drawn by the version 2 rules). */
export function hasVariationSequence(cert: Certificate): boolean {
  return textsOf(cert).some((text) => [...text].some((ch) => isVariationSelector(ch.codePointAt(0)!)));
}

/** The clusters of every text in a registry snapshot (what an import must find glyphs for). */
export function clustersOf(value: unknown): Set<string> {
  const found = new Set<string>();
  for (const text of textsOf(value)) for (const cluster of clusters(text)) found.add(cluster);
  return found;
}

/** Why a registry glyph cannot be used (one cluster, a well-formed outline), or undefined: the import check. */
export function glyphProblem(g: RegistryGlyph): string | undefined {
  if (clusters(g.cluster).length !== 1) return 'not one character';
  try {
    decodeOutline(fromBase64(g.outline));
  } catch (error) {
    return error instanceof Error ? error.message : 'bad outline';
  }
  return undefined;
}
