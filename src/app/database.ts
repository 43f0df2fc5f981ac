/** The app's single database connection, opened on first use and shared by every view. */
import { openDatabase, requestPersistentStorage, type KofuDatabase, type StorageStatus } from '../store/database.ts';

let opening: Promise<KofuDatabase> | undefined;

export function appDatabase(): Promise<KofuDatabase> {
  opening ??= openDatabase({
    // A newer version of the app in another tab wants to upgrade: let it, and reload into it.
    onVersionChange: () => location.reload(),
  }).catch((error: unknown) => {
    opening = undefined; // let the next call try again
    throw error;
  });
  return opening;
}

let persistence: Promise<StorageStatus> | undefined;

export function storageStatus(): Promise<StorageStatus> {
  persistence ??= requestPersistentStorage();
  return persistence;
}
