import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { BackupError } from '../store/backup.ts';
import { openDatabase, type KofuDatabase } from '../store/database.ts';
import { appendIssuance, readIssuanceLog, verifyIssuanceLog } from '../store/issuance-log.ts';
import { serialCounterName, settleSerial, takeNextSerial } from '../store/serials.ts';
import { readSetting, writeSetting } from '../store/settings.ts';
import { demoRegistry } from '../registry/demo.ts';
import { IndexedDbRegistry } from '../store/registry-store.ts';
import { StoreName } from '../store/schema.ts';

import { BackupTools, backupFileName, storageStatus } from './backup-tools.ts';
import { describeError } from '../ui/shared/error-messages.ts';

let counter = 0;

const KID = new Uint8Array(8).fill(0x4b);
const COUNTER = serialCounterName(131016);

/** One sheet issued as the kiosk does it: serial taken and reserved, logged, settled. */
async function issue(db: KofuDatabase, signerKid = KID): Promise<number> {
  const serial = await takeNextSerial(db, COUNTER, { signerKid });
  await appendIssuance(db, { serial, certType: 1, issuedAt: 1_795_575_600 + serial, signerKid, seal: new Uint8Array([serial]) });
  await settleSerial(db, serial);
  return serial;
}

describe('app/backup-tools', () => {
  const opened: { db: KofuDatabase; name: string }[] = [];
  async function device(): Promise<{ db: KofuDatabase; tools: BackupTools }> {
    const name = `kofu-backup-tools-test-${Date.now()}-${counter++}`;
    const db = await openDatabase({ name });
    opened.push({ db, name });
    return { db, tools: new BackupTools(async () => db) };
  }
  afterEach(async () => {
    for (const { db, name } of opened.splice(0)) {
      db.close();
      await deleteDB(name);
    }
  });

  it('names the backup file after its creation time, to the second', () => {
    expect(backupFileName('2026-12-01T09:30:05.123Z')).to.equal('kofu-backup-2026-12-01-09-30-05.json');
  });

  it('saves the database as a JSON download file, and restores it into another device', async () => {
    const source = await device();
    await writeSetting(source.db, 'language', 'en');
    const { file, summary } = await source.tools.save(new Date('2026-12-01T09:30:05Z'));
    expect(file.name).to.equal('kofu-backup-2026-12-01-09-30-05.json');
    expect(file.type).to.equal('application/json');
    expect(JSON.parse(String(file.data)).format).to.equal('kofu-backup');
    expect(summary.records).to.be.greaterThan(0);

    const target = await device();
    const restored = await target.tools.restore(new Blob([file.data as string], { type: 'application/json' }));
    expect(restored).to.deep.equal(summary);
    expect(await readSetting(target.db, 'language', 'ja')).to.equal('en');
  });

  it('restoring a backup made before two issuances never issues a serial again, and keeps their log entries', async () => {
    const { db, tools } = await device();
    const { file } = await tools.save();
    expect([await issue(db), await issue(db)]).to.deep.equal([1, 2]);
    await tools.restore(file.data as string);
    expect(await readSetting(db, COUNTER, 0), 'the counter keeps its high-water mark').to.equal(2);
    expect((await readIssuanceLog(db)).entries.map((e) => e.serial), 'entries issued after the backup are kept').to.deep.equal([1, 2]);
    expect((await verifyIssuanceLog(db)).ok).to.equal(true);
    expect(await issue(db), 'not 000001 again').to.equal(3);
  });

  it('a backup whose issuance log is not the beginning of this device’s is refused, and nothing changes', async () => {
    const other = await device();
    await issue(other.db, new Uint8Array(8).fill(0x07)); // another tablet's key
    await writeSetting(other.db, 'language', 'en');
    const { file } = await other.tools.save();
    const { db, tools } = await device();
    await issue(db);
    await issue(db);
    const error = await tools.restore(file.data as string).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(BackupError);
    expect((error as BackupError).code).to.equal('backup.log-diverged');
    expect(describeError(error, 'ja')).to.contain('変更していません');
    expect(await readSetting(db, 'language', 'ja')).to.equal('ja');
    expect((await readIssuanceLog(db)).entries).to.have.length(2);
  });

  it('refuses a file that is not a backup and leaves the database as it was', async () => {
    const { db, tools } = await device();
    await writeSetting(db, 'language', 'en');
    const error = await tools.restore('{"hello":"world"}').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(BackupError);
    expect((error as BackupError).code).to.equal('backup.foreign-file');
    expect(await readSetting(db, 'language', 'ja')).to.equal('en');
  });

  it('shows what a backup with empty stores would replace, per store, before writing anything', async () => {
    const empty = await device();
    const { file } = await empty.tools.save();
    const { db, tools } = await device();
    await new IndexedDbRegistry(db).replaceAll(demoRegistry);
    await writeSetting(db, 'language', 'en');
    const plan = await tools.inspect(String(file.data));
    expect(plan.summary.records).to.equal(0);
    expect(plan.stores.find((s) => s.store === StoreName.registryResidents)).to.deep.equal({ store: StoreName.registryResidents, current: demoRegistry.residents.length, incoming: 0 });
    expect(plan.stores.find((s) => s.store === StoreName.settings)).to.deep.equal({ store: StoreName.settings, current: 1, incoming: 0 });
    expect(await new IndexedDbRegistry(db).snapshot()).to.deep.equal(demoRegistry);
  });

  it('asks for persistent storage once per page load and reports usage', async () => {
    const first = storageStatus();
    expect(storageStatus()).to.equal(first);
    const status = await first;
    expect(status.persisted).to.be.a('boolean');
  });
});
