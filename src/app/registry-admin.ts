/**
 * Administration of the resident registry this tablet issues from: what it holds, export as
 * JSON or residents CSV, import with every problem listed by file, line and field (src/app/
 * registry-import.ts validates in full first, so a bad file changes nothing), back to the demo
 * data, and the printer calibration sheet from the pdf worker. On the device the import (with
 * progress and Cancel), the summary and the glyph work (the pack's outlines after an import, the
 * glyph status) run in the registry worker (workers/registry-import.worker.ts), which reads the
 * whole registry there; tests give no worker and run the same jobs in the page. No DOM: the admin
 * panel saves the files.
 */
import { fileSize } from '../bytes/errors.ts';
import { proxy, transfer } from 'comlink';
import type { RegistryWorkerApi, WorkerImportResult } from '../../workers/registry-import.worker.ts';
import { demoRegistry } from '../registry/demo.ts';
import { parseGaiji, withGaiji } from '../registry/gaiji.ts';
import type { RegistrySnapshot } from '../registry/model.ts';
import type { FontMetrics } from '../render/font.ts';
import { loadCertificateFont } from '../render/font-asset.ts';
import type { Registry } from '../registry/registry.ts';
import { ImportError, type ImportProblem } from '../registry/import-check.ts';
import { exportResidentsCsv } from '../registry/residents-csv.ts';
import { exportRegistryJson } from '../registry/transfer.ts';
import { appDatabase } from './database.ts';
import { readDemoMode } from './demo-mode.ts';
import type { DownloadFile } from './download-file.ts';
import { pdfBridge } from './pdf.ts';
import { appRegistry } from './registry.ts';
import { fetchPackShard, fillRegistryGlyphs, glyphStatus, type FetchShard, type GlyphStatus } from './registry-glyphs.ts';
import { importRegistryBytes, summarizeRegistry, type ImportProgress, type ImportTarget, type RegistryFileKind, type RegistrySummary } from './registry-import.ts';
import { WorkerBridge } from './worker-bridge.ts';

export type { ImportProgress, RegistryFileKind, RegistrySummary } from './registry-import.ts';

/**
 * The largest file an import reads: 128 MiB. A whole-registry JSON of 100,000 residents is about
 * 55 MB, a residents CSV of 300,000 about 80 MB (bench/registry.bench.ts measures both); the
 * worker holds the bytes, the decoded text and the parsed records at once, several times the
 * file, which a 4 GB tablet still affords at this size. Larger cities import residents CSV in
 * parts or need a registry backend (docs/registry.md).
 */
export const MAX_REGISTRY_FILE_BYTES = 128 * 1024 * 1024;

/** What an import reads of a chosen file (a `File` has all three). */
export interface RegistryFile {
  readonly name: string;
  readonly size: number;
  /** The bytes, not `text()`: a CSV from Excel is Shift_JIS, which `Blob.text()` would read as UTF-8 mojibake. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ImportOptions {
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Cancels the import; the registry then stays as it was. */
  readonly signal?: AbortSignal;
}

/** The import, the summary and the glyph work off the main thread (the registry worker on the device). */
export interface RegistryJobs {
  importBytes(bytes: Uint8Array, file: string, kind: RegistryFileKind, options: ImportOptions): Promise<RegistrySummary>;
  summary(): Promise<RegistrySummary>;
  /** fillRegistryGlyphs over the worker's registry, with the app's font and glyph pack. */
  fillGlyphs(): Promise<void>;
  /** glyphStatus of the worker's registry. */
  glyphs(): Promise<GlyphStatus>;
}

export interface RegistryAdminDeps {
  /** The registry to administer (read afresh for each action: demo mode may have changed). */
  registry(): Promise<Registry & ImportTarget>;
  /** The printer calibration sheet as PDF bytes. */
  calibrationPdf(): Promise<Uint8Array>;
  /** Runs import, summary and glyph work elsewhere (the registry worker); without it they run in the page. */
  jobs?: RegistryJobs;
  /** Dates the export file names; the clock by default. */
  now?(): Date;
  /** The certificate font's metrics (what it draws needs no glyph); the app's font by default (the worker's own with `jobs`). */
  font?(): Promise<FontMetrics>;
  /** A glyph pack shard (src/app/registry-glyphs.ts); fetched from the app's server by default (by the worker with `jobs`). */
  fetchShard?: FetchShard;
}

/** What the registry holds on this device, for the admin storage panel. */
export interface RegistryHoldings {
  readonly residents: number;
  readonly households: number;
  /** The origin's IndexedDB bytes (Chromium's `usageDetails`), else its whole storage use; undefined where the browser says nothing. */
  readonly databaseBytes?: number;
}

/** `StorageEstimate.usageDetails` (Chromium): not in TypeScript's DOM types. */
interface DetailedEstimate extends StorageEstimate {
  readonly usageDetails?: { readonly indexedDB?: number };
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

  /** Residents, households and 戸籍 per municipality. */
  async summary(): Promise<RegistrySummary> {
    const registry = await this.deps.registry(); // fills an empty demo registry first
    return this.deps.jobs ? this.deps.jobs.summary() : summarizeRegistry(await registry.snapshot());
  }

