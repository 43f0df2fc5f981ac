/**
 * The whole verification pipeline on an A4 back side at 300 dpi (2480 × 3508 px), on the main
 * thread (the app runs the same code in the verify worker): a real demo seal, carrier and QR
 * locator (src/verify/testing/back-side.ts), printed and scanned by the carrier's seeded
 * print–scan simulator at 300 dpi (flatbed set, seed 7), then QR → carrier → seal → content →
 * restored image at 100 dpi. `verify.worker_ms.flatbed300` is the app's own path (src/app/verifier.ts):
 * the same scan transferred to the verify worker, which runs that pipeline. `verify.camera_fps`:
 * 1280×720 camera frames analysed per second by continuous scanning (bench/verify-timing.ts).
 */
import { transfer } from 'comlink';
import { verifyBridge } from '../src/app/verifier.ts';
import { flatbedConditions, photoConditions } from '../src/carrier/simulate/conditions.ts';
import type { PrintScanConditions } from '../src/carrier/simulate/print-scan.ts';
import { simulate } from '../src/carrier/simulate/simulate.ts';
import { verifyImage } from '../src/verify/pipeline.ts';
import { FIXTURE_NOW, PAGE_DPI, backPage, demoSetup, issueDemo } from '../src/verify/testing/back-side.ts';
import { median, spread, type Metric } from './timing.ts';
import { CAMERA_FRAME, FLATBED_SEED, cameraFixture, cameraRate, timeFlatbed } from './verify-timing.ts';

const RUNS = 5;
const SEED = FLATBED_SEED;
const CAMERA_FRAMES = 6;
const CAMERA_PASSES = 2;
/** Whole-pipeline success over simulated captures of the whole back (restored image skipped). */
const SUCCESS_TRIALS = 10;

async function successRate(trust: Awaited<ReturnType<typeof demoSetup>>['trust'], page: ReturnType<typeof backPage>, set: (seed: number) => PrintScanConditions, base: number) {
  let ok = 0;
  const failures: string[] = [];
  for (let t = 0; t < SUCCESS_TRIALS; t++) {
    const image = await simulate(page, set(base + t), PAGE_DPI);
    const report = await verifyImage(image, { trust, now: FIXTURE_NOW });
    if (report.verdict === 'demo') ok++;
    else failures.push(report.code);
  }
  return { rate: ok / SUCCESS_TRIALS, failures: failures.join(' ') };
}

export async function run(): Promise<Metric[]> {
  const { trust } = await demoSetup();
  const issued = await issueDemo(1);
  const scan = await simulate(backPage(issued, { patterns: true }), { ...flatbedConditions(SEED), scanDpi: PAGE_DPI }, PAGE_DPI);
  const flatbedTimes = await timeFlatbed(RUNS);
  const { totals, verdict } = flatbedTimes;
  const { qr, grey, carrier, seal, render } = flatbedTimes.stages;
  const bridge = verifyBridge();
  const inWorker: number[] = [];
  let workerVerdict = '';
  for (let i = 0; i <= RUNS; i++) {
    const data = scan.data.slice();
    const started = performance.now();
    const report = await bridge.call((api) => api.verify(transfer(data, [data.buffer]), scan.width, scan.height, trust, undefined));
    const total = performance.now() - started;
    workerVerdict = report.verdict;
    if (i > 0) inWorker.push(total);
  }
  bridge.terminate();
  // The back as now printed: carrier panel, QR, emblems and the 『複写』 pantograph (src/pdf/back-layout.ts).
  const page = backPage(issued, { patterns: true });
  const flatbed = await successRate(trust, page, (seed) => ({ ...flatbedConditions(seed), scanDpi: PAGE_DPI }), 100);
  const photo = await successRate(trust, page, photoConditions, 200);
  const camera = await cameraRate(await cameraFixture(CAMERA_FRAMES), CAMERA_PASSES);
  const context = { image: `${scan.width}x${scan.height}`, runs: RUNS, seed: SEED, verdict, conditions: 'flatbedConditions(7) at 300 dpi' };
  const round = (v: number) => +v.toFixed(1);
  return [
    { id: 'verify.ms.flatbed300', value: round(median(totals)), unit: 'ms', qr_ms: round(median(qr)), grey_ms: round(median(grey)), carrier_ms: round(median(carrier)), seal_ms: round(median(seal)), render_ms: round(median(render)), ...context },
    { id: 'verify.success.flatbed300', value: flatbed.rate, unit: 'ratio', trials: SUCCESS_TRIALS, failures: flatbed.failures, note: 'whole A4 back as printed (patterns included), flatbedConditions(100..109) at 300 dpi, QR found in the image' },
    { id: 'verify.success.photo', value: photo.rate, unit: 'ratio', trials: SUCCESS_TRIALS, failures: photo.failures, note: 'whole A4 back as printed (patterns included), photoConditions(200..209): 150–250 dpi, tilt ≤ 25°, blur, noise, JPEG; printed camera profile (0.85 mm modules)' },
    { id: 'verify.worker_ms.flatbed300', value: round(median(inWorker)), unit: 'ms', ...context, verdict: workerVerdict, note: 'the scan transferred to the verify worker (warm), pipeline and restored image there, report back' },
    { id: 'verify.camera_fps', value: +camera.fps.toFixed(2), unit: 'frames/s', frames: CAMERA_FRAMES * CAMERA_PASSES, frame: `${CAMERA_FRAME.width}x${CAMERA_FRAME.height}`, frame_ms: round(median(camera.frameMs)), ...spread(camera.frameMs), outcomes: camera.outcomes, note: 'continuous scan: photoConditions(300..) backs fitted into 720p frames, whole pipeline per frame on the main thread' },
    { id: 'verify.qr_ms', value: round(median(qr)), unit: 'ms', note: 'zxing-wasm readBarcodes on the whole RGBA page, tryHarder', ...context },
  ];
}
