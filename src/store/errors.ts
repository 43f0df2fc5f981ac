/**
 * The codes of the store domain (IndexedDB, backups, the registry and issuance-log stores). Their
 * words are in src/ui/shared/error-messages-data.ts.
 */
import type { FileSize } from '../bytes/errors.ts';

export const STORE_ERROR_CODES = [
  'storage.newer-schema', 'storage.unavailable',
  // Backups: reading, checking, restoring
  'backup.unsupported-value', 'backup.foreign-file', 'backup.too-large', 'backup.unknown-format-version', 'backup.checksum-mismatch',
  'backup.newer-schema', 'backup.invalid-value', 'backup.write-failed', 'backup.log-diverged',
  // The registry and issuance-log stores
  'registry.replace-failed', 'log.write-failed', 'log.busy',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

export interface StoreErrorParams {
  /** Where in the stored value the unsupported value sits. */
  'backup.unsupported-value': { readonly path: string };
  'backup.too-large': FileSize;
  /** The store and the path inside it of the first value that store cannot hold (src/store/backup-validate.ts). */
  'backup.invalid-value': { readonly store: string; readonly path: string };
}
