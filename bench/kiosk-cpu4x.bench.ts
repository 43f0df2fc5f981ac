/**
 * `kiosk.pin_to_pdf_ms.juminhyo_1` with the page's CPU throttled 4× (bench/run.mjs), a stand-in
 * for a cheap tablet. Chromium throttles pages only, not workers, so the pdf worker's share runs
 * at full speed: `worker_ms` reports it, and `all_throttled_estimate_ms` adds three more times it,
 * the figure for a device where the worker is as slow as the page.
 */
import { demoRegistry } from '../src/registry/demo.ts';
import { MemoryRegistry } from '../src/registry/registry.ts';
import { timeIssues } from './kiosk-issue.ts';
import { median, spread, type BenchOptions, type Metric } from './timing.ts';

export const options: BenchOptions = { cpuThrottlingRate: 4 };

const RUNS = 3;

export async function run(): Promise<Metric[]> {
  const times = await timeIssues(() => new MemoryRegistry(demoRegistry), RUNS);
  const issue = median(times.issue);
  const worker = median(times.worker);
  return [
    { id: 'kiosk.pin_to_pdf_ms.juminhyo_1.cpu4x', value: +issue.toFixed(1), unit: 'ms', budget: 3000, runs: RUNS, ...spread(times.issue), worker_ms: +worker.toFixed(1), all_throttled_estimate_ms: +(issue + 3 * worker).toFixed(1), note: 'page CPU 4× slower; pdf worker unthrottled' },
  ];
}
