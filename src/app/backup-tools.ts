/**
 * The admin screen's storage tools: whether the browser keeps this device's data, and the
 * whole-database backup file (src/store/backup.ts; layout in docs/formats.md, "Backup file"),
 * saved from and restored into the app's own database — which stays inside app/.
 */
import { exportBackup, importBackup, type BackupSummary } from '../store/backup.ts';
import { planRestore, type RestorePlan } from '../store/backup-plan.ts';
import { requestPersistentStorage, type KofuDatabase, type StorageStatus } from '../store/database.ts';
import { appDatabase } from './database.ts';
import type { DownloadFile } from './download-file.ts';

/** `kofu-backup-2026-12-01-09-30-00.json`: the backup's creation time, to the second (UTC). */
export function backupFileName(createdAt: string): string {
  return `kofu-backup-${createdAt.slice(0, 19).replace(/[:T]/g, '-')}.json`;
}

export class BackupTools {
  constructor(private readonly database: () => Promise<KofuDatabase>) {}

  /** The whole database as one backup file, and what it holds. */
  async save(now = new Date()): Promise<{ file: DownloadFile; summary: BackupSummary }> {
    const { text, summary } = await exportBackup(await this.database(), now);
    return { file: { name: backupFileName(summary.createdAt), data: text, type: 'application/json' }, summary };
  }

  /** What restoring the file would replace, per store (the file is checked in full; nothing is written). */
  async inspect(file: Blob | string): Promise<RestorePlan> {
    return planRestore(await this.database(), file);
  }

  /** Replaces every store with the file's content, all or nothing (a bad file changes nothing). */
  async restore(file: Blob | string): Promise<BackupSummary> {
    return importBackup(await this.database(), file);
  }
}

let tools: BackupTools | undefined;

/** The backup tools of the app's database. */
export function backupTools(): BackupTools {
  tools ??= new BackupTools(appDatabase);
  return tools;
}

let persistence: Promise<StorageStatus> | undefined;

/** Asks once per page load that the browser keep this device's data, and reports the answer and usage. */
export function storageStatus(): Promise<StorageStatus> {
  persistence ??= requestPersistentStorage();
  return persistence;
}
