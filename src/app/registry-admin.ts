/**
 * Administration of the resident registry this tablet issues from: its snapshot, export as JSON
 * or residents CSV, import with every problem listed by file, line and field (src/registry/
 * transfer.ts validates in full first, so a bad file changes nothing), back to the demo data, and
 * the printer calibration sheet from the pdf worker. No DOM: the admin panel saves the files.
 */
import { fileSize } from '../bytes/errors.ts';
import { demoRegistry } from '../registry/demo.ts';
import { parseGaiji, withGaiji } from '../registry/gaiji.ts';
import type { RegistrySnapshot } from '../registry/model.ts';
import type { FontMetrics } from '../render/font.ts';
import { loadCertificateFont } from '../render/font-asset.ts';
import type { Registry } from '../registry/registry.ts';
import { importText } from '../registry/text-decoding.ts';
import { ImportError, exportRegistryJson, exportResidentsCsv, importRegistryJson, importResidentsCsv, type ImportProblem } from '../registry/transfer.ts';
import { appDatabase } from './database.ts';
import { readDemoMode } from './demo-mode.ts';
import type { DownloadFile } from './download-file.ts';
import { pdfBridge } from './pdf.ts';
import { appRegistry } from './registry.ts';
import { fetchPackShard, glyphStatus, withPackGlyphs, type FetchShard, type GlyphStatus } from './registry-glyphs.ts';

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
  /** The certificate font's metrics (what it draws needs no glyph); the app's font by default. */
  font?(): Promise<FontMetrics>;
  /** A glyph pack shard (src/app/registry-glyphs.ts); fetched from the app's server by default. */
  fetchShard?: FetchShard;
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
    const imported = kind === 'json' ? await importRegistryJson(registry, text, file.name) : await importResidentsCsv(registry, text, file.name);
    return await this.fetchGlyphs(imported);
  }

  /**
   * Fills the glyphs the registry needs from the glyph pack (staff are online when they import).
   * Offline, the registry stays as imported; the status lists what would print as 〓 and
   * `refreshGlyphs` tries again.
   */
  private async fetchGlyphs(snapshot: RegistrySnapshot): Promise<RegistrySnapshot> {
    let completed: RegistrySnapshot;
    try {
      completed = await withPackGlyphs(snapshot, await this.font(), this.deps.fetchShard ?? fetchPackShard);
    } catch {
      return snapshot;
    }
    if (completed !== snapshot) await (await this.deps.registry()).replaceAll(completed);
    return completed;
  }

  async refreshGlyphs(): Promise<GlyphStatus> {
    await this.fetchGlyphs(await this.snapshot());
    return this.glyphs();
  }

  /** What the registry holds of glyphs, and what would print as 〓. */
  async glyphs(): Promise<GlyphStatus> {
    return glyphStatus(await this.snapshot(), await this.font());
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

let admin: RegistryAdmin | undefined;

/** The registry of this device (filled with the demo data when empty in demo mode) and the pdf worker. */
export function registryAdmin(): RegistryAdmin {
  admin ??= new RegistryAdmin({
    registry: async () => appRegistry(await readDemoMode(await appDatabase())),
    calibrationPdf: () => pdfBridge().call((api) => api.calibrationPdf()),
  });
  return admin;
}
