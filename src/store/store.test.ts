import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { BackupError, MAX_BACKUP_BYTES, exportBackup, importBackup } from './backup.ts';
import { StorageError, openDatabase, type KofuDatabase } from './database.ts';
import { SCHEMA_VERSION, StoreName, migrations, type Migration } from './schema.ts';
import { readSetting, writeSetting } from './settings.ts';
import { describeError } from '../ui/shared/error-messages.ts';
import { refusal } from '../bytes/testing/refusal.ts';

let counter = 0;
const freshName = () => `kofu-test-${Date.now()}-${counter++}`;

/** The backup refusal, worded to say that nothing was changed. */
async function expectBackupError(promise: Promise<unknown>, code: string): Promise<BackupError> {
  const error = await refusal(promise, code, BackupError);
  expect(describeError(error, 'ja')).to.match(/変更していません|元のまま/);
  return error;
}

async function snapshot(db: KofuDatabase): Promise<unknown[]> {
  return [await db.getAll(StoreName.settings), await db.getAllKeys(StoreName.settings), await db.getAll(StoreName.meta)];
}

describe('store', () => {
  const opened: { db: KofuDatabase; name: string }[] = [];
  async function open(list?: readonly Migration[], name = freshName()) {
    const db = await openDatabase({ name, migrationList: list });
    opened.push({ db, name });
    return db;
  }
  afterEach(async () => {
    for (const { db, name } of opened.splice(0)) {
      db.close();
      await deleteDB(name);
    }
  });

  it('creates the current schema', async () => {
    const db = await open();
    expect(db.version).to.equal(SCHEMA_VERSION);
    expect([...db.objectStoreNames]).to.include.members([StoreName.settings, StoreName.meta]);
  });

  it('upgrades an older database step by step and keeps its data', async () => {
    const name = freshName();
    const v1 = await openDatabase({ name, migrationList: migrations.slice(0, 1) });
    await writeSetting(v1, 'language', 'en');
    v1.close();
    const extra: Migration = {
      description: 'test: add a store and fill it from settings',
      async apply(db, tx) {
        db.createObjectStore('derived');
        const language = await tx.objectStore(StoreName.settings).get('language');
        await tx.objectStore('derived').put(`was ${String(language)}`, 'note');
      },
    };
    const v2 = await open([...migrations, extra], name);
    expect(v2.version).to.equal(migrations.length + 1);
    expect(await readSetting(v2, 'language', 'ja')).to.equal('en');
    expect(await v2.get('derived', 'note')).to.equal('was en');
  });

  it('refuses to open a database written by a newer version, with a message', async () => {
    const name = freshName();
    const newer = await openDatabase({ name, migrationList: [...migrations, { description: 'future', apply: () => undefined }] });
    newer.close();
    opened.push({ db: newer, name });
    try {
      await openDatabase({ name });
      expect.fail('opened');
    } catch (error) {
      expect(error).to.be.instanceOf(StorageError);
      expect((error as StorageError).code).to.equal('storage.newer-schema');
    }
  });

  it('round-trips every store through a backup file, bytes and dates included', async () => {
    const source = await open();
    await writeSetting(source, 'language', 'en');
    await writeSetting(source, 'blob', { bytes: new Uint8Array([0, 1, 254, 255]), when: new Date('2026-11-25T00:00:00Z'), list: [1, 'two', null] });
    await source.put(StoreName.meta, 42, 'answer');
    const { text, summary } = await exportBackup(source);
    expect(summary.records).to.equal(3);

    const target = await open();
    await writeSetting(target, 'stale', true);
    const restored = await importBackup(target, new Blob([text], { type: 'application/json' }));
    expect(restored.records).to.equal(3);
    expect(await readSetting(target, 'stale', 'gone')).to.equal('gone');
    expect(await readSetting(target, 'language', 'ja')).to.equal('en');
    const blob = await readSetting<{ bytes: Uint8Array; when: Date; list: unknown[] }>(target, 'blob', undefined as never);
    expect([...blob.bytes]).to.deep.equal([0, 1, 254, 255]);
    expect(blob.when.toISOString()).to.equal('2026-11-25T00:00:00.000Z');
    expect(blob.list).to.deep.equal([1, 'two', null]);
    expect(await target.get(StoreName.meta, 'answer')).to.equal(42);
  });

  describe('refuses bad backup files and leaves the data untouched', () => {
    let db: KofuDatabase;
    let valid: string;
    beforeEach(async () => {
      db = await open();
      await writeSetting(db, 'language', 'en');
      valid = (await exportBackup(db)).text;
      await writeSetting(db, 'language', 'ja'); // the state that must survive each refusal
    });
    const cases: [string, () => string | Blob, string][] = [
      ['not JSON', () => 'this is not json {', 'backup.foreign-file'],
      ['a foreign JSON file', () => JSON.stringify({ hello: 'world' }), 'backup.foreign-file'],
      ['an edited file', () => valid.replace('"en"', '"fr"'), 'backup.checksum-mismatch'],
      ['a truncated file', () => valid.slice(0, valid.length / 2), 'backup.foreign-file'],
      ['a file from a newer format', () => valid.replace('"formatVersion":1', '"formatVersion":2'), 'backup.unknown-format-version'],
      ['an oversize file', () => new Blob([new Uint8Array(MAX_BACKUP_BYTES + 1)]), 'backup.too-large'],
    ];
    for (const [label, make, code] of cases) {
      it(label, async () => {
        const before = await snapshot(db);
        await expectBackupError(importBackup(db, make()), code);
        expect(await snapshot(db)).to.deep.equal(before);
      });
    }

    it('a file naming a store kofu does not have', async () => {
      const parsed = JSON.parse(valid);
      parsed.stores.unknown = [];
      delete parsed.sha256;
      const body = JSON.stringify(parsed);
      const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body))), (b) => b.toString(16).padStart(2, '0')).join('');
      const before = await snapshot(db);
      await expectBackupError(importBackup(db, `${body.slice(0, -1)},"sha256":"${digest}"}`), 'backup.foreign-file');
      expect(await snapshot(db)).to.deep.equal(before);
    });
  });
});
