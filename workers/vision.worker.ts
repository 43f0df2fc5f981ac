/**
 * Vision worker: a thin comlink adapter over pure functions in src/vision/. Pixel buffers arrive
 * and leave as transferred ArrayBuffers, never copies.
 */
import { expose, transfer } from 'comlink';
import { installErrorTransfer } from '../src/app/worker-errors.ts';
import { rgbaToGrey, type GreyImage } from '../src/vision/grey.ts';

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

export type VisionWorkerApi = typeof api;

expose(api);
