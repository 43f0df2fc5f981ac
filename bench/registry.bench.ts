/**
 * A city-sized registry on the tablet. A city holds hundreds of thousands of residents; the demo
 * registry holds 14. Synthetic residents (src/registry/testing/synthetic.ts) go into the
 * IndexedDB registry the kiosk uses (src/store/registry-store.ts), and:
 *
 * - `registry.import_ms.100k`: the admin console's import of a whole-registry JSON file with
 *   100,000 residents (RegistryAdmin.importFile → the registry worker: src/registry/transfer.ts
 *   parse + validate → IndexedDbRegistry.replaceAll), with the longest the main thread was
 *   blocked meanwhile (a 10 ms interval's largest gap) and how many progress updates it sent;
 * - `kiosk.issue_ms.registry_300k`: PIN → PDF (bench/kiosk-issue.ts) with 300,000 residents
 *   loaded, against runs with the registry in memory (`kiosk.pin_to_pdf_ms.juminhyo_1`'s setup)
 *   interleaved with them, so both meet the same machine load; the budget is 1.2 × the
 *   in-memory figure. `registry.lookup_ms.*` times the lookups alone (card → resident → household);
 * - `registry.storage_mb.*`: what the origin then stores (navigator.storage.estimate(), the
 *   number the admin storage panel shows).
 */
import { appDatabase } from '../src/app/database.ts';
import { MAX_REGISTRY_FILE_BYTES, RegistryAdmin, registryWorkerBridge, workerRegistryJobs } from '../src/app/registry-admin.ts';
import { demoRegistry } from '../src/registry/demo.ts';
import type { RegistrySnapshot } from '../src/registry/model.ts';
import { MemoryRegistry, type Registry } from '../src/registry/registry.ts';
import { syntheticCardHash, syntheticRegistry } from '../src/registry/testing/synthetic.ts';
import { exportResidentsCsv } from '../src/registry/residents-csv.ts';
import { exportRegistryJson } from '../src/registry/transfer.ts';
import type { KofuDatabase } from '../src/store/database.ts';
import { IndexedDbRegistry } from '../src/store/registry-store.ts';
import { StoreName } from '../src/store/schema.ts';
import { timeIssues } from './kiosk-issue.ts';
import { median, spread, type Metric } from './timing.ts';

/** A file as the admin import reads it: its bytes (the import detects the encoding). */
function utf8File(name: string, text: string) {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, arrayBuffer: async () => bytes.buffer as ArrayBuffer };
}

const ISSUE_RUNS = 5;
const IMPORT_RUNS = 2;
const IMPORT_RESIDENTS = 100_000;
const CITY_RESIDENTS = 300_000;
/** Records per transaction when the bench loads the 300k registry itself. */
const BATCH = 20_000;

const round = (v: number) => +v.toFixed(1);
const megabytes = (bytes: number) => +(bytes / 1048576).toFixed(1);

/** The longest gap between the ticks of a 10 ms interval while `task` runs: how long the screen could not respond. */
async function withBlockProbe<T>(task: () => Promise<T>): Promise<{ result: T; longestBlockMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  try {
    const result = await task();
    longest = Math.max(longest, performance.now() - last);
    return { result, longestBlockMs: longest };
  } finally {
    clearInterval(timer);
  }
}

async function storageMb(): Promise<number> {
  return megabytes((await navigator.storage.estimate()).usage ?? NaN);
}

/**
 * The demo registry through the real replaceAll, then the synthetic households and residents in
 * transactions of BATCH records, laid out as IndexedDbRegistry stores them (its `_order` field
 * continues after the demo records'). Bench-only: the app's import writes one transaction.
 */
async function loadInBatches(db: KofuDatabase, registry: IndexedDbRegistry, city: RegistrySnapshot): Promise<void> {
  await registry.replaceAll(demoRegistry);
  const write = async (store: StoreName, records: readonly object[], offset: number) => {
    for (let from = 0; from < records.length; from += BATCH) {
      const tx = db.transaction(store, 'readwrite');
      records.slice(from, from + BATCH).forEach((record, i) => void tx.store.put({ ...record, _order: offset + from + i }));
      await tx.done;
    }
  };
  await write(StoreName.registryHouseholds, city.households.slice(demoRegistry.households.length), demoRegistry.households.length);
  await write(StoreName.registryResidents, city.residents.slice(demoRegistry.residents.length), demoRegistry.residents.length);
}

/** Median time of `lookups` card lookups (`residentByCard`, the kiosk's first registry read) and their household. */
async function lookupMs(registry: IndexedDbRegistry, hashes: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (const hash of hashes) {
    const started = performance.now();
    const resident = await registry.residentByCard(hash);
    if (!resident) throw new Error(`no resident for card ${hash}`);
    await registry.householdMembers(resident.householdId);
    times.push(performance.now() - started);
  }
  return times;
}

