/**
 * The verifier's paper check (「用紙の潜像とコピーの有無を調べる」, src/app/paper-check.ts) on one
 * A4 back at 300 dpi as the verifier passes it: the back as printed (carrier, QR, emblems,
 * 『複写』 pantograph; src/verify/testing/back-side.ts) through the flatbed print–scan simulator
 * (seed 7), as RGBA pixels, with the resolution the carrier measured (the verdict's
 * `diagnostics.estimatedDpi`).
 *
 * `paper.check_ms.scan300`: the app's path, the pixels transferred to the paper-check worker,
 * the check there, the result back (warm worker, median). Its context gives the stages on the
 * main thread, timed by the progress reports (the weights in src/vision/paper-check.ts come from
 * them), and `paper.read_ms.scan300` the reading of the page again from a PNG file, the step
 * before the worker.
 */
import { flatbedConditions } from '../src/carrier/simulate/conditions.ts';
import { simulate } from '../src/carrier/simulate/simulate.ts';
import { checkPaperPixels, paperCheckBridge, paperSource } from '../src/app/paper-check.ts';
import { verifyImage } from '../src/verify/pipeline.ts';
import { FIXTURE_NOW, PAGE_DPI, backPage, demoSetup, issueDemo } from '../src/verify/testing/back-side.ts';
import { checkPaper, type PaperCheckStage } from '../src/vision/paper-check.ts';
import { rgbaToGrey } from '../src/vision/grey.ts';
import { median, medianMs, spread, type Metric } from './timing.ts';

const RUNS = 5;
const SEED = 7;

type Scan = { data: Uint8ClampedArray; width: number; height: number };

let fixture: { scan: Scan; dpi: number | undefined } | undefined;

export async function prepare(): Promise<void> {
  const { trust } = await demoSetup();
  const raw = await simulate(backPage(await issueDemo(1), { patterns: true }), { ...flatbedConditions(SEED), scanDpi: PAGE_DPI }, PAGE_DPI);
  const scan = { data: new Uint8ClampedArray(raw.data), width: raw.width, height: raw.height };
  const report = await verifyImage({ data: scan.data.slice(), width: scan.width, height: scan.height }, { trust, now: FIXTURE_NOW });
  fixture = { scan, dpi: report.diagnostics?.estimatedDpi };
}

/** When each stage started and the check ended, on the main thread (ms from the start). */
function stageTimes(scan: Scan, dpi: number | undefined): Record<PaperCheckStage | 'end', number> {
  const started = performance.now();
  const at: Partial<Record<PaperCheckStage | 'end', number>> = {};
  checkPaper(rgbaToGrey(scan.data, scan.width, scan.height), dpi, ({ stage }) => (at[stage] ??= performance.now() - started));
  return { locate: 0, reveal: 0, originality: 0, ...at, end: performance.now() - started };
}

export async function run(): Promise<Metric[]> {
  if (!fixture) await prepare();
  const { scan, dpi } = fixture!;
  const image = () => new ImageData(scan.data.slice(), scan.width, scan.height);
  const totals: number[] = [];
  let found = false;
  // One warm-up: the worker's start and its modules' first compile, which the person waits for too
  // on a first check, but not what changes from one build to the next.
  for (let i = 0; i <= RUNS; i++) {
    const pixels = image();
    const started = performance.now();
    const result = await checkPaperPixels(pixels, dpi);
    if (i > 0) totals.push(performance.now() - started);
    found = result.latent.found;
  }
  paperCheckBridge().terminate();
  const stages = stageTimes(scan, dpi);
  const canvas = new OffscreenCanvas(scan.width, scan.height);
  canvas.getContext('2d')!.putImageData(image(), 0, 0);
  const file = new File([await canvas.convertToBlob({ type: 'image/png' })], 'back.png', { type: 'image/png' });
  const read = await medianMs(3, () => paperSource({ kind: 'file', file })());
  const round = (v: number) => +v.toFixed(1);
  const context = { image: `${scan.width}x${scan.height}`, dpi_passed: dpi === undefined ? 'none' : round(dpi), runs: RUNS, seed: SEED, conditions: 'flatbedConditions(7) at 300 dpi, back with patterns' };
  return [
    {
      id: 'paper.check_ms.scan300',
      value: round(median(totals)),
      unit: 'ms',
      ...spread(totals),
      found,
      main_locate_ms: round(stages.reveal),
      main_reveal_ms: round(stages.originality - stages.reveal),
      main_originality_ms: round(stages.end - stages.originality),
      main_total_ms: round(stages.end),
      note: 'RGBA transferred to the paper-check worker (warm), grey, emblem search, reveal, originality; result back',
      ...context,
    },
    { id: 'paper.read_ms.scan300', value: read, unit: 'ms', png_bytes: file.size, note: 'the page read again from its PNG file (paperSource), before the worker', ...context },
  ];
}