  /** Residents, households and the database's size now (asked afresh: an import changes them). */
  async holdings(storage: Pick<StorageManager, 'estimate'> | undefined = globalThis.navigator?.storage): Promise<RegistryHoldings> {
    const registry = await this.deps.registry();
    const counts = registry.counts ? await registry.counts() : await this.summary();
    const estimate = (await storage?.estimate?.().catch(() => undefined)) as DetailedEstimate | undefined;
    return { residents: counts.residents, households: counts.households, databaseBytes: estimate?.usageDetails?.indexedDB ?? estimate?.usage };
  }

  async exportJson(): Promise<DownloadFile> {
    return { name: `kofu-registry-${this.today()}.json`, data: exportRegistryJson(await this.snapshot()), type: 'application/json' };
  }

  async exportCsv(): Promise<DownloadFile> {
    return { name: `kofu-residents-${this.today()}.csv`, data: exportResidentsCsv((await this.snapshot()).residents), type: 'text/csv' };
  }

  /** Replaces the registry with a JSON export or a residents CSV; throws ImportError and changes nothing if the file is bad. */
  async importFile(file: RegistryFile, kind: RegistryFileKind, options: ImportOptions = {}): Promise<RegistrySummary> {
    if (file.size > MAX_REGISTRY_FILE_BYTES) {
      throw new ImportError([{ file: file.name, line: 0, field: '', code: 'import.file-too-large', params: { ...fileSize(file.size), max: MAX_REGISTRY_FILE_BYTES / 1048576 } }]);
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const registry = await this.deps.registry();
    const summary = this.deps.jobs ? await this.deps.jobs.importBytes(bytes, file.name, kind, options) : await importRegistryBytes(registry, bytes, file.name, kind, options.onProgress);
    // The glyphs the new records need come from the pack once the records are in (in the
    // registry worker too, which reads the registry there).
    await this.fetchGlyphs();
    return summary;
  }

  /**
   * Fills the glyphs the registry needs from the glyph pack (staff are online when they import).
   * Offline, the registry stays as imported; the status lists what would print as 〓 and
   * `refreshGlyphs` tries again.
   */
  private async fetchGlyphs(): Promise<void> {
    const registry = await this.deps.registry();
    if (this.deps.jobs) await this.deps.jobs.fillGlyphs();
    else await fillRegistryGlyphs(registry, await this.font(), this.deps.fetchShard ?? fetchPackShard);
  }

  async refreshGlyphs(): Promise<GlyphStatus> {
    await this.fetchGlyphs();
    return this.glyphs();
  }

  /** What the registry holds of glyphs, and what would print as 〓. */
  async glyphs(): Promise<GlyphStatus> {
    const registry = await this.deps.registry(); // fills an empty demo registry first
    return this.deps.jobs ? this.deps.jobs.glyphs() : glyphStatus(await registry.snapshot(), await this.font());
  }

  /** Replaces municipality `code`'s 外字 with those of a font or outlines file; throws GaijiError and changes nothing if it is bad. */
  async importGaiji(file: RegistryFile, code: string): Promise<GlyphStatus> {
    const gaiji = parseGaiji(new Uint8Array(await file.arrayBuffer()), await this.font());
    const snapshot = await this.snapshot();
    const municipalities = snapshot.municipalities.map((m) => (m.code === code ? { ...m, glyphs: withGaiji(m.glyphs, gaiji) } : m));
    await (await this.deps.registry()).replaceAll({ ...snapshot, municipalities });
    return this.glyphs();
  }

  private async font(): Promise<FontMetrics> {
    return this.deps.font ? this.deps.font() : (await loadCertificateFont()).metrics;
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

/** The registry worker: the import's bytes go in transferred, progress comes back through a proxy. */
export function workerRegistryJobs(bridge: WorkerBridge<RegistryWorkerApi>): RegistryJobs {
  return {
    async importBytes(bytes, file, kind, { onProgress, signal }) {
      const result = await bridge.call<WorkerImportResult>((api) => api.importFile(transfer(bytes, [bytes.buffer]), file, kind, proxy(onProgress ?? (() => undefined))), { signal });
      if (!result.ok) throw new ImportError(result.problems);
      return result.summary;
    },
    summary: () => bridge.call((api) => api.summary()),
    fillGlyphs: () => bridge.call((api) => api.fillGlyphs()),
    glyphs: () => bridge.call((api) => api.glyphs()),
  };
}

let registryBridge: WorkerBridge<RegistryWorkerApi> | undefined;

export function registryWorkerBridge(): WorkerBridge<RegistryWorkerApi> {
  registryBridge ??= new WorkerBridge<RegistryWorkerApi>(() => new Worker(new URL('../../workers/registry-import.worker.ts', import.meta.url), { type: 'module', name: 'kofu-registry' }));
  return registryBridge;
}

let admin: RegistryAdmin | undefined;

/** The registry of this device (filled with the demo data when empty in demo mode), the registry worker and the pdf worker. */
export function registryAdmin(): RegistryAdmin {
  admin ??= new RegistryAdmin({
    registry: async () => appRegistry(await readDemoMode(await appDatabase())),
    calibrationPdf: () => pdfBridge().call((api) => api.calibrationPdf()),
    jobs: workerRegistryJobs(registryWorkerBridge()),
  });
  return admin;
}
