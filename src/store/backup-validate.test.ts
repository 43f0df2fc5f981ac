import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { deleteDB } from 'idb';
import { sha256, toHex } from '../bytes/bytes.ts';
import { demoRegistry } from '../registry/demo.ts';
import { demoTrustList } from '../seal/demo.ts';
import { BackupError, exportBackup, importBackup } from './backup.ts';
import { MAX_RESTORED_SERIAL } from './backup-validate.ts';
import { openDatabase, type KofuDatabase } from './database.ts';
import { appendIssuance } from './issuance-log.ts';
import { IndexedDbRegistry } from './registry-store.ts';
import { StoreName, backupStores } from './schema.ts';
import { writeSetting } from './settings.ts';
import { saveTrustList } from './trust.ts';
import { describeError } from '../ui/shared/error-messages.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface BackupFile {
  format: string;
  formatVersion: number;
  schemaVersion: number;
  createdAt: string;
  stores: Record<string, [Json, Json][]>;
  sha256?: string;
}

let counter = 0;

/** The file with a correct checksum over its (edited) content, as a hostile writer would make it. */
async function resealed(file: BackupFile): Promise<string> {
  const body = JSON.stringify({ format: file.format, formatVersion: file.formatVersion, schemaVersion: file.schemaVersion, createdAt: file.createdAt, stores: file.stores });
  return `${body.slice(0, -1)},"sha256":"${toHex(await sha256(new TextEncoder().encode(body)))}"}`;
}

/** Every backed-up store's rows, keys included: what "the database is unchanged" compares. */
async function contents(db: KofuDatabase): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const name of backupStores) out[name] = [await db.getAllKeys(name), await db.getAll(name)];
  return out;
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').to.be.instanceOf(BackupError);
  return error as BackupError;
}

