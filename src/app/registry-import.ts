/**
 * The registry import as one job, wherever it runs: bytes → text (the encoding detected,
 * src/registry/text-decoding.ts) → parsed and validated in full (src/registry/transfer.ts for JSON, residents-csv.ts for CSV) →
 * the whole registry replaced in one IndexedDB transaction. A file with any problem, a failed
 * write or a cancelled job changes nothing. The admin console runs it in
 * workers/registry-import.worker.ts, so a city-sized file never blocks the screen; tests run it
 * in the page. No DOM.
 */
import type { RegistrySnapshot } from '../registry/model.ts';
import type { Registry } from '../registry/registry.ts';
import { importText } from '../registry/text-decoding.ts';
import { parseResidentsCsv } from '../registry/residents-csv.ts';
import { checkRegistryValue, parseRegistryJson } from '../registry/transfer.ts';

export type RegistryFileKind = 'json' | 'csv';

/**
 * Where an import is. `decoding` and `checking` cannot say how far they are (the parser reads
 * the file in one pass): `done`/`total` are then the file's bytes; in `writing` they count
 * records (residents, households, seals, tax records, 戸籍 and municipalities together).
 */
export interface ImportProgress {
  readonly phase: 'decoding' | 'checking' | 'writing';
  readonly done: number;
  readonly total: number;
}

/** What the registry holds, per municipality: what the admin panel lists. */
export interface RegistrySummary {
  readonly residents: number;
  readonly households: number;
  readonly municipalities: readonly { readonly code: string; readonly name: string; readonly residents: number; readonly households: number; readonly koseki: number }[];
}

/** A registry an import can replace: `replaceAll` may report the records written (IndexedDbRegistry does). */
export type ImportTarget = Pick<Registry, 'snapshot'> & {
  replaceAll(snapshot: RegistrySnapshot, onWritten?: (done: number, total: number) => void): Promise<void>;
  /** Everything but the residents, which a residents CSV replaces: a city's 100,000 need not be read. */
  snapshotWithoutResidents?(): Promise<RegistrySnapshot>;
  /** Residents and households without reading them (IndexedDbRegistry counts its stores). */
  counts?(): Promise<{ residents: number; households: number }>;
};

/**
 * A whole-registry JSON: the engine's JSON.parse and the checks first (about four times faster
 * than the line-tracking parser on 100,000 residents, bench/registry.bench.ts); only a file
 * with a problem goes through parseRegistryJson again, which says on which line each one is.
 */
export function parseRegistryJsonFast(text: string, file: string): RegistrySnapshot {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return parseRegistryJson(text, file); // throws the syntax problem with its line
  }
  return checkRegistryValue(value, file) ?? parseRegistryJson(text, file);
}

/** Counts per municipality, in the registry's order. */
export function summarizeRegistry(snapshot: RegistrySnapshot): RegistrySummary {
  const tally = <T extends { municipality: string }>(records: readonly T[]) => {
    const counts = new Map<string, number>();
    for (const record of records) counts.set(record.municipality, (counts.get(record.municipality) ?? 0) + 1);
    return counts;
  };
  const residents = tally(snapshot.residents);
  const households = tally(snapshot.households);
  const koseki = tally(snapshot.koseki);
  return {
    residents: snapshot.residents.length,
    households: snapshot.households.length,
    municipalities: snapshot.municipalities.map((m) => ({ code: m.code, name: m.name, residents: residents.get(m.code) ?? 0, households: households.get(m.code) ?? 0, koseki: koseki.get(m.code) ?? 0 })),
  };
}

/** Imports `bytes` (a whole-registry JSON or a residents CSV) into `target`; throws ImportError, changing nothing, for a bad file. */
export async function importRegistryBytes(
  target: ImportTarget,
  bytes: Uint8Array,
  file: string,
  kind: RegistryFileKind,
  onProgress: (progress: ImportProgress) => void = () => undefined,
): Promise<RegistrySummary> {
  onProgress({ phase: 'decoding', done: 0, total: bytes.length });
  const text = importText(bytes, file);
  onProgress({ phase: 'checking', done: 0, total: bytes.length });
  const snapshot = kind === 'json' ? parseRegistryJsonFast(text, file) : parseResidentsCsv(text, await (target.snapshotWithoutResidents?.() ?? target.snapshot()), file);
  await target.replaceAll(snapshot, (done, total) => onProgress({ phase: 'writing', done, total }));
  return summarizeRegistry(snapshot);
}
