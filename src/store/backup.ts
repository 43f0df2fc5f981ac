/**
 * Whole-database backup as one JSON file, and restoring it.
 *
 * File layout (docs/formats.md, "Backup file"):
 *   { format: "kofu-backup", formatVersion: 1, schemaVersion, createdAt, stores: { name: [[key, value], …] }, sha256 }
 * `sha256` is the hex SHA-256 of the UTF-8 JSON of the same object without `sha256`, fields in the
 * order above. Byte strings and dates, which JSON lacks, are written as tagged objects
 * (`{"$bytes": base64}`, `{"$date": iso}`).
 *
 * Restoring is all or nothing: the file is parsed and checked in full before the database is
 * touched, and every store is replaced inside one transaction, which IndexedDB rolls back if any
 * write fails. It never rolls back the serial numbers: counters keep their high-water mark and the
 * issuance log keeps the entries issued after the backup (src/store/restore-rules.ts).
 */
import { fromBase64, sha256, toBase64, toHex } from '../bytes/bytes.ts';
import type { IDBPTransaction } from 'idb';
import { KofuError, fileSize, type ParamsOf } from '../bytes/errors.ts';
import type { StoreErrorCode, StoreErrorParams } from './errors.ts';
import { invalidBackupValue } from './backup-validate.ts';
import type { KofuDatabase } from './database.ts';
import { keepSerialHighWater, mergeIssuanceLogs, type Row } from './restore-rules.ts';
import { SCHEMA_VERSION, StoreName, backupStores } from './schema.ts';

export const BACKUP_FORMAT = 'kofu-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** Refuse larger files before reading them: a real backup of a pilot tablet is a few megabytes. */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

export class BackupError<Code extends StoreErrorCode = StoreErrorCode> extends KofuError<Code, ParamsOf<StoreErrorParams, Code>> {
  override readonly name = 'BackupError';
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface BackupContent {
  format: string;
  formatVersion: number;
  schemaVersion: number;
  createdAt: string;
  stores: Record<string, [Json, Json][]>;
}

export interface BackupSummary {
  readonly schemaVersion: number;
  readonly createdAt: string;
  readonly records: number;
}

// ---- tagged JSON for the values IndexedDB holds ---------------------------------------------

function encodeValue(value: unknown, path: string): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { $number: String(value) };
    return value;
  }
  if (value === undefined) return { $undefined: true };
  if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
  if (value instanceof ArrayBuffer) return { $bytes: toBase64(new Uint8Array(value)) };
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map((item, i) => encodeValue(item, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) out[key] = encodeValue(item, `${path}.${key}`);
    return out;
  }
  // CryptoKey, Blob and class instances cannot be written to a file faithfully: the store that
  // holds them must be left out of backupStores, and this tells the developer which one.
  throw new BackupError('backup.unsupported-value', { path });
}

function decodeValue(value: Json): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [tag] = keys;
    const payload = value[tag];
    if (tag === '$bytes' && typeof payload === 'string') return fromBase64(payload);
    if (tag === '$date' && typeof payload === 'string') return new Date(payload);
    if (tag === '$number' && typeof payload === 'string') return Number(payload);
    if (tag === '$undefined' && payload === true) return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = decodeValue(value[key]);
  return out;
}

function serialise(content: BackupContent): string {
  // Fixed field order, so that writer and reader hash the same text.
  return JSON.stringify({
    format: content.format,
    formatVersion: content.formatVersion,
    schemaVersion: content.schemaVersion,
    createdAt: content.createdAt,
    stores: content.stores,
  });
}

// ---- export -----------------------------------------------------------------------------------

export async function exportBackup(db: KofuDatabase, now = new Date()): Promise<{ text: string; summary: BackupSummary }> {
  const names = backupStores.filter((name) => db.objectStoreNames.contains(name));
  const tx = db.transaction(names, 'readonly');
  const stores: Record<string, [Json, Json][]> = {};
  let records = 0;
  for (const name of names) {
    const rows: [Json, Json][] = [];
    for (let cursor = await tx.objectStore(name).openCursor(); cursor; cursor = await cursor.continue()) {
      rows.push([encodeValue(cursor.key, `${name} key`), encodeValue(cursor.value, `${name}[${String(cursor.key)}]`)]);
    }
    stores[name] = rows;
    records += rows.length;
  }
  await tx.done;
  const content: BackupContent = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: db.version,
    createdAt: now.toISOString(),
    stores,
  };
  const body = serialise(content);
  const digest = toHex(await sha256(new TextEncoder().encode(body)));
  const text = `${body.slice(0, -1)},"sha256":"${digest}"}`;
  return { text, summary: { schemaVersion: content.schemaVersion, createdAt: content.createdAt, records } };
}

