/**
 * Paper-check worker: a thin comlink adapter over src/vision/paper-check.ts (issue #10). It has a
 * worker of its own, apart from the verify worker, because the check runs for seconds in one
 * synchronous call: Cancel terminates this worker (src/app/paper-check.ts), and the verify
 * worker, with whatever it holds, is not touched. The page's pixels arrive transferred; the
 * revealed image leaves transferred.
 */
import { expose, transfer } from 'comlink';
import { installErrorTransfer } from '../src/app/worker-errors.ts';
import { rgbaToGrey } from '../src/vision/grey.ts';
import { checkPaper, type PaperCheck, type PaperCheckProgress } from '../src/vision/paper-check.ts';

installErrorTransfer();

const api = {
  /**
   * The latent emblem's revealed mark and the originality hint. `dpi`: the input's resolution if
   * the carrier told it. `onProgress` hears each stage (a comlink proxy: the messages reach the
   * page while this call is still running).
   */
  async checkPaper(rgba: Uint8ClampedArray, width: number, height: number, dpi: number | undefined, onProgress?: (progress: PaperCheckProgress) => unknown): Promise<PaperCheck> {
    let delivered: unknown;
    const result = checkPaper(rgbaToGrey(rgba, width, height), dpi, (progress) => (delivered = onProgress?.(progress)));
    await delivered;
    const view = result.latent.view;
    return view ? transfer(result, [view.data.buffer as ArrayBuffer]) : result;
  },
};

export type PaperCheckWorkerApi = typeof api;

expose(api);
