/**
 * A worker for the WorkerBridge tests (test-only; the app's workers are in workers/): RGBA → grey
 * over comlink, with progress, so a call is long enough on a big image to be aborted half-way.
 * Pixel buffers arrive and leave transferred, as in the app's workers.
 */
import { expose, transfer } from 'comlink';
import { installErrorTransfer } from '../worker-errors.ts';
import { rgbaToGrey, type GreyImage } from '../../vision/grey.ts';

installErrorTransfer();

const api = {
  async toGrey(rgba: Uint8ClampedArray, width: number, height: number, onProgress?: (fraction: number) => unknown): Promise<GreyImage> {
    let delivered: unknown;
    const grey = rgbaToGrey(rgba, width, height, { onProgress: (fraction) => (delivered = onProgress?.(fraction)) });
    // Progress travels on its own MessagePort: wait until the last report has arrived, so the
    // caller never sees the result before "100 %".
    await delivered;
    return transfer(grey, [grey.data.buffer]);
  },
};

export type GreyWorkerApi = typeof api;

expose(api);