// ---- import -----------------------------------------------------------------------------------

const refuse = <Code extends StoreErrorCode>(code: Code, params: ParamsOf<StoreErrorParams, Code>, cause?: unknown): never => {
  throw new BackupError(code, params, { cause });
};

const notABackup = (cause?: unknown) =>
  refuse('backup.foreign-file', {}, cause);

/** Parses and checks a backup file without touching any database. */
export async function parseBackup(file: Blob | string): Promise<BackupContent> {
  const size = typeof file === 'string' ? file.length : file.size;
  if (size > MAX_BACKUP_BYTES) {
    refuse('backup.too-large', fileSize(size));
  }
  const text = typeof file === 'string' ? file : await file.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    notABackup(cause);
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { format?: unknown }).format !== BACKUP_FORMAT) notABackup();
  const candidate = parsed as Partial<BackupContent> & { sha256?: unknown };
  if (candidate.formatVersion !== BACKUP_FORMAT_VERSION) {
    refuse('backup.unknown-format-version', {});
  }
  if (typeof candidate.schemaVersion !== 'number' || typeof candidate.createdAt !== 'string' || typeof candidate.stores !== 'object' || candidate.stores === null || typeof candidate.sha256 !== 'string') {
    notABackup();
  }
  const content = candidate as BackupContent & { sha256: string };
  const expected = toHex(await sha256(new TextEncoder().encode(serialise(content))));
  if (expected !== content.sha256.toLowerCase()) {
    refuse('backup.checksum-mismatch', {});
  }
  if (content.schemaVersion > SCHEMA_VERSION) {
    refuse('backup.newer-schema', {});
  }
  for (const [name, rows] of Object.entries(content.stores)) {
    if (!backupStores.includes(name) || !Array.isArray(rows) || !rows.every((row) => Array.isArray(row) && row.length === 2)) notABackup();
  }
  const misfit = invalidBackupValue(content.stores, decodeValue);
  if (misfit) refuse('backup.invalid-value', misfit);
  return content;
}

const logDiverged = () => refuse('backup.log-diverged', {});

type StoreTx = IDBPTransaction<unknown, string[], 'readwrite'>;

async function readRows(tx: StoreTx, name: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (let cursor = await tx.objectStore(name).openCursor(); cursor; cursor = await cursor.continue()) rows.push([cursor.key, cursor.value]);
  return rows;
}

/**
 * The rows to write, store by store: the file's, except what a restore must not roll back
 * (restore-rules.ts), read from the device inside the restoring transaction.
 */
async function rowsToWrite(tx: StoreTx, names: readonly string[], content: BackupContent): Promise<Map<string, readonly Row[]>> {
  const rows = new Map<string, readonly Row[]>(names.map((name) => [name, (content.stores[name] ?? []).map(([key, value]): Row => [decodeValue(key), decodeValue(value)])]));
  if (rows.has(StoreName.settings)) rows.set(StoreName.settings, keepSerialHighWater(await readRows(tx, StoreName.settings), rows.get(StoreName.settings)!));
  if (rows.has(StoreName.issuanceLog) && rows.has(StoreName.issuanceCheckpoints)) {
    const device = { entries: await readRows(tx, StoreName.issuanceLog), checkpoints: await readRows(tx, StoreName.issuanceCheckpoints) };
    const log = mergeIssuanceLogs(device, { entries: rows.get(StoreName.issuanceLog)!, checkpoints: rows.get(StoreName.issuanceCheckpoints)! });
    if (!log) logDiverged();
    rows.set(StoreName.issuanceLog, log!.entries);
    rows.set(StoreName.issuanceCheckpoints, log!.checkpoints);
  }
  return rows;
}

/** Replaces the backed-up stores with the file's contents (but for the serial rules above), all or nothing. */
export async function importBackup(db: KofuDatabase, file: Blob | string): Promise<BackupSummary> {
  const content = await parseBackup(file);
  const names = backupStores.filter((name) => db.objectStoreNames.contains(name));
  const tx = db.transaction(names, 'readwrite');
  let records = 0;
  try {
    const rows = await rowsToWrite(tx, names, content);
    for (const name of names) {
      const store = tx.objectStore(name);
      await store.clear();
      for (const [key, value] of rows.get(name) ?? []) {
        if (store.keyPath === null) await store.put(value, key as IDBValidKey);
        else await store.put(value);
        records++;
      }
    }
    await tx.done;
  } catch (cause) {
    try {
      tx.abort();
    } catch {
      // already aborted by the failing request
    }
    await tx.done.catch(() => undefined);
    if (cause instanceof BackupError) throw cause;
    refuse('backup.write-failed', {}, cause);
  }
  return { schemaVersion: content.schemaVersion, createdAt: content.createdAt, records };
}
