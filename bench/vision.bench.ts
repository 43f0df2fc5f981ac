/**
 * Vision stage timings on an A4 page at 300 dpi (2480 × 3508 px): RGBA → grey, fast and reference
 * paths. The app converts inside the verify worker, as part of the pipeline: bench/verify.bench.ts
 * reports that path (`grey_ms`, and `verify.worker_ms.flatbed300` with the transfer).
 */
import { rgbaToGrey, rgbaToGreyReference } from '../src/vision/grey.ts';
import { medianMs } from './timing.ts';

const WIDTH = 2480;
const HEIGHT = 3508;
const RUNS = 5;

function page(): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  for (let i = 0; i < rgba.length; i += 4) {
    rgba[i] = (i * 31) & 255;
    rgba[i + 1] = (i * 17) & 255;
    rgba[i + 2] = (i * 7) & 255;
    rgba[i + 3] = 255;
  }
  return rgba;
}

export async function run() {
  const source = page();
  const fast = await medianMs(RUNS, () => rgbaToGrey(source, WIDTH, HEIGHT));
  const reference = await medianMs(RUNS, () => rgbaToGreyReference(source, WIDTH, HEIGHT));
  const context = { image: `${WIDTH}x${HEIGHT}`, runs: RUNS };
  return [
    { id: 'vision.grey_ms.a4_300dpi', value: fast, unit: 'ms', ...context },
    { id: 'vision.grey_reference_ms.a4_300dpi', value: reference, unit: 'ms', ...context },
  ];
}
