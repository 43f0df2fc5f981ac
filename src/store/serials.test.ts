import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { openDatabase, type KofuDatabase } from './database.ts';
import { StoreName } from './schema.ts';
import { takeNextSerial } from './serials.ts';

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
});
