import { expect } from '@open-wc/testing';
import { demoRegistry } from '../registry/demo.ts';
import { DEMO_GAIJI, DEMO_GLYPHS } from '../registry/demo-glyphs.ts';
import { MemoryRegistry } from '../registry/registry.ts';
import { loadCertificateFont } from '../render/font-asset.ts';
import { decodeOutline } from '../render/outline-codec.ts';
import { fromBase64 } from '../bytes/bytes.ts';
import { buildOutlineFont } from '../pdf/outline-font.ts';
import { describeError } from '../ui/shared/error-messages.ts';
import { IndexedDbRegistry } from '../store/registry-store.ts';
import { appDatabase } from './database.ts';
import { RegistryAdmin, workerRegistryJobs, type RegistryFile } from './registry-admin.ts';
import { fillRegistryGlyphs, glyphStatus, withPackGlyphs, type FetchShard } from './registry-glyphs.ts';
import { WorkerBridge } from './worker-bridge.ts';
import type { RegistryWorkerApi } from '../../workers/registry-import.worker.ts';

/** The committed pack as the dev server serves it; records which shards were asked for. */
function packServer(): { fetchShard: FetchShard; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    fetchShard: async (name) => {
      asked.push(name);
      const response = await fetch(`/public/glyphs/ipamj/${name}`);
      return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
    },
  };
}

