/**
 * Registry worker: a thin comlink adapter over src/app/registry-import.ts. The file's bytes
 * arrive transferred; decoding, parsing, validation and the IndexedDB writes all run here, so
 * importing a city (100,000 residents and more) leaves the admin screen free to draw its
 * progress bar and answer Cancel. Cancel terminates this worker: its open transaction is
 * aborted with it (IndexedDB 3.0, "close a database connection" with the forced flag aborts
 * every unfinished transaction), so the registry stays as it was. The glyph work after an
 * import and the glyph status (src/app/registry-glyphs.ts) run here too: they read the whole
 * registry, and the font, which the admin screen then parses only to import 外字.
 */
import { expose } from 'comlink';
import { installErrorTransfer } from '../src/app/worker-errors.ts';
import { importRegistryBytes, summarizeRegistry, type ImportProgress, type RegistryFileKind } from '../src/app/registry-import.ts';
import { ImportError, type ImportProblem } from '../src/registry/import-check.ts';
import type { RegistrySummary } from '../src/app/registry-import.ts';
import { fillRegistryGlyphs, glyphStatus, type GlyphStatus } from '../src/app/registry-glyphs.ts';
import { loadCertificateFont } from '../src/render/font-asset.ts';
import { openDatabase } from '../src/store/database.ts';
import { IndexedDbRegistry } from '../src/store/registry-store.ts';

installErrorTransfer();

export type WorkerImportResult = { ok: true; summary: RegistrySummary } | { ok: false; problems: readonly ImportProblem[] };

let registry: Promise<IndexedDbRegistry> | undefined;

/** The worker's own connection; it closes when the page upgrades the schema (the next call opens a new one). */
function workerRegistry(): Promise<IndexedDbRegistry> {
  registry ??= openDatabase({ onVersionChange: () => (registry = undefined) }).then((db) => new IndexedDbRegistry(db));
  return registry;
}

const api = {
  /**
   * The summary of the new registry, or the refusal's problems: an ImportError's list would not
   * survive the error transfer (src/app/worker-errors.ts keeps code and params only), so it
   * travels as data and src/app/registry-admin.ts throws it again.
   */
  async importFile(bytes: Uint8Array, file: string, kind: RegistryFileKind, onProgress: (progress: ImportProgress) => void): Promise<WorkerImportResult> {
    try {
      return { ok: true, summary: await importRegistryBytes(await workerRegistry(), bytes, file, kind, onProgress) };
    } catch (error) {
      if (error instanceof ImportError) return { ok: false, problems: error.problems };
      throw error;
    }
  },
  /** Counts per municipality: reading 100,000 residents here keeps the page from structured-cloning them. */
  async summary() {
    return summarizeRegistry(await (await workerRegistry()).snapshot());
  },
  /** The glyphs the registry needs from the glyph pack, stored with it (src/app/registry-glyphs.ts); offline, nothing changes. */
  async fillGlyphs(): Promise<void> {
    await fillRegistryGlyphs(await workerRegistry(), (await loadCertificateFont()).metrics);
  },
  /** What the registry holds of glyphs and what would print as 〓: the whole registry and the font are read here, not in the page. */
  async glyphs(): Promise<GlyphStatus> {
    return glyphStatus(await (await workerRegistry()).snapshot(), (await loadCertificateFont()).metrics);
  },
};

export type RegistryWorkerApi = typeof api;

expose(api);
