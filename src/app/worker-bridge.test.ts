import { expect } from '@open-wc/testing';
import { transfer } from 'comlink';
import { AbortedError } from '../bytes/errors.ts';
import { rgbaToGrey } from '../vision/grey.ts';
import type { GreyWorkerApi } from './testing/grey.worker.ts';
import { WorkerBridge } from './worker-bridge.ts';
import { describeError } from '../ui/shared/error-messages.ts';

const newBridge = () =>
  new WorkerBridge<GreyWorkerApi>(() => new Worker(new URL('./testing/grey.worker.ts', import.meta.url), { type: 'module' }));

function gradient(width: number, height: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([i % 256, (i * 7) % 256, (i * 13) % 256, 255], i * 4);
  return rgba;
}

describe('app/worker-bridge', () => {
  it('converts to grey in the worker, transferring the pixels both ways, and reports progress', async () => {
    const rgba = gradient(64, 40);
    const expected = rgbaToGrey(rgba, 64, 40).data;
    const progress: number[] = [];
    const bridge = newBridge();
    const grey = await bridge.call((api, onProgress) => api.toGrey(transfer(rgba, [rgba.buffer]), 64, 40, onProgress), { onProgress: (f) => progress.push(f) });
    bridge.terminate();
    expect(rgba.byteLength, 'the source buffer was transferred, not copied').to.equal(0);
    expect(grey.width).to.equal(64);
    expect([...grey.data]).to.deep.equal([...expected]);
    expect(progress.at(-1)).to.equal(1);
  });

  it('rejects an aborted call with AbortedError and starts a fresh worker for the next one', async () => {
    const bridge = newBridge();
    const controller = new AbortController();
    const big = gradient(4000, 3000);
    // Abort at the first progress report: the worker is then certainly running.
    const pending = bridge.call((api, onProgress) => api.toGrey(big, 4000, 3000, onProgress), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    let failure: unknown;
    await pending.catch((error) => (failure = error));
    expect(failure).to.be.instanceOf(AbortedError);
    const grey = await bridge.call((api) => api.toGrey(gradient(2, 2), 2, 2));
    expect(grey.data.length).to.equal(4);
    expect(bridge.workersStarted).to.equal(2);
    bridge.terminate();
  });

  it('refuses to start a call whose signal is already aborted', async () => {
    const bridge = newBridge();
    let failure: unknown;
    await bridge.call((api) => api.toGrey(gradient(1, 1), 1, 1), { signal: AbortSignal.abort() }).catch((e) => (failure = e));
    expect(failure).to.be.instanceOf(AbortedError);
    expect(bridge.workersStarted).to.equal(0);
  });

  it('passes errors thrown in the worker back to the caller', async () => {
    const bridge = newBridge();
    let failure: unknown;
    await bridge.call((api) => api.toGrey(new Uint8ClampedArray(3), 1, 1)).catch((e) => (failure = e));
    expect(String(failure)).to.contain('vision.bad-image-shape');
    expect(describeError(failure, 'en')).to.match(/wrong size/);
    bridge.terminate();
  });
});
