/**
 * Page-check worker: reads one page of a sheet for the verify worker (src/verify/sheet-pipeline.ts
 * readPage, step 0 of a front's comparison included), on a second core, so that the front's QR
 * search and step 0 run beside the back's carrier decoding. Started by the verify worker; the
 * page's pixels arrive transferred, the reading's leave transferred.
 */
import { expose, transfer } from 'comlink';
import * as zxing from 'zxing-wasm/reader';
import { installErrorTransfer } from '../src/app/worker-errors.ts';
import { globalExcess, type GlobalExcessJob } from '../src/compare/compare.ts';
import type { TrustInput } from '../src/verify/pipeline.ts';
import { provideQrReader } from '../src/verify/qr.ts';
import { restoreWithCanvas } from '../src/verify/restore.ts';
import { readPage, type PageReading, type SheetPage } from '../src/verify/sheet-pipeline.ts';

installErrorTransfer();
// In this worker's own module graph: no dynamic import() at the first page (see provideQrReader).
provideQrReader(zxing);

const api = {
  /** Answers once this worker has loaded (the verify worker waits for it before sending a page). */
  ready(): true {
    return true;
  },
  async readPage(page: SheetPage, index: number, trust: TrustInput, locatorText: string | undefined): Promise<PageReading> {
    const reading = await readPage(page, index, { trust, locatorText, restore: restoreWithCanvas }, true);
    // The fine rendering is a function over this thread's canvas: it stays here (the verify worker draws its own).
    const { fine: _fine, ...result } = reading.result;
    const buffers = [
      ...result.report.restored.map((image) => image.pixels.buffer),
      ...(reading.front ? [reading.front.grey.data.buffer, ...(reading.front.background ? [reading.front.background.image.data.buffer] : [])] : []),
    ] as ArrayBuffer[];
    return transfer({ ...reading, result }, [...new Set(buffers)]);
  },
  /** The global half of a front's difference map (src/compare/compare.ts), while the verify worker computes the rest. */
  globalExcess(job: GlobalExcessJob): Uint8Array {
    const excess = globalExcess(job);
    return transfer(excess, [excess.buffer as ArrayBuffer]);
  },
};

export type PageCheckWorkerApi = typeof api;

expose(api);
