/**
 * The glyph pack: for every cluster the fallback font (IPAmj明朝, 文字情報基盤) draws and the
 * certificate font (BIZ UD Mincho) does not, its quantised outline (src/render/outline-codec.ts),
 * sharded by base code point into files of 256 code points each under `public/glyphs/ipamj/`.
 * Served with the app but never precached: a kiosk fetches only the shards its registry needs
 * when staff import the registry (src/app/registry-glyphs.ts), a verifier never fetches any (the
 * seal carries what it needs). `scripts/build-glyph-pack.mjs` writes the pack from the font.
 *
 * Shard bytes: "KGP" · version 1 · entry count · for each entry the cluster as UTF-8 and the
 * outline bytes, each preceded by its length (unsigned LEB128 varints).
 */
import { KofuError } from '../bytes/errors.ts';
import type { RenderErrorParams } from './font.ts';
import { splitCluster } from './clusters.ts';

const MAGIC = [0x4b, 0x47, 0x50]; // "KGP"
const PACK_VERSION = 1;
export const SHARD_CODE_POINTS = 256;
/** Where the built app serves the pack (relative to the app's base URL). */
export const GLYPH_PACK_PATH = 'glyphs/ipamj/';

export interface PackEntry {
  readonly cluster: string;
  readonly outline: Uint8Array;
}

const bad = (detail: string) => new KofuError<'glyph.bad-outline', RenderErrorParams['glyph.bad-outline']>('glyph.bad-outline', { detail });

/** The shard file of a cluster: its base code point's block of 256, in hex ("20b.bin" for 𠮷). */
export function shardName(cluster: string): string {
  return `${Math.floor(splitCluster(cluster).base / SHARD_CODE_POINTS).toString(16)}.bin`;
}

export function encodeShard(entries: readonly PackEntry[]): Uint8Array {
  const out: number[] = [...MAGIC, PACK_VERSION];
  const varint = (v: number) => {
    while (v >= 0x80) {
      out.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.push(v);
  };
  varint(entries.length);
  const utf8 = new TextEncoder();
  for (const { cluster, outline } of entries) {
    const text = utf8.encode(cluster);
    varint(text.length);
    out.push(...text);
    varint(outline.length);
    for (const b of outline) out.push(b);
  }
  return Uint8Array.from(out);
}

export function decodeShard(bytes: Uint8Array): PackEntry[] {
  if (bytes.length < 4 || MAGIC.some((m, i) => bytes[i] !== m) || bytes[3] !== PACK_VERSION) throw bad('not a glyph pack shard');
  let at = 4;
  const varint = () => {
    let value = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (at >= bytes.length) throw bad('truncated shard');
      const byte = bytes[at++];
      value |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
    throw bad('varint too long');
  };
  const take = (n: number) => {
    if (at + n > bytes.length) throw bad('truncated shard');
    const part = bytes.subarray(at, at + n);
    at += n;
    return part;
  };
  const count = varint();
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const entries: PackEntry[] = [];
  for (let i = 0; i < count; i++) {
    const cluster = utf8.decode(take(varint()));
    entries.push({ cluster, outline: take(varint()).slice() });
  }
  return entries;
}