describe('store/backup-validate: hostile values with a correct checksum', () => {
  const opened: { db: KofuDatabase; name: string }[] = [];
  async function open(): Promise<KofuDatabase> {
    const name = `kofu-backup-validate-${Date.now()}-${counter++}`;
    const db = await openDatabase({ name });
    opened.push({ db, name });
    return db;
  }
  /** A device with something in every kind of store: registry, log, trust list, settings, card state. */
  async function filledDevice(): Promise<KofuDatabase> {
    const db = await open();
    await new IndexedDbRegistry(db).replaceAll(demoRegistry);
    await writeSetting(db, 'demoMode', true);
    await writeSetting(db, 'kioskSerial.992011', 41);
    await writeSetting(db, 'trustAnchors', [{ publicKey: new Uint8Array(65).fill(4), label: '藤見市' }]);
    await saveTrustList(db, { bytes: await demoTrustList(1_764_000_000), version: 1, importedAt: 1_764_000_000, source: 'demo' }, 'demo');
    for (let serial = 40; serial <= 41; serial++) {
      await appendIssuance(db, { serial, certType: 1, issuedAt: 1_764_000_000 + serial, signerKid: new Uint8Array(8).fill(serial), seal: new Uint8Array([serial]) });
    }
    await db.put(StoreName.cardState, { userPin: 3, signaturePin: 5 }, 'demo-card-1');
    return db;
  }
  let valid: BackupFile;
  let target: KofuDatabase;
  let unchanged: unknown;
  before(async () => {
    const source = await filledDevice();
    valid = JSON.parse((await exportBackup(source)).text) as BackupFile;
  });
  beforeEach(async () => {
    target = await filledDevice();
    await writeSetting(target, 'language', 'en');
    unchanged = await contents(target);
  });
  afterEach(async () => {
    for (const { db, name } of opened.splice(0)) {
      db.close();
      await deleteDB(name);
    }
  });
  const edited = (edit: (file: BackupFile) => void): Promise<string> => {
    const file = structuredClone(valid);
    edit(file);
    return resealed(file);
  };
  const row = (file: BackupFile, store: string, find: (key: Json, value: Json) => boolean) => {
    const found = file.stores[store].find(([key, value]) => find(key, value));
    expect(found, `${store} row`).to.not.equal(undefined);
    return found!;
  };

  it('restores the unedited backup of a filled device', async () => {
    const summary = await importBackup(target, await resealed(valid));
    expect(summary.records).to.be.greaterThan(demoRegistry.residents.length);
    expect(await new IndexedDbRegistry(target).snapshot()).to.deep.equal(demoRegistry);
  });

  it('refuses a serial counter at 2^53 − 1, naming the setting, and changes nothing', async () => {
    const text = await edited((file) => {
      row(file, StoreName.settings, (key) => key === 'kioskSerial.992011')[1] = Number.MAX_SAFE_INTEGER;
    });
    const error = await refusal(importBackup(target, text));
    expect(error.code).to.equal('backup.invalid-value');
    expect(error.params).to.deep.equal({ store: StoreName.settings, path: 'kioskSerial.992011' });
    expect(describeError(error, 'ja')).to.contain('変更していません');
    expect(await contents(target)).to.deep.equal(unchanged);
    const logged = await edited((file) => {
      (file.stores[StoreName.issuanceLog][1][1] as { serial: number }).serial = MAX_RESTORED_SERIAL + 1;
    });
    expect((await refusal(importBackup(target, logged))).params).to.deep.equal({ store: StoreName.issuanceLog, path: '[1].serial' });
  });

  it('refuses a resident name stored as bytes, and changes nothing', async () => {
    const text = await edited((file) => {
      const [, resident] = row(file, StoreName.registryResidents, (_, value) => (value as { id?: string }).id === 'r-takahashi-hanako');
      (resident as Record<string, Json>).name = { $bytes: 'AAAA' };
    });
    const error = await refusal(importBackup(target, text));
    expect(error.code).to.equal('backup.invalid-value');
    expect(error.params).to.deep.include({ store: StoreName.registryResidents });
    expect((error.params as { path: string }).path).to.match(/name$/);
    expect(await contents(target)).to.deep.equal(unchanged);
  });

  it('refuses "__proto__" and extra fields, bad base64 and a broken registry reference', async () => {
    const cases: ((file: BackupFile) => void)[] = [
      (file) => {
        const [, entry] = file.stores[StoreName.issuanceLog][0];
        file.stores[StoreName.issuanceLog][0][1] = JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(entry).slice(1)}`) as Json;
      },
      (file) => {
        (file.stores[StoreName.cardState][0][1] as Record<string, Json>).userPin = { $bytes: '!!' };
      },
      (file) => {
        (row(file, StoreName.registryResidents, () => true)[1] as Record<string, Json>).householdId = 'h-nowhere';
      },
      (file) => {
        (row(file, StoreName.trustList, () => true)[1] as Record<string, Json>).extra = 1;
      },
    ];
    for (const edit of cases) {
      expect((await refusal(importBackup(target, await edited(edit)))).code).to.equal('backup.invalid-value');
    }
    expect(await contents(target)).to.deep.equal(unchanged);
  });

  it('fuzz: restoring mutated values of a valid backup ends in a typed refusal with the database unchanged, or in data that fits', async function () {
    this.timeout(120_000);
    const paths: (readonly (string | number)[])[] = [];
    const walk = (value: Json, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    for (const [name, rows] of Object.entries(valid.stores)) rows.forEach((r, i) => walk(r[1], ['stores', name, i, 1]));
    const hostileValue: fc.Arbitrary<Json> = fc.oneof(
      fc.constantFrom<Json>(Number.MAX_SAFE_INTEGER, -1, 1.5, 1e300, '', '\u0000', null, true, [], {}, { $bytes: 'AAAA' }, { $bytes: '%%' }, { $date: 'x' }, { $number: 'NaN' }, { $undefined: true }, { __proto__: { a: 1 } } as unknown as Json),
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
    );
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.nat(paths.length - 1), hostileValue, async (at, value) => {
        const file = structuredClone(valid);
        const path = paths[at];
        let parent: Json = file as unknown as Json;
        for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step];
        (parent as Record<string | number, Json>)[path[path.length - 1]] = value;
        const before = await contents(target);
        const outcome = await importBackup(target, await resealed(file)).then(
          () => undefined,
          (e: unknown) => e,
        );
        if (outcome === undefined) {
          // Accepted: then it was data the stores hold, and it survives another backup and restore.
          await importBackup(target, (await exportBackup(target)).text);
          await importBackup(target, await resealed(valid));
          return;
        }
        expect(outcome, String(outcome)).to.be.instanceOf(BackupError);
        codes.add((outcome as BackupError).code);
        expect((outcome as BackupError).code).to.not.equal('backup.write-failed');
        expect(await contents(target)).to.deep.equal(before);
      }),
      { numRuns: 150, seed: 12_2026 },
    );
    expect([...codes]).to.include('backup.invalid-value');
  });
});
