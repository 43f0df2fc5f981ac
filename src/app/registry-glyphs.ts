/**
 * The glyphs a kiosk's registry needs, held with the registry (docs/registry.md, "Characters"):
 * after an import, every cluster of the records that the certificate font cannot draw is looked
 * up in the glyph pack (public/glyphs/ipamj/, fetched shard by shard — only the shards the
 * registry needs, never the whole pack) and stored in its municipality's `glyphs`; staff add
 * the municipality's 外字 from a font or outlines file. What no source has is listed, so staff
 * know which characters would print as 〓.
 *
 * Browser edge: fetch (the shards), through `fetchShard` so tests can serve them. On the device it
 * runs in the registry worker (workers/registry-import.worker.ts), which reads the whole registry
 * there: a city's 100,000 residents are never read or cloned on the admin screen's thread.
 */
import { decodeShard, GLYPH_PACK_PATH, shardName } from '../render/glyph-pack.ts';
import { GlyphSources } from '../render/glyph-sources.ts';
import type { FontMetrics } from '../render/font.ts';
import { isPrivateUse } from '../registry/gaiji.ts';
import { clustersOf } from '../registry/glyphs.ts';
import type { Municipality, RegistryGlyph, RegistrySnapshot } from '../registry/model.ts';
import type { Registry } from '../registry/registry.ts';
import { toBase64 } from '../bytes/bytes.ts';

/** A shard's bytes, or undefined when the pack has no such shard (404). Throws when offline. */
export type FetchShard = (name: string) => Promise<Uint8Array | undefined>;

export const fetchPackShard: FetchShard = async (name) => {
  const base = new URL(import.meta.env?.BASE_URL ?? '/', globalThis.location?.href ?? 'http://localhost/');
  const response = await fetch(new URL(GLYPH_PACK_PATH + name, base));
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`glyph pack ${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
};

export interface GlyphStatus {
  /** Outlines held, by source, and their bytes. */
  readonly ipamj: number;
  readonly gaiji: number;
  readonly bytes: number;
  /** Clusters in the records that neither the font nor any held outline draws (they print 〓). */
  readonly missing: readonly string[];
}

/** The records of one municipality (what its certificates print). */
function recordsOf(snapshot: RegistrySnapshot, m: Municipality): unknown {
  const { glyphs: _held, ...own } = m;
  const residents = snapshot.residents.filter((r) => r.municipality === m.code);
  const ids = new Set(residents.map((r) => r.id));
  return [
    own,
    residents,
    snapshot.households.filter((h) => h.municipality === m.code),
    snapshot.koseki.filter((k) => k.municipality === m.code),
    snapshot.seals.filter((s) => ids.has(s.residentId)),
    snapshot.taxes.filter((t) => ids.has(t.residentId)),
  ];
}

/** Clusters of `m`'s records the certificate font cannot draw and `m` holds no outline for. */
function unheld(snapshot: RegistrySnapshot, m: Municipality, sources: GlyphSources): string[] {
  const held = new Set((m.glyphs ?? []).map((g) => g.cluster));
  return [...clustersOf(recordsOf(snapshot, m))].filter((c) => !sources.inBaseFont(c) && !held.has(c)).sort();
}

export function glyphStatus(snapshot: RegistrySnapshot, font: FontMetrics): GlyphStatus {
  const sources = new GlyphSources(font);
  const all = snapshot.municipalities.flatMap((m) => m.glyphs ?? []);
  const missing = new Set(snapshot.municipalities.flatMap((m) => unheld(snapshot, m, sources)));
  // A cluster another municipality holds is still drawn (issue.ts looks in every municipality).
  for (const g of all) missing.delete(g.cluster);
  return {
    ipamj: all.filter((g) => g.source === 'ipamj').length,
    gaiji: all.filter((g) => g.source === 'gaiji').length,
    bytes: all.reduce((sum, g) => sum + Math.floor((g.outline.length * 3) / 4), 0),
    missing: [...missing].sort(),
  };
}

/**
 * The snapshot with every municipality's missing clusters filled from the glyph pack, fetching
 * each needed shard once. Clusters the pack lacks stay missing (glyphStatus lists them). When no
 * municipality's glyphs change, `snapshot` itself comes back, so the caller need not write it.
 */
export async function withPackGlyphs(snapshot: RegistrySnapshot, font: FontMetrics, fetchShard: FetchShard = fetchPackShard): Promise<RegistrySnapshot> {
  const sources = new GlyphSources(font);
  // The pack holds no Private Use code point: those are 外字, which staff import.
  const wanted = snapshot.municipalities.map((m) => unheld(snapshot, m, sources).filter((c) => !isPrivateUse(c.codePointAt(0)!)));
  const shards = new Map<string, Map<string, Uint8Array>>();
  for (const name of new Set(wanted.flat().map(shardName))) {
    const bytes = await fetchShard(name);
    shards.set(name, new Map(bytes ? decodeShard(bytes).map((e) => [e.cluster, e.outline]) : []));
  }
  const municipalities = snapshot.municipalities.map((m, i) => {
    // Only what the records need: a pack glyph no record uses any more is dropped.
    const used = clustersOf(recordsOf(snapshot, m));
    const kept = (m.glyphs ?? []).filter((g) => g.source !== 'ipamj' || used.has(g.cluster));
    const found: RegistryGlyph[] = [];
    for (const cluster of wanted[i]) {
      const outline = shards.get(shardName(cluster))?.get(cluster);
      if (outline) found.push({ cluster, source: 'ipamj', outline: toBase64(outline) });
    }
    const glyphs = [...kept, ...found];
    if (glyphs.length === (m.glyphs ?? []).length && !found.length) return m;
    const { glyphs: _old, ...rest } = m;
    return glyphs.length ? { ...rest, glyphs } : rest;
  });
  return municipalities.every((m, i) => m === snapshot.municipalities[i]) ? snapshot : { ...snapshot, municipalities };
}

/**
 * Fills the registry's glyphs from the pack and stores them (staff are online when they import).
 * The registry is written only when a glyph was added or dropped. Offline, or with the pack out of
 * reach, the registry stays as it is: the status lists what would print as 〓, and staff try again.
 */
export async function fillRegistryGlyphs(registry: Pick<Registry, 'snapshot' | 'replaceAll'>, font: FontMetrics, fetchShard: FetchShard = fetchPackShard): Promise<void> {
  const snapshot = await registry.snapshot();
  let completed: RegistrySnapshot;
  try {
    completed = await withPackGlyphs(snapshot, font, fetchShard);
  } catch {
    return;
  }
  if (completed !== snapshot) await registry.replaceAll(completed);
}
