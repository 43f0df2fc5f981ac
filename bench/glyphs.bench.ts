/**
 * Characters outside the certificate font (docs/certificates.md, "Characters"):
 *   seal.glyph_bytes.per_char     — mean bytes one carried outline adds to the signed seal content
 *                                   (outline + its CBOR entry), over every pack cluster of the
 *                                   CJK blocks sampled below; also the largest, and the pack mean
 *   render.fallback_ms.first_glyph — the first use of the fallback font on a tablet: fetch the glyph
 *                                   pack shard, decode it, lay out and draw a 住民票 front at 300 dpi
 *                                   that prints the glyph (a fresh page each run: no cached shard)
 * shell.precache_mb is bench/shell.mjs (the pack is served, never precached).
 */
import { encode, rfc8949EncodeOptions } from 'cborg';
import { toSealContent } from '../src/documents/codec.ts';
import { dayFromIso } from '../src/documents/dates.ts';
import type { Certificate } from '../src/documents/types.ts';
import { demoRegistry } from '../src/registry/demo.ts';
import { buildCertificate } from '../src/registry/issue.ts';
import { MemoryRegistry } from '../src/registry/registry.ts';
import { ensureFontFace, rasterizeSheet } from '../src/render/bitmap.ts';
import { loadCertificateFont } from '../src/render/font-asset.ts';
import { decodeShard, shardName, type PackEntry } from '../src/render/glyph-pack.ts';
import { layoutCertificate } from '../src/render/render.ts';
import { median } from './timing.ts';

const RUNS = 5;
/** Shards of CJK Ext A, the URO, Ext B–F and the compatibility supplement: where MJ names live. */
const BLOCKS = [[0x34, 0x4d], [0x4e, 0x9f], [0x200, 0x2ee], [0x2f8, 0x2fa]] as const;

async function shard(name: string, bust = ''): Promise<PackEntry[]> {
  const response = await fetch(`/public/glyphs/ipamj/${name}${bust}`);
  return response.ok ? decodeShard(new Uint8Array(await response.arrayBuffer())) : [];
}

export async function run() {
  const registry = new MemoryRegistry(demoRegistry);
  const ctx = { serial: 'B-000001', issuedOn: dayFromIso('2026-11-25') };
  const plain = await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'self', householder: true, honseki: true, myNumber: true }, ctx);
  const sealBytes = (cert: Certificate) => encode(toSealContent(cert), rfc8949EncodeOptions).length;
  const base = sealBytes(plain);

  const added: number[] = [];
  let outlines = 0;
  for (const [from, to] of BLOCKS) {
    for (let block = from; block <= to; block++) {
      for (const entry of await shard(`${block.toString(16)}.bin`)) {
        added.push(sealBytes({ ...plain, glyphs: [entry] }) - base);
        outlines += entry.outline.length;
      }
    }
  }
  const mean = added.reduce((a, b) => a + b, 0) / added.length;

  // First glyph: the shard of 𠮷 fetched afresh, its outline carried by the certificate, the front drawn.
  const font = await loadCertificateFont();
  await ensureFontFace(font.bytes);
  const yoshida = await buildCertificate(registry, 'r-yoshida-makoto', { kind: 'juminhyo', scope: 'self', householder: true, honseki: true, myNumber: true }, ctx);
  const { glyphs: _carried, ...bare } = yoshida;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const entries = await shard(shardName('𠮷'), `?run=${i}-${Date.now()}`);
    const glyph = entries.find((e) => e.cluster === '𠮷')!;
    rasterizeSheet(layoutCertificate({ ...(bare as Certificate), glyphs: [glyph] }, font.metrics).sheets[0], 300, font.metrics);
    times.push(performance.now() - started);
  }
  const withoutGlyph = [] as number[];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    rasterizeSheet(layoutCertificate(bare as Certificate, font.metrics).sheets[0], 300, font.metrics);
    withoutGlyph.push(performance.now() - started);
  }

  return [
    {
      id: 'seal.glyph_bytes.per_char',
      value: +mean.toFixed(1),
      unit: 'B',
      note: 'signed seal content bytes one carried outline adds (outline + CBOR entry)',
      clusters: added.length,
      max: Math.max(...added),
      outlineMean: +(outlines / added.length).toFixed(1),
      capBytes: 2048,
      blocks: 'CJK Ext A, URO, Ext B–F, compatibility supplement',
    },
    {
      id: 'render.fallback_ms.first_glyph',
      value: +median(times).toFixed(1),
      unit: 'ms',
      note: 'shard fetch (local server) + decode + layout + 300 dpi front with the glyph; withoutGlyphMs: the same front with 〓 instead',
      withoutGlyphMs: +median(withoutGlyph).toFixed(1),
      runs: RUNS,
    },
  ];
}
