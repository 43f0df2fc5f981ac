/**
 * What a restore would replace, shown before anything is written: a backup with empty stores is a
 * valid file, and restoring it wipes the device. The plan counts, per store, the rows now on the
 * device and the rows in the file; the admin screen asks with these numbers first.
 */
import { parseBackup, type BackupSummary } from './backup.ts';
import type { KofuDatabase } from './database.ts';
import { backupStores } from './schema.ts';

export interface StoreReplacement {
  readonly store: string;
  /** Rows on this device now. */
  readonly current: number;
  /** Rows in the backup, which replace them. */
  readonly incoming: number;
}

export interface RestorePlan {
  readonly summary: BackupSummary;
  /** Every store the restore replaces, in backupStores order. */
  readonly stores: readonly StoreReplacement[];
}

/** Parses and checks the file in full (as importBackup does) and counts what it would replace; writes nothing. */
export async function planRestore(db: KofuDatabase, file: Blob | string): Promise<RestorePlan> {
  const content = await parseBackup(file);
  const names = backupStores.filter((name) => db.objectStoreNames.contains(name));
  const tx = db.transaction(names, 'readonly');
  const stores: StoreReplacement[] = [];
  for (const store of names) stores.push({ store, current: await tx.objectStore(store).count(), incoming: content.stores[store]?.length ?? 0 });
  await tx.done;
  const records = stores.reduce((sum, s) => sum + s.incoming, 0);
  return { summary: { schemaVersion: content.schemaVersion, createdAt: content.createdAt, records }, stores };
}
