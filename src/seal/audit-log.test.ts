import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { exportBackup, importBackup } from '../store/backup.ts';
import { openDatabase, type KofuDatabase } from '../store/database.ts';
import { addCheckpoint, appendIssuance, appendNotPrinted, exportIssuanceLog, readIssuanceLog, verifyIssuanceLog } from '../store/issuance-log.ts';
import { saveSignerKey } from '../store/keys.ts';
import { StoreName, backupStores, migrations } from '../store/schema.ts';
import { CHECKPOINT_INTERVAL, ENTRY_FORMAT_FEE, PaymentPlace, createLogEntry, isNotPrinted, parseLogExport, verifyLog, type LogEntry } from './audit-log.ts';
import { sha256 } from '../bytes/bytes.ts';
import { IssuanceLogError } from './errors.ts';
import { decodeSeal, signSeal, type SealSigner } from './seal.ts';
import { juminhyoClaims } from './testing/fixtures.ts';
import { TEST_MUNICIPALITY, TEST_NOW, makeMunicipality, type TestMunicipality } from './testing/setup.ts';

let counter = 0;
const freshName = () => `kofu-log-test-${Date.now()}-${counter++}`;

describe('issuance log', () => {
  let m: TestMunicipality;
  let signer: SealSigner;
  let kid: Uint8Array;
  const opened: [KofuDatabase, string][] = [];
  const open = async () => {
    const name = freshName();
    const db = await openDatabase({ name });
    opened.push([db, name]);
    return db;
  };
  before(async () => {
    m = await makeMunicipality();
    signer = { privateKey: m.signerKeys.privateKey, certificate: m.certificate };
    kid = (await decodeSeal(await signSeal(juminhyoClaims(1, TEST_MUNICIPALITY, TEST_NOW), signer))).kid;
  });
  afterEach(async () => {
    for (const [db, name] of opened.splice(0)) {
      db.close();
      await deleteDB(name);
    }
  });

  async function fill(db: KofuDatabase, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const seal = new TextEncoder().encode(`seal ${i}`);
      await appendIssuance(db, { serial: 1000 + i, certType: 1, issuedAt: TEST_NOW + i, signerKid: kid, seal }, signer, TEST_NOW + i);
    }
  }

  it('appends a hash chain with a signed checkpoint every CHECKPOINT_INTERVAL entries, holding no personal data', async () => {
    const db = await open();
    await fill(db, 25);
    const { entries, checkpoints } = await readIssuanceLog(db);
    expect(entries.map((e) => e.seq)).to.deep.equal([...Array(25).keys()]);
    expect(checkpoints.map((c) => c.seq)).to.deep.equal([CHECKPOINT_INTERVAL - 1, 2 * CHECKPOINT_INTERVAL - 1]);
    expect(Object.keys(entries[0]).sort()).to.deep.equal(['certType', 'hash', 'issuedAt', 'prevHash', 'sealHash', 'seq', 'serial', 'signerKid']);
    const report = await verifyIssuanceLog(db, { trustList: m.trustList });
    expect(report.ok).to.equal(true);
    expect(report.signedThrough).to.equal(19);
    expect(report.unsignedTail).to.equal(5);
    await addCheckpoint(db, signer, TEST_NOW + 100);
    expect((await verifyIssuanceLog(db)).unsignedTail).to.equal(0);
  });

  it('never forks: concurrent appends get distinct consecutive seqs', async () => {
    const db = await open();
    await Promise.all([0, 1, 2, 3].map((i) => appendIssuance(db, { serial: i, certType: 1, issuedAt: TEST_NOW, signerKid: kid, seal: new Uint8Array([i]) })));
    const { entries } = await readIssuanceLog(db);
    expect(entries.map((e) => e.seq)).to.deep.equal([0, 1, 2, 3]);
    expect((await verifyLog(entries, [])).ok).to.equal(true);
  });

  describe('detects tampering in an exported log', () => {
    let entries: LogEntry[];
    let checkpoints: Awaited<ReturnType<typeof readIssuanceLog>>['checkpoints'];
    beforeEach(async () => {
      const db = await open();
      await fill(db, 25);
      ({ entries, checkpoints } = parseLogExport(await exportIssuanceLog(db, TEST_NOW)));
      expect((await verifyLog(entries, checkpoints)).ok).to.equal(true);
    });
    const kinds = async (list: LogEntry[], cps = checkpoints) => (await verifyLog(list, cps)).problems.map((p) => `${p.kind}@${p.seq}`);

    it('a modified entry', async () => {
      entries[7] = { ...entries[7], serial: 999 };
      expect(await kinds(entries)).to.include('modified@7');
    });

    it('a modified entry whose hash and all later hashes were recomputed (caught by the signed checkpoint)', async () => {
      let previous: LogEntry | undefined = entries[6];
      const rewritten = entries.slice(0, 7);
      for (const e of entries.slice(7)) {
        const next: LogEntry = await createLogEntry(previous, { serial: e.seq === 7 ? 999 : e.serial, certType: e.certType, issuedAt: e.issuedAt, signerKid: e.signerKid, seal: new Uint8Array() });
        rewritten.push(next);
        previous = next;
      }
      const problems = await kinds(rewritten);
      expect(problems).to.include('checkpoint-mismatch@9');
      expect(problems).to.include('checkpoint-mismatch@19');
    });

    it('a deleted entry', async () => {
      entries.splice(12, 1);
      expect(await kinds(entries)).to.include('deleted@12');
    });

    it('deleted entries at the end, past a checkpoint', async () => {
      expect(await kinds(entries.slice(0, 15))).to.include('truncated@19');
    });

    it('an inserted entry', async () => {
      const forged = await createLogEntry(entries[4], { serial: 555, certType: 3, issuedAt: TEST_NOW, signerKid: kid, seal: new Uint8Array([9]) });
      entries.splice(5, 0, forged);
      expect(await kinds(entries)).to.include('inserted@5');
    });

    it('an entry edited into a shape kofu never writes', async () => {
      entries[3] = { ...entries[3], hash: undefined } as unknown as LogEntry;
      expect(await kinds(entries)).to.include('modified@3');
    });

    it('a forged checkpoint', async () => {
      const forged = checkpoints.map((c) => ({ ...c, signedAt: c.signedAt + 1 }));
      expect(await kinds(entries, forged)).to.deep.equal(['checkpoint-forged@9', 'checkpoint-forged@19']);
    });
  });

  describe('fees and not-printed sheets (entry format 2)', () => {
    /** Three format-1 entries as older kofu wrote them, then two paid sheets and one of them not printed. */
    async function mixedLog(db: KofuDatabase): Promise<Uint8Array> {
      await fill(db, 3);
      const seal = new TextEncoder().encode('seal paid');
      const payment = { fee: 300, payment: PaymentPlace.storeTill };
      await appendIssuance(db, { serial: 2000, certType: 1, issuedAt: TEST_NOW, signerKid: kid, seal, payment }, signer, TEST_NOW);
      await appendIssuance(db, { serial: 2001, certType: 1, issuedAt: TEST_NOW, signerKid: kid, seal: new TextEncoder().encode('seal kept'), payment }, signer, TEST_NOW);
      await appendNotPrinted(db, { serial: 2000, signerKid: kid, sealHash: await sha256(seal), voidedAt: TEST_NOW + 60 }, signer, TEST_NOW + 60);
      return seal;
    }

    it('old entries and new ones verify in one chain; the till total leaves out the sheet that did not print', async () => {
      const db = await open();
      await mixedLog(db);
      const report = await verifyIssuanceLog(db);
      expect(report.ok, JSON.stringify(report.problems)).to.equal(true);
      expect([report.entries, report.voided, report.notPrinted, report.tillFees]).to.deep.equal([6, 1, 1, 300]);
      const { entries } = await readIssuanceLog(db);
      expect(entries.slice(0, 3).every((e) => e.format === undefined && e.fee === undefined), 'format-1 entries stay as they were').to.equal(true);
      expect([entries[3].format, entries[3].fee, entries[3].payment]).to.deep.equal([ENTRY_FORMAT_FEE, 300, PaymentPlace.storeTill]);
      expect(isNotPrinted(entries[5]) && entries[5].serial === 2000 && entries[5].fee === 0).to.equal(true);
    });

    it('a fee changed or dropped from a format-2 entry is caught', async () => {
      const db = await open();
      await mixedLog(db);
      const { entries, checkpoints } = await readIssuanceLog(db);
      const { fee: _fee, payment: _payment, format: _format, ...asFormat1 } = entries[3];
      for (const edited of [{ ...entries[3], fee: 0 }, asFormat1]) {
        const problems = (await verifyLog([...entries.slice(0, 3), edited, ...entries.slice(4)], checkpoints)).problems;
        expect(problems.map((p) => `${p.kind}@${p.seq}`)).to.include('modified@3');
      }
      const unknownPlace = { ...entries[4], payment: 7 } as unknown as LogEntry;
      expect((await verifyLog([...entries.slice(0, 4), unknownPlace, entries[5]], checkpoints)).problems[0].code).to.equal('log.entry-malformed');
    });

    it('a mixed log survives a backup and restore, still verifying with its fees', async () => {
      const source = await open();
      await mixedLog(source);
      const { text } = await exportBackup(source);
      const target = await open();
      await importBackup(target, text);
      const report = await verifyIssuanceLog(target);
      expect([report.ok, report.entries, report.notPrinted, report.tillFees]).to.deep.equal([true, 6, 1, 300]);
    });

    it('exports and re-reads a mixed log; an export file of the first version still reads and verifies', async () => {
      const db = await open();
      await mixedLog(db);
      const parsed = parseLogExport(await exportIssuanceLog(db, TEST_NOW));
      const report = await verifyLog(parsed.entries, parsed.checkpoints);
      expect([report.ok, report.notPrinted, report.tillFees]).to.deep.equal([true, 1, 300]);

      const old = await open();
      await fill(old, 4);
      const file = JSON.parse(await exportIssuanceLog(old, TEST_NOW)) as { version: number; entries: object[] };
      file.version = 1;
      const fromOld = parseLogExport(JSON.stringify(file));
      expect((await verifyLog(fromOld.entries, fromOld.checkpoints)).ok).to.equal(true);
      const smuggled = { ...file, entries: [...file.entries, { ...file.entries[0], format: 2, fee: 0, payment: 0 }] };
      expect(() => parseLogExport(JSON.stringify(smuggled)), 'a version-1 file never held format-2 entries').to.throw(IssuanceLogError);
    });
  });

  it('refuses a malformed export file with a typed error', () => {
    for (const text of ['', '{}', '{"format":"kofu-issuance-log","version":1,"exportedAt":1,"entries":[{"seq":-1}],"checkpoints":[]}']) {
      expect(() => parseLogExport(text)).to.throw(IssuanceLogError);
    }
  });

  it('survives a full backup and restore into another database, still verifying', async () => {
    expect(backupStores).to.include.members([StoreName.issuanceLog, StoreName.issuanceCheckpoints, StoreName.trustList]);
    const source = await open();
    await fill(source, 12);
    // The tablet's CryptoKeys live in a store the backup skips, so exporting does not trip on them.
    await saveSignerKey(source, { keyPair: m.signerKeys, deviceId: 'T01', createdAt: TEST_NOW, certificate: m.certificate });
    const { text } = await exportBackup(source);
    expect(text).to.not.contain('sealKeys');
    const target = await open();
    await importBackup(target, text);
    const report = await verifyIssuanceLog(target, { trustList: m.trustList });
    expect(report.ok).to.equal(true);
    expect(report.entries).to.equal(12);
    expect(report.signedThrough).to.equal(9);
    // and it continues the same chain after the restore
    await appendIssuance(target, { serial: 1, certType: 1, issuedAt: TEST_NOW, signerKid: kid, seal: new Uint8Array([1]) }, signer, TEST_NOW);
    expect((await verifyIssuanceLog(target)).ok).to.equal(true);
  });

  it('survives a reload and a later schema upgrade', async () => {
    const name = freshName();
    const first = await openDatabase({ name });
    await fill(first, 11);
    first.close();
    const upgraded = await openDatabase({ name, migrationList: [...migrations, { description: 'test: a later version', apply: (db) => void db.createObjectStore('later') }] });
    opened.push([upgraded, name]);
    expect(upgraded.version).to.equal(migrations.length + 1);
    const report = await verifyIssuanceLog(upgraded, { trustList: m.trustList });
    expect(report.ok).to.equal(true);
    expect(report.entries).to.equal(11);
  });
});
