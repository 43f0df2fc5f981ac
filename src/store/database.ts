/**
 * Opening the database: the only module that touches `indexedDB` (through idb).
 */
import { openDB, type IDBPDatabase } from 'idb';
import { KofuError, type ParamsOf } from '../bytes/errors.ts';
import type { StoreErrorCode, StoreErrorParams } from './errors.ts';
import { migrations, type Migration, type UpgradeTransaction } from './schema.ts';

export const DEFAULT_DATABASE_NAME = 'kofu';

export type KofuDatabase = IDBPDatabase<unknown>;

export class StorageError<Code extends StoreErrorCode = StoreErrorCode> extends KofuError<Code, ParamsOf<StoreErrorParams, Code>> {
  override readonly name = 'StorageError';
}

export interface OpenOptions {
  readonly name?: string;
  /** For migration tests: open with only the first `steps` migrations of `list`. */
  readonly migrationList?: readonly Migration[];
  /** Called when another tab or a new app version wants to upgrade the schema. */
  readonly onVersionChange?: () => void;
}

export async function openDatabase(options: OpenOptions = {}): Promise<KofuDatabase> {
  const list = options.migrationList ?? migrations;
  const name = options.name ?? DEFAULT_DATABASE_NAME;
  try {
    const db = await openDB(name, list.length, {
      async upgrade(database, oldVersion, _newVersion, transaction) {
        for (let step = oldVersion; step < list.length; step++) {
          await list[step].apply(database, transaction as unknown as UpgradeTransaction);
        }
      },
      blocked() {
        // Another tab holds an older version open; it is asked to close through versionchange.
      },
    });
    db.addEventListener('versionchange', () => {
      db.close();
      options.onVersionChange?.();
    });
    return db;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'VersionError') {
      throw new StorageError('storage.newer-schema', {}, { cause });
    }
    throw new StorageError('storage.unavailable', {}, { cause });
  }
}

export interface StorageStatus {
  readonly persisted: boolean;
  readonly usageBytes?: number;
  readonly quotaBytes?: number;
}

/**
 * Asks the browser not to evict kofu's data under storage pressure (Storage Standard §4.4). A
 * denial is normal for a site the user has not installed or bookmarked, so it is reported, not thrown.
 */
export async function requestPersistentStorage(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<StorageStatus> {
  if (!storage) return { persisted: false };
  const persisted = (await storage.persisted?.()) || ((await storage.persist?.()) ?? false);
  const estimate = await storage.estimate?.();
  return { persisted, usageBytes: estimate?.usage, quotaBytes: estimate?.quota };
}
