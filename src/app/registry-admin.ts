/**
 * Administration of the resident registry this tablet issues from: its snapshot, export as JSON
 * or residents CSV, import with every problem listed by file, line and field (src/registry/
 * transfer.ts validates in full first, so a bad file changes nothing), back to the demo data, and
 * the printer calibration sheet from the pdf worker. No DOM: the admin panel saves the files.
 */
import { fileSize } from '../bytes/errors.ts';
import { demoRegistry } from '../registry/demo.ts';
import type { RegistrySnapshot } from '../registry/model.ts';
import type { Registry } from '../registry/registry.ts';
import { importText } from '../registry/text-decoding.ts';
import { ImportError, exportRegistryJson, exportResidentsCsv, importRegistryJson, importResidentsCsv, type ImportProblem } from '../registry/transfer.ts';
import { appDatabase } from './database.ts';
import { readDemoMode } from './demo-mode.ts';
import type { DownloadFile } from './download-file.ts';
import { pdfBridge } from './pdf.ts';
import { appRegistry } from './registry.ts';

/** A registry export of a large town is a few MB; refuse anything far larger before reading it. */
export const MAX_REGISTRY_FILE_BYTES = 32 * 1024 * 1024;

export type RegistryFileKind = 'json' | 'csv';

/** What an import reads of a chosen file (a `File` has all three). */
export interface RegistryFile {
  readonly name: string;
  readonly size: number;
  /** The bytes, not `text()`: a CSV from Excel is Shift_JIS, which `Blob.text()` would read as UTF-8 mojibake. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface RegistryAdminDeps {
  /** The registry to administer (read afresh for each action: demo mode may have changed). */
  registry(): Promise<Registry>;
  /** The printer calibration sheet as PDF bytes. */
  calibrationPdf(): Promise<Uint8Array>;
  /** Dates the export file names; the clock by default. */
  now?(): Date;
}

/** Every problem an import refusal lists (none for any other error). */
export function importProblems(error: unknown): readonly ImportProblem[] {
  return error instanceof ImportError ? error.problems : [];
}

export class RegistryAdmin {
  constructor(private readonly deps: RegistryAdminDeps) {}

  async snapshot(): Promise<RegistrySnapshot> {
    return (await this.deps.registry()).snapshot();
  }

  async exportJson(): Promise<DownloadFile> {
    return { name: `kofu-registry-${this.today()}.json`, data: exportRegistryJson(await this.snapshot()), type: 'application/json' };
  }

  async exportCsv(): Promise<DownloadFile> {
    return { name: `kofu-residents-${this.today()}.csv`, data: exportResidentsCsv((await this.snapshot()).residents), type: 'text/csv' };
  }

  /** Replaces the registry with a JSON export or a residents CSV; throws ImportError and changes nothing if the file is bad. */
  async importFile(file: RegistryFile, kind: RegistryFileKind): Promise<RegistrySnapshot> {
    if (file.size > MAX_REGISTRY_FILE_BYTES) {
      throw new ImportError([{ file: file.name, line: 0, field: '', code: 'import.file-too-large', params: fileSize(file.size) }]);
    }
    const text = importText(new Uint8Array(await file.arrayBuffer()), file.name);
    const registry = await this.deps.registry();
    return kind === 'json' ? importRegistryJson(registry, text, file.name) : importResidentsCsv(registry, text, file.name);
  }

  /** Demo mode: back to the demo residents. */
  async resetToDemo(): Promise<void> {
    await (await this.deps.registry()).replaceAll(demoRegistry);
  }

  async calibrationSheet(): Promise<DownloadFile> {
    return { name: 'kofu-calibration.pdf', data: await this.deps.calibrationPdf(), type: 'application/pdf' };
  }

  private today(): string {
    return (this.deps.now?.() ?? new Date()).toISOString().slice(0, 10);
  }
}

let admin: RegistryAdmin | undefined;

/** The registry of this device (filled with the demo data when empty in demo mode) and the pdf worker. */
export function registryAdmin(): RegistryAdmin {
  admin ??= new RegistryAdmin({
    registry: async () => appRegistry(await readDemoMode(await appDatabase())),
    calibrationPdf: () => pdfBridge().call((api) => api.calibrationPdf()),
  });
  return admin;
}
