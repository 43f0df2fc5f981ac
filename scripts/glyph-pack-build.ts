/**
 * Builds the glyph pack (src/render/glyph-pack.ts) from IPAmj明朝 (Debian fonts-ipamj-mincho,
 * 文字情報基盤) and BIZ UD Mincho: every cluster — a code point of IPAmj's cmap, or a base +
 * selector of its cmap format 14 — that BIZ UD Mincho cannot draw from its own cmap, as a
 * quantised outline. Run through scripts/build-glyph-pack.mjs.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFont, type FontMetrics } from '../src/render/font.ts';
import { encodeShard, shardName, type PackEntry } from '../src/render/glyph-pack.ts';
import { quantiseOutline } from '../src/render/outline.ts';
import { encodeOutline } from '../src/render/outline-codec.ts';

export function buildPack(mjPath: string, basePath: string, outDir: string): { clusters: number; bytes: number; shards: number } {
  const mj = parseFont(new Uint8Array(readFileSync(mjPath)));
  const base = parseFont(new Uint8Array(readFileSync(basePath)));
  const shards = new Map<string, PackEntry[]>();
  const add = (cluster: string, glyph: number, font: FontMetrics) => {
    const contours = font.contours(glyph);
    if (!contours || contours.length === 0) return;
    const outline = encodeOutline(quantiseOutline(contours, font.glyphAdvance(glyph), font.unitsPerEm));
    const name = shardName(cluster);
    if (!shards.has(name)) shards.set(name, []);
    shards.get(name)!.push({ cluster, outline });
  };
  for (const cp of mj.codePoints()) if (!base.has(cp) && cp > 0x7f) add(String.fromCodePoint(cp), mj.glyphId(cp), mj);
  for (const { base: cp, selector, glyph } of mj.variations.entries()) {
    // The certificate font draws a sequence it lists as default; a non-default one of its own is drawn from its own outline (src/render/glyph-sources.ts).
    if (base.variations.lookup(cp, selector) !== undefined) continue;
    add(String.fromCodePoint(cp, selector), glyph === 'default' ? mj.glyphId(cp) : glyph, mj);
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  let clusters = 0;
  let bytes = 0;
  for (const [name, entries] of [...shards].sort(([a], [b]) => (a < b ? -1 : 1))) {
    entries.sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0));
    const shard = encodeShard(entries);
    writeFileSync(join(outDir, name), shard);
    clusters += entries.length;
    bytes += shard.length;
  }
  return { clusters, bytes, shards: shards.size };
}
