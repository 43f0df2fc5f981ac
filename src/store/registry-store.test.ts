import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { dayFromIso } from '../documents/dates.ts';
import { demoRegistry } from '../registry/demo.ts';
import { buildCertificate } from '../registry/issue.ts';
import { MemoryRegistry } from '../registry/registry.ts';
import { exportBackup, importBackup } from './backup.ts';
import { openDatabase, type KofuDatabase } from './database.ts';
import { IndexedDbRegistry } from './registry-store.ts';

let counter = 0;

describe('registry in IndexedDB', () => {
  let db: KofuDatabase;
  let name: string;
  beforeEach(async () => {
    name = `kofu-registry-test-${Date.now()}-${counter++}`;
    db = await openDatabase({ name });
  });
  afterEach(async () => {
    db.close();
    await deleteDB(name);
  });

  it('stores a snapshot and gives it back unchanged, in order', async () => {
    const registry = new IndexedDbRegistry(db);
    expect(await registry.isEmpty()).to.equal(true);
    await registry.replaceAll(demoRegistry);
    expect(await registry.isEmpty()).to.equal(false);
    const back = await registry.snapshot();
    expect(back).to.deep.equal(demoRegistry);
  });

  it('answers the same lookups as the in-memory registry', async () => {
    const stored = new IndexedDbRegistry(db);
    await stored.replaceAll(demoRegistry);
    const memory = new MemoryRegistry(demoRegistry);
    expect(await stored.householdMembers('h-takahashi')).to.deep.equal(await memory.householdMembers('h-takahashi'));
    expect(await stored.taxRecords('r-yoshida-makoto')).to.deep.equal(await memory.taxRecords('r-yoshida-makoto'));
    expect(await stored.seal('r-yoshida-makoto')).to.deep.equal(await memory.seal('r-yoshida-makoto'));
    expect(await stored.koseki('k-yoshida')).to.deep.equal(await memory.koseki('k-yoshida'));
    const ctx = { serial: 'S-1', issuedOn: dayFromIso('2026-11-25') };
    const request = { kind: 'juminhyo', scope: 'household', householder: true, honseki: true, myNumber: false } as const;
    expect(await buildCertificate(stored, 'r-takahashi-ichiro', request, ctx)).to.deep.equal(await buildCertificate(memory, 'r-takahashi-ichiro', request, ctx));
  });

  it('finds residents by a linked card certificate', async () => {
    const registry = new IndexedDbRegistry(db);
    await registry.replaceAll(demoRegistry);
    const sha = 'C0FFEE'.padEnd(64, '0');
    await registry.linkCard('r-newman-emily', sha);
    expect((await registry.residentByCard(sha))?.id).to.equal('r-newman-emily');
    expect((await registry.resident('r-newman-emily'))?.cardCertificates).to.deep.equal([sha.toLowerCase()]);
  });

  it('travels in a backup file and comes back whole', async () => {
    const registry = new IndexedDbRegistry(db);
    await registry.replaceAll(demoRegistry);
    const { text } = await exportBackup(db);
    const otherName = `${name}-restore`;
    const other = await openDatabase({ name: otherName });
    try {
      await importBackup(other, text);
      expect(await new IndexedDbRegistry(other).snapshot()).to.deep.equal(demoRegistry);
    } finally {
      other.close();
      await deleteDB(otherName);
    }
  });

  it('keeps the previous registry when a replacement fails half-way', async () => {
    const registry = new IndexedDbRegistry(db);
    await registry.replaceAll(demoRegistry);
    // A resident without an id violates the keyPath: the put throws inside the transaction.
    const broken = { ...demoRegistry, residents: [...demoRegistry.residents, { name: 'no id' } as never] };
    let failed = false;
    await registry.replaceAll(broken).catch(() => (failed = true));
    expect(failed).to.equal(true);
    expect(await registry.snapshot()).to.deep.equal(demoRegistry);
  });
});
