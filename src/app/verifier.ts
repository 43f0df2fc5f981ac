/**
 * Composition of the verifier: the trust lists this device holds (trust store, main thread,
 * IndexedDB) and the pipeline in the verify worker. Input errors (file too large, not an image)
 * become invalid reports like every other failure, so the UI has one result shape.
 */
import { transfer } from 'comlink';
import type { LocatorPeek, VerifyWorkerApi } from '../../workers/verify.worker.ts';
import { AbortedError } from '../bytes/errors.ts';
import { inputFailureReport } from '../verify/verdicts.ts';
import type { VerificationReport } from '../verify/report.ts';
import { trustStore } from './trust/verifier-trust.ts';
import { WorkerBridge, type CallOptions } from './worker-bridge.ts';

let bridge: WorkerBridge<VerifyWorkerApi> | undefined;

export function verifyBridge(): WorkerBridge<VerifyWorkerApi> {
  bridge ??= new WorkerBridge<VerifyWorkerApi>(
    () => new Worker(new URL('../../workers/verify.worker.ts', import.meta.url), { type: 'module', name: 'kofu-verify' }),
  );
  return bridge;
}

export interface VerifyCallOptions extends CallOptions {
  /** The locator from the `/verify#digits` URL, if the page was opened from the QR code. */
  readonly locatorText?: string;
}

/** Verifies RGBA pixels (transferred: `image` is unusable afterwards). */
export async function verifyPixels(image: { data: Uint8ClampedArray; width: number; height: number }, options: VerifyCallOptions = {}): Promise<VerificationReport> {
  let trust;
  try {
    const current = await trustStore().currentTrust();
    trust = { demoMode: current.demoMode, lists: [...current.lists] };
  } catch (error) {
    return inputFailureReport(error);
  }
  return verifyBridge().call(
    (api, onProgress) => api.verify(transfer(image.data, [image.data.buffer]), image.width, image.height, trust, options.locatorText, onProgress),
    options,
  );
}

export function readLocatorInWorker(text: string): Promise<LocatorPeek> {
  return verifyBridge().call((api) => api.readLocator(text) as Promise<LocatorPeek>);
}

export { AbortedError, inputFailureReport };