const withoutGlyphs = () => ({ ...demoRegistry, municipalities: demoRegistry.municipalities.map(({ glyphs: _g, ...m }) => m) });
const file = (name: string, bytes: Uint8Array): RegistryFile => ({ name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer });
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('app/registry-glyphs', function () {
  this.timeout(30_000);

  it('fetches only the shards the registry needs and stores those outlines with their municipality', async () => {
    const font = (await loadCertificateFont()).metrics;
    const { fetchShard, asked } = packServer();
    const completed = await withPackGlyphs(withoutGlyphs(), font, fetchShard);
    // 𠮷 (U+20BB7) → 20b.bin, 辻 + U+E0102 → 8f.bin; the 外字 U+E000 is not looked for in the pack.
    expect(asked.sort()).to.deep.equal(['20b.bin', '8f.bin']);
    const held = completed.municipalities[0].glyphs!;
    expect(held.map((g) => [g.cluster, g.source])).to.deep.equal([['\u8FBB\u{E0102}', 'ipamj'], ['\u{20BB7}', 'ipamj']]);
    for (const g of held) expect(g.outline, g.cluster).to.equal(DEMO_GLYPHS.find((d) => d.cluster === g.cluster)!.outline);
    expect(completed.municipalities[1].glyphs).to.equal(undefined);
    expect(glyphStatus(completed, font)).to.deep.include({ ipamj: 2, gaiji: 0, missing: [DEMO_GAIJI] });
    expect(glyphStatus(demoRegistry, font).missing).to.deep.equal([]);
  });

  it('drops pack outlines no record uses any more', async () => {
    const font = (await loadCertificateFont()).metrics;
    const noTsuji = { ...demoRegistry, residents: demoRegistry.residents.filter((r) => r.id !== 'r-tsuji-katsuo'), households: demoRegistry.households.filter((h) => h.id !== 'h-tsuji') };
    const pruned = await withPackGlyphs(noTsuji, font, packServer().fetchShard);
    expect(pruned.municipalities[0].glyphs!.map((g) => g.cluster)).to.deep.equal(['\u{20BB7}', DEMO_GAIJI]);
  });

  it('writes the registry only when a glyph is added or dropped; offline it writes nothing', async () => {
    const font = (await loadCertificateFont()).metrics;
    const { fetchShard } = packServer();
    // The demo registry already holds what its records need: the same snapshot comes back.
    expect(await withPackGlyphs(demoRegistry, font, fetchShard)).to.equal(demoRegistry);
    const writes: number[] = [];
    const counted = (registry: MemoryRegistry) => ({
      snapshot: () => registry.snapshot(),
      replaceAll: async (snapshot: Parameters<MemoryRegistry['replaceAll']>[0]) => {
        writes.push(snapshot.residents.length);
        await registry.replaceAll(snapshot);
      },
    });
    await fillRegistryGlyphs(counted(new MemoryRegistry(demoRegistry)), font, fetchShard);
    expect(writes, 'nothing to add: no write').to.deep.equal([]);
    const bare = new MemoryRegistry(withoutGlyphs());
    await fillRegistryGlyphs(counted(bare), font, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(writes, 'offline: no write').to.deep.equal([]);
    expect((await bare.snapshot()).municipalities[0].glyphs).to.equal(undefined);
    await fillRegistryGlyphs(counted(bare), font, fetchShard);
    expect(writes).to.deep.equal([demoRegistry.residents.length]);
    expect(glyphStatus(await bare.snapshot(), font).ipamj).to.equal(2);
  });

  it('on the device counts the glyph status in the registry worker, which reads the registry itself', async () => {
    const db = await appDatabase();
    const registry = new IndexedDbRegistry(db);
    const before = await registry.snapshot();
    const bridge = new WorkerBridge<RegistryWorkerApi>(() => new Worker(new URL('../../workers/registry-import.worker.ts', import.meta.url), { type: 'module' }));
    try {
      await registry.replaceAll(withoutGlyphs());
      const admin = new RegistryAdmin({ registry: async () => registry, calibrationPdf: async () => new Uint8Array(), jobs: workerRegistryJobs(bridge) });
      const font = (await loadCertificateFont()).metrics;
      const inWorker = await admin.glyphs();
      expect(inWorker).to.deep.equal(glyphStatus(withoutGlyphs(), font));
      expect(inWorker.missing).to.include('\u{20BB7}');
      expect(bridge.workersStarted).to.equal(1);
      // The test server does not serve the pack at /glyphs/: the worker's fill finds nothing and writes nothing.
      expect(await admin.refreshGlyphs()).to.deep.equal(inWorker);
    } finally {
      bridge.terminate();
      await registry.replaceAll(before);
    }
  });

  it('imports 外字 from a TrueType font and from an outlines file, replacing the municipality’s previous 外字', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const admin = new RegistryAdmin({ registry: async () => registry, calibrationPdf: async () => new Uint8Array(), fetchShard: packServer().fetchShard });
    const square = { advance: 256, contours: [[{ x: 20, y: 0, on: true }, { x: 236, y: 0, on: true }, { x: 236, y: 200, on: true }, { x: 20, y: 200, on: true }]] };
    const ttf = buildOutlineFont([['a', square], ['b', square]], 'MunicipalGaiji').ttf; // maps U+E000 and U+E001
    const status = await admin.importGaiji(file('gaiji.ttf', ttf), demoRegistry.municipalities[0].code);
    expect(status).to.deep.include({ gaiji: 2, missing: [] });
    const held = (await registry.snapshot()).municipalities[0].glyphs!;
    expect(held.filter((g) => g.source === 'gaiji').map((g) => g.cluster)).to.deep.equal(['\uE000', '\uE001']);
    expect(decodeOutline(fromBase64(held.find((g) => g.cluster === '\uE001')!.outline)).contours[0]).to.have.length(4);

    const outlines = { format: 'kofu-gaiji', unitsPerEm: 1000, glyphs: [{ codePoint: 'U+E000', advance: 1000, contours: [[[100, 0, 1], [900, 0, 1], [500, 800, 0]]] }] };
    expect(await admin.importGaiji(file('gaiji.json', json(outlines)), demoRegistry.municipalities[0].code)).to.deep.include({ gaiji: 1, ipamj: 2 });
  });

  it('refuses a hostile or unusable 外字 file with a clear message and changes nothing', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const admin = new RegistryAdmin({ registry: async () => registry, calibrationPdf: async () => new Uint8Array() });
    const code = demoRegistry.municipalities[0].code;
    const glyph = (over: object) => ({ format: 'kofu-gaiji', unitsPerEm: 1000, glyphs: [{ codePoint: 'U+E001', advance: 1000, contours: [[[0, 0, 1], [500, 0, 1], [0, 500, 1]]], ...over }] });
    const cases: [string, Uint8Array, string][] = [
      ['not a font', new Uint8Array([0, 1, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9]), 'TrueType'],
      ['not PUA', json(glyph({ codePoint: 'U+5409' })), 'Private Use'],
      ['wrong format', json({ format: 'other' }), 'kofu-gaiji'],
      ['huge coordinate', json(glyph({ contours: [[[0, 0, 1], [1e9, 0, 1], [0, 5, 1]]] })), 'within the em'],
      ['empty', json(glyph({ contours: [] })), 'empty outline'],
      ['too many points', json(glyph({ contours: [Array.from({ length: 5000 }, (_, i) => [i % 997, (i * 7) % 991, 1])] })), 'bad point count'],
      ['twice', json({ format: 'kofu-gaiji', unitsPerEm: 1000, glyphs: [glyph({}).glyphs[0], glyph({}).glyphs[0]] }), 'given twice'],
    ];
    for (const [label, bytes, words] of cases) {
      let error: unknown;
      try {
        await admin.importGaiji(file('gaiji.json', bytes), code);
      } catch (e) {
        error = e;
      }
      expect((error as { code?: string })?.code, label).to.equal('registry.gaiji-invalid');
      expect(describeError(error, 'en'), label).to.contain(words).and.contain('Nothing was changed');
    }
    expect(await registry.snapshot()).to.deep.equal(demoRegistry);
  });
});
