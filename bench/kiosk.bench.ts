/**
 * Kiosk timings in demo mode (bench/kiosk-issue.ts), the registry in memory. `kiosk.auth_ms`: PIN
 * submitted → certificate list (VERIFY, challenge signature, registry lookup).
 * `kiosk.pin_to_pdf_ms.juminhyo_1` (also under its older id `kiosk.issue_ms.juminhyo_1`): PIN
 * submitted → PDF bytes of a one-person 住民票の写し, through choice, options, preview, seal, QR
 * and PDF.
 */
import { demoRegistry } from '../src/registry/demo.ts';
import { MemoryRegistry } from '../src/registry/registry.ts';
import { timeIssues } from './kiosk-issue.ts';
import { median, spread, type Metric } from './timing.ts';

const RUNS = 5;

export async function run(): Promise<Metric[]> {
  const times = await timeIssues(() => new MemoryRegistry(demoRegistry), RUNS);
  const ms = (values: number[]) => +median(values).toFixed(1);
  // Where the time goes: the pdf worker's calls, and the page's share (card VERIFY and signature,
  // registry, seal signing, QR locator, carrier encode: mint/ and card/).
  const breakdown = {
    auth_ms: ms(times.auth),
    worker_sheets_ms: ms(times.workerCalls.sheets),
    worker_preview_ms: ms(times.workerCalls.preview),
    worker_pdf_ms: ms(times.workerCalls.pdf),
    page_ms: ms(times.issue.map((t, i) => t - times.worker[i])),
  };
  const issue = { value: ms(times.issue), unit: 'ms', runs: RUNS, ...spread(times.issue), worker_ms: ms(times.worker), ...breakdown, note: 'PIN → PDF bytes, warm worker' };
  return [
    { id: 'kiosk.auth_ms', value: +median(times.auth).toFixed(1), unit: 'ms', runs: RUNS, ...spread(times.auth), reader: 'virtual rcs380' },
    { id: 'kiosk.issue_ms.juminhyo_1', ...issue },
    { id: 'kiosk.pin_to_pdf_ms.juminhyo_1', ...issue, budget: 1000 },
    { id: 'kiosk.pdf_bytes.juminhyo_1', value: times.pdfBytes, unit: 'bytes' },
  ];
}