/** Issues alternately from `a` and `b`, one run each per round, so both meet the same machine load. */
async function interleaved(a: () => Registry, b: () => Registry, rounds: number): Promise<[number[], number[], number[], number[]]> {
  const issueA: number[] = [];
  const issueB: number[] = [];
  const authA: number[] = [];
  const authB: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const x = await timeIssues(a, 1);
    const y = await timeIssues(b, 1);
    issueA.push(...x.issue);
    authA.push(...x.auth);
    issueB.push(...y.issue);
    authB.push(...y.auth);
  }
  return [issueA, authA, issueB, authB];
}

const LOOKUPS = 50;

export async function run(): Promise<Metric[]> {
  const db = await appDatabase();
  const registry = new IndexedDbRegistry(db);
  const metrics: Metric[] = [];
  const memory = () => new MemoryRegistry(demoRegistry);

  await registry.replaceAll(syntheticRegistry(demoRegistry, 100));
  const smallLookups = await lookupMs(registry, Array.from({ length: LOOKUPS }, (_, i) => syntheticCardHash(i % 100)));
  await registry.replaceAll(demoRegistry);
  const [memoryBefore, , small, smallAuth] = await interleaved(memory, () => registry, ISSUE_RUNS);
  const storageDemo = await storageMb();
  // ── import 100k through the admin console's path ──
  const imported = syntheticRegistry(demoRegistry, IMPORT_RESIDENTS);
  const json = exportRegistryJson(imported);
  const csv = exportResidentsCsv(imported.residents);
  const jsonBytes = new TextEncoder().encode(json).length;
  const csvBytes = new TextEncoder().encode(csv).length;
  // The admin console's path: the file's bytes to the registry worker, progress back.
  const admin = new RegistryAdmin({ registry: async () => registry, calibrationPdf: async () => new Uint8Array(), jobs: workerRegistryJobs(registryWorkerBridge()) });
  const refusedForSize = jsonBytes > MAX_REGISTRY_FILE_BYTES;
  if (refusedForSize) throw new Error(`a ${megabytes(jsonBytes)} MB registry is over the import limit`);
  const progressUpdates: number[] = [];
  const phases: Record<string, number[]> = {};
  /** One import through the worker: its time, the main thread's longest block, and the time of each phase (from the progress updates). */
  const importTimed = async (name: string, text: string, kind: 'json' | 'csv', times: number[], blocks: number[]) => {
    let updates = 0;
    const file = utf8File(name, text); // encoded before the clock starts: a File's bytes are the browser's
    const phaseStarts: [string, number][] = [];
    const started = performance.now();
    const { result, longestBlockMs } = await withBlockProbe(() =>
      admin.importFile(file, kind, {
        onProgress: (p) => {
          updates++;
          if (phaseStarts.at(-1)?.[0] !== p.phase) phaseStarts.push([p.phase, performance.now()]);
        },
      }),
    );
    const ended = performance.now();
    times.push(ended - started);
    blocks.push(longestBlockMs);
    progressUpdates.push(updates);
    phaseStarts.forEach(([phase, at], i) => (phases[`${kind}_${phase}_ms`] ??= []).push((phaseStarts[i + 1]?.[1] ?? ended) - at));
    return result;
  };
  const phaseMedians = (kind: string) => Object.fromEntries(Object.entries(phases).filter(([k]) => k.startsWith(kind)).map(([k, v]) => [k, round(median(v))]));
  const jsonTimes: number[] = [];
  const jsonBlocks: number[] = [];
  for (let i = 0; i < IMPORT_RUNS; i++) {
    const result = await importTimed('city.json', json, 'json', jsonTimes, jsonBlocks);
    if (result.residents !== imported.residents.length) throw new Error(`imported ${result.residents} residents`);
  }
  const storage100k = await storageMb();
  const csvTimes: number[] = [];
  const csvBlocks: number[] = [];
  for (let i = 0; i < IMPORT_RUNS; i++) {
    const result = await importTimed('residents.csv', csv, 'csv', csvTimes, csvBlocks);
    if (result.residents !== imported.residents.length) throw new Error(`imported ${result.residents} residents`);
  }
  const progress = `registry worker; ${Math.min(...progressUpdates)}–${Math.max(...progressUpdates)} progress updates per import`;
  metrics.push(
    { id: 'registry.import_ms.100k', value: round(median(jsonTimes)), unit: 'ms', budget: 20000, runs: IMPORT_RUNS, ...spread(jsonTimes), residents: imported.residents.length, households: imported.households.length, file_mb: megabytes(jsonBytes), max_file_mb: MAX_REGISTRY_FILE_BYTES / 1048576, longest_block_ms: round(Math.max(...jsonBlocks)), ...phaseMedians('json'), progress, note: 'whole-registry JSON in the registry worker: decode + parse + validate + replaceAll in IndexedDB' },
    { id: 'registry.import_ms.100k.csv', value: round(median(csvTimes)), unit: 'ms', runs: IMPORT_RUNS, ...spread(csvTimes), file_mb: megabytes(csvBytes), longest_block_ms: round(Math.max(...csvBlocks)), ...phaseMedians('csv'), progress, note: 'residents CSV over the imported households' },
    { id: 'registry.import_longest_block_ms.100k', value: round(Math.max(...jsonBlocks)), unit: 'ms', note: 'longest main-thread block during the JSON import (the screen cannot respond meanwhile)' },
    { id: 'registry.storage_mb.100k', value: storage100k, unit: 'MB', demo_mb: storageDemo, note: 'navigator.storage.estimate().usage after the import, as the admin storage panel shows it' },
  );

  // ── issuing with 300k loaded ──
  const city = syntheticRegistry(demoRegistry, CITY_RESIDENTS);
  const loadStarted = performance.now();
  await loadInBatches(db, registry, city);
  const loadMs = performance.now() - loadStarted;
  const count = await db.count(StoreName.registryResidents);
  const storage300k = await storageMb();
  const largeLookups = await lookupMs(registry, Array.from({ length: LOOKUPS }, (_, i) => syntheticCardHash((i * 6007) % CITY_RESIDENTS)));
  const [memoryAfter, memoryAuth, large, largeAuth] = await interleaved(memory, () => registry, ISSUE_RUNS);
  const baseline = median(memoryAfter);
  metrics.push(
    { id: 'kiosk.issue_ms.registry_300k', value: round(median(large)), unit: 'ms', budget: round(1.2 * baseline), runs: ISSUE_RUNS, ...spread(large), residents: count, auth_ms: round(median(largeAuth)), ratio_to_memory_14: +(median(large) / baseline).toFixed(2), note: 'PIN → PDF, IndexedDB registry; budget 1.2 × the in-memory 14-resident runs interleaved with these' },
    { id: 'kiosk.issue_ms.registry_14', value: round(median(small)), unit: 'ms', runs: ISSUE_RUNS, ...spread(small), auth_ms: round(median(smallAuth)), memory_14_ms: round(median(memoryBefore)), note: 'the same with the 14 demo residents in IndexedDB, interleaved with in-memory runs (memory_14_ms)' },
    { id: 'kiosk.issue_ms.memory_14', value: round(baseline), unit: 'ms', runs: ISSUE_RUNS, ...spread(memoryAfter), auth_ms: round(median(memoryAuth)), note: 'registry in memory (kiosk.pin_to_pdf_ms.juminhyo_1 setup), interleaved with the 300k runs' },
    { id: 'registry.lookup_ms.300k', value: +median(largeLookups).toFixed(2), unit: 'ms', lookups: LOOKUPS, ...spread(largeLookups, 2), note: 'residentByCard + householdMembers, IndexedDB indexes, 300,000 residents' },
    { id: 'registry.lookup_ms.100', value: +median(smallLookups).toFixed(2), unit: 'ms', lookups: LOOKUPS, ...spread(smallLookups, 2), note: 'the same with 100 residents' },
    { id: 'registry.load_ms.300k', value: round(loadMs), unit: 'ms', batch: BATCH, note: 'bench-only batched load of 300,000 residents (not the import path)' },
    { id: 'registry.storage_mb.300k', value: storage300k, unit: 'MB', note: 'navigator.storage.estimate().usage with 300,000 residents' },
  );
  // ── a 300k residents CSV over the city's households, through the worker ──
  const cityCsv = exportResidentsCsv(city.residents);
  const cityCsvBytes = new TextEncoder().encode(cityCsv).length;
  const cityTimes: number[] = [];
  const cityBlocks: number[] = [];
  for (const key of Object.keys(phases)) delete phases[key];
  const cityImport = await importTimed('city.csv', cityCsv, 'csv', cityTimes, cityBlocks);
  if (cityImport.residents !== city.residents.length) throw new Error(`imported ${cityImport.residents} of ${city.residents.length} residents`);
  metrics.push({ id: 'registry.import_ms.300k.csv', value: round(cityTimes[0]), unit: 'ms', file_mb: megabytes(cityCsvBytes), max_file_mb: MAX_REGISTRY_FILE_BYTES / 1048576, longest_block_ms: round(cityBlocks[0]), ...phaseMedians('csv'), progress_updates: progressUpdates.at(-1), note: 'residents CSV of 300,000 over the loaded households, registry worker' });
  await registry.replaceAll(demoRegistry);
  return metrics;
}
