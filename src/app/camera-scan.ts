/**
 * The verifier camera on the device: opening the camera (with the torch, where the device has one)
 * and sending frames to the verify worker for their hint and, when it is good, the pipeline
 * (src/app/camera-guidance.ts). No DOM beyond the MediaStream it is given.
 */
import { transfer } from 'comlink';
import type { FrameScan } from './camera-guidance.ts';
import { trustStore } from './trust/verifier-trust.ts';
import { verifyBridge } from './verifier.ts';

export type { CameraHint, FrameGuidance, FrameScan } from './camera-guidance.ts';

export interface FrameScanCall {
  readonly locatorText?: string;
  readonly decodeAnyway: boolean;
  readonly signal?: AbortSignal;
}

/** Scans one frame in the verify worker (its pixels are transferred: `frame` is unusable afterwards). */
export async function scanFrameInWorker(frame: ImageData, options: FrameScanCall): Promise<FrameScan> {
  const current = await trustStore().currentTrust();
  const trust = { demoMode: current.demoMode, lists: [...current.lists] };
  return verifyBridge().call(
    (api) => api.scanFrame(transfer(frame.data, [frame.data.buffer]), frame.width, frame.height, trust, options.locatorText, options.decodeAnyway),
    { signal: options.signal },
  );
}

/** `MediaTrackCapabilities.torch` and its constraint (Image Capture, W3C): not in TypeScript's DOM types. */
interface TorchCapabilities {
  readonly torch?: boolean;
}

/** True when the stream's video track can switch the device's torch (the flash LED) on. */
export function hasTorch(stream: MediaStream | undefined): boolean {
  const track = stream?.getVideoTracks()[0];
  return !!(track?.getCapabilities?.() as TorchCapabilities | undefined)?.torch;
}

/** Switches the torch; false when the device refused (it may be in use by another app). */
export async function setTorch(stream: MediaStream | undefined, on: boolean): Promise<boolean> {
  const track = stream?.getVideoTracks()[0];
  if (!track || !hasTorch(stream)) return false;
  try {
    await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
    return true;
  } catch {
    return false;
  }
}
