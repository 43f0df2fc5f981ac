/**
 * The app's entry to vision work off the main thread. Domain code stays pure in src/vision/;
 * this module only moves pixels to the worker and back.
 */
import { transfer } from 'comlink';
import type { GreyImage } from '../vision/grey.ts';
import type { VisionWorkerApi } from '../../workers/vision.worker.ts';
import { WorkerBridge, type CallOptions } from './worker-bridge.ts';

let bridge: WorkerBridge<VisionWorkerApi> | undefined;

export function visionBridge(): WorkerBridge<VisionWorkerApi> {
  bridge ??= new WorkerBridge<VisionWorkerApi>(
    () => new Worker(new URL('../../workers/vision.worker.ts', import.meta.url), { type: 'module', name: 'kofu-vision' }),
  );
  return bridge;
}

/**
 * Converts an RGBA image to grey in the vision worker. The RGBA buffer is transferred: `image`
 * is unusable afterwards (its data becomes detached), which is what makes this cheap for a
 * 35-megapixel scan.
 */
export function toGreyInWorker(image: ImageData | { data: Uint8ClampedArray; width: number; height: number }, options: CallOptions = {}): Promise<GreyImage> {
  return visionBridge().call(
    (api, onProgress) => api.toGrey(transfer(image.data, [image.data.buffer]), image.width, image.height, onProgress),
    options,
  );
}
