import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { openDatabase, type KofuDatabase } from './database.ts';
import { StoreName } from './schema.ts';
import { VOIDED_CERT_TYPE } from '../seal/audit-log.ts';
import { appendIssuance, readIssuanceLog, verifyIssuanceLog } from './issuance-log.ts';
import { pendingSerials, serialCounterName, settleSerial, takeNextSerial, voidAbandonedSerials } from './serials.ts';

const KID = new Uint8Array(8).fill(0x4b);
const NOW = 1_795_575_600;

describe('store/serials', () => {
  let db: KofuDatabase;
  const name = `kofu-serials-${Date.now()}`;
  beforeEach(async () => (db = await openDatabase({ name })));
  afterEach(async () => {
    db.close();
    await deleteDB(name);
  });

  it('counts up from 1, per counter', async () => {
    expect(await takeNextSerial(db, 'a')).to.equal(1);
    expect(await takeNextSerial(db, 'a')).to.equal(2);
    expect(await takeNextSerial(db, 'b')).to.equal(1);
  });

  it('never repeats a serial already in the issuance log, even after the counter was rolled back', async () => {
    await db.put(StoreName.issuanceLog, { seq: 1, serial: 41 });
    await db.put(StoreName.issuanceLog, { seq: 2, serial: 42 });
    await db.put(StoreName.settings, 3, 'a'); // e.g. an older backup restored
    expect(await takeNextSerial(db, 'a')).to.equal(43);
  });

  it('hands out distinct serials to concurrent callers', async () => {
    const serials = await Promise.all(Array.from({ length: 20 }, () => takeNextSerial(db, 'a')));
    expect(new Set(serials).size).to.equal(20);
    expect(Math.max(...serials)).to.equal(20);
  });

  it('a serial taken by an issuance that never reached the log (a reload mid-issuance) is logged as voided', async () => {
    const counter = serialCounterName(131016);
    // First sheet: issued, logged, settled.
    const first = await takeNextSerial(db, counter, { signerKid: KID, nowSeconds: NOW });
    await appendIssuance(db, { serial: first, certType: 1, issuedAt: NOW, signerKid: KID, seal: new Uint8Array([1, 2, 3]) });
    await settleSerial(db, first);
    // Second: 発行する pressed, the serial taken, then the tablet reloaded — no log entry, no PDF.
    const lost = await takeNextSerial(db, counter, { signerKid: KID, nowSeconds: NOW });
    expect((await pendingSerials(db)).map((r) => r.serial)).to.deep.equal([lost]);

    expect(await voidAbandonedSerials(db, NOW + 60)).to.deep.equal([lost]);
    expect(await pendingSerials(db)).to.deep.equal([]);
    const { entries } = await readIssuanceLog(db);
    expect(entries.map((e) => [e.serial, e.certType])).to.deep.equal([
      [first, 1],
      [lost, VOIDED_CERT_TYPE],
    ]);
    expect([...entries[1].sealHash]).to.deep.equal(new Array(32).fill(0));
    expect(entries[1].issuedAt).to.equal(NOW + 60);
    const report = await verifyIssuanceLog(db);
    expect(report.ok, 'a voided entry fits the chain').to.equal(true);
    expect(report.voided).to.equal(1);
    expect(await voidAbandonedSerials(db, NOW + 120), 'voided once').to.deep.equal([]);
    expect(await takeNextSerial(db, counter)).to.equal(lost + 1);
  });

  it('a reservation whose entry is already in the log is settled, not voided', async () => {
    const serial = await takeNextSerial(db, 'a', { signerKid: KID, nowSeconds: NOW });
    await appendIssuance(db, { serial, certType: 2, issuedAt: NOW, signerKid: KID, seal: new Uint8Array([9]) });
    expect(await voidAbandonedSerials(db, NOW)).to.deep.equal([]);
    expect(await pendingSerials(db)).to.deep.equal([]);
    expect((await readIssuanceLog(db)).entries).to.have.length(1);
  });
});
