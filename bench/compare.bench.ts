/**
 * Front comparison on the tamper corpus (src/compare/testing/tamper.ts) as the verifier runs it
 * (src/verify/front.ts checkFront: registration, coverage, regions in view): detection of
 * one-field tampers (one character of a name or the address, a birth date moved by a day, one
 * digit of a tax amount, a household member removed) and false alarms on genuine fronts, each as
 * a flatbed scan at 300 dpi and as a phone photo. Every front is printed as kofu's PDF prints it
 * (printedFront: the PDF page rasterised by PDF.js, the 『複写』 pantograph and the tinted 地紋
 * under the text), then put through the print–scan simulator. A genuine front is a false alarm when the verdict would be "differs";
 * a front that cannot be placed is "not compared" (the back's verdict stands) and counted apart.
 * A tamper counts as detected only when a region overlaps the field that was changed.
 *
 * `verify.ms.whole_sheet.scan300`: front and back of one sheet as two 2480 × 3508 JPEG scans
 * (print–scan simulator, flatbed at 300 dpi), decoded and sent to the verify worker, to the
 * whole-sheet verdict (src/verify/sheet-pipeline.ts through src/app/verifier.ts's worker).
 */
import { transfer } from 'comlink';
import { verifyBridge } from '../src/app/verifier.ts';
import { flatbedConditions } from '../src/carrier/simulate/conditions.ts';
import { simulate } from '../src/carrier/simulate/simulate.ts';
import { COMPARE_DPI } from '../src/compare/compare.ts';
import { captureFront, changedBox, CORPUS_REQUESTS, frontRuns, issueDemo, printedFront, renderFront, tamper, type Capture } from '../src/compare/testing/tamper.ts';
import { A4 } from '../src/render/layout.ts';
import type { FineRendering } from '../src/compare/fine-cells.ts';
import { checkFront, type PrintedRun } from '../src/verify/front.ts';
import { restoreWithCanvas } from '../src/verify/restore.ts';
import { PAGE_DPI, backPage, demoSetup, issueDemo as issueSealed } from '../src/verify/testing/back-side.ts';
import type { GreyImage } from '../src/vision/grey.ts';
import { median } from './timing.ts';

/**
 * Seeds per certificate and capture. Seeds 3–8 tuned the cell check (docs/compare.md) and are left
 * out; 1–2 and 9–11 were never looked at while tuning. Small because the simulator is slow
 * (≈ 9 s a sheet: the whole bench takes about 15–25 minutes).
 */
const SEEDS = [1, 2, 9, 10, 11];
const WHOLE_SHEET_RUNS = 3;

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * As the verifier checks a front: against the genuine rendering, the runs the signed content
 * prints and, for the cells' second look, the front at FINE_DPI (a new one each time, drawn only
 * when a front has candidates, so that each front pays for its own drawing as in the verifier).
 */
const check = (rendering: GreyImage, runs: readonly PrintedRun[], scan: GreyImage, fine?: FineRendering) =>
  checkFront({ page: 0, grey: scan }, { sheet: 0, rendering, runs, page: A4, ...(fine ? { fine } : {}) }).check;

async function measure(capture: Capture) {
  let tampered = 0;
  let detected = 0;
  let genuine = 0;
  let alarms = 0;
  let notCompared = 0;
  const ms: number[] = [];
  const missed: string[] = [];
  for (const { residentId, request, tampers } of CORPUS_REQUESTS) {
    const cert = await issueDemo(residentId, request);
    const rendering = await renderFront(cert, COMPARE_DPI);
    const runs = await frontRuns(cert);
    const restored = await restoreWithCanvas(cert, COMPARE_DPI);
    for (const seed of SEEDS) {
      const scan = await captureFront(cert, capture, seed, { pdf: true });
      const started = performance.now();
      const result = check(rendering, runs, scan, restored.fine?.(0));
      ms.push(performance.now() - started);
      genuine++;
      if (result.status === 'differs') alarms++;
      if (result.status === 'unreadable') notCompared++;
      const kind = tampers[seed % tampers.length];
      const forged = tamper(cert, kind, seed);
      const truth = changedBox(rendering, await renderFront(forged, COMPARE_DPI));
      if (!truth) continue;
      const found = check(rendering, runs, await captureFront(forged, capture, seed + 100, { pdf: true }), restored.fine?.(0));
      tampered++;
      const hit = found.regions.some((r) => overlaps({ x: r.x * rendering.width, y: r.y * rendering.height, w: r.w * rendering.width, h: r.h * rendering.height }, truth));
      if (found.status === 'differs' && hit) detected++;
      else missed.push(`${cert.kind}/${kind}/${seed}:${found.status}`);
    }
  }
  return { tampered, detected, genuine, alarms, notCompared, medianMs: median(ms), missed: missed.join(' ') };
}

/** A grey page as a JPEG file, as a scanner saves it. */
async function jpeg(image: { data: Uint8ClampedArray | Uint8Array; width: number; height: number }): Promise<Blob> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const rgba = image.data.length === image.width * image.height * 4 ? new Uint8ClampedArray(image.data) : Uint8ClampedArray.from({ length: image.width * image.height * 4 }, (_, i) => (i % 4 === 3 ? 255 : image.data[i >> 2]));
  canvas.getContext('2d')!.putImageData(new ImageData(rgba, image.width, image.height), 0, 0);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
}

async function decoded(file: Blob): Promise<ImageData> {
  const bitmap = await createImageBitmap(file);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

async function wholeSheet() {
  const { trust } = await demoSetup();
  const issued = await issueSealed(11);
  const frontPrint = await printedFront(issued.cert, PAGE_DPI);
  const files = [
    await jpeg(await simulate(frontPrint, { ...flatbedConditions(3), scanDpi: PAGE_DPI }, PAGE_DPI)),
    await jpeg(await simulate(backPage(issued), { ...flatbedConditions(4), scanDpi: PAGE_DPI }, PAGE_DPI)),
  ];
  const bridge = verifyBridge();
  const times: number[] = [];
  let outcome = '';
  let size = '';
  for (let i = 0; i <= WHOLE_SHEET_RUNS; i++) {
    const started = performance.now();
    const pages = await Promise.all(files.map(decoded));
    size = pages.map((p) => `${p.width}x${p.height}`).join(' ');
    const images = pages.map((p) => ({ data: p.data, width: p.width, height: p.height }));
    const report = await bridge.call((api) => api.verifySheet(transfer(images, images.map((p) => p.data.buffer as ArrayBuffer)), trust, undefined));
    const total = performance.now() - started;
    outcome = `${report.outcome}/${report.notes?.join(',')}`;
    if (i > 0) times.push(total);
  }
  bridge.terminate();
  return { ms: median(times), outcome, size };
}

export async function run() {
  const out = [];
  for (const capture of ['scan300', 'photo'] as const) {
    const m = await measure(capture);
    const context = { compare_dpi: COMPARE_DPI, tampered: m.tampered, genuine: m.genuine, printed: 'pdf (pantograph + 地紋)' };
    out.push(
      { id: `compare.detect.one_char.${capture}`, value: +(m.detected / m.tampered).toFixed(3), unit: 'ratio', note: `target ≥ ${capture === 'scan300' ? 0.98 : 0.9}; missed: ${m.missed || 'none'}`, ...context },
      { id: `compare.false_alarm.${capture}`, value: +(m.alarms / m.genuine).toFixed(3), unit: 'ratio', budget: capture === 'scan300' ? 0.01 : 0.03, not_compared: m.notCompared, ...context },
      { id: `compare.ms.${capture}`, value: Math.round(m.medianMs), unit: 'ms', ...context },
    );
  }
  const sheet = await wholeSheet();
  out.push({ id: 'verify.ms.whole_sheet.scan300', value: Math.round(sheet.ms), unit: 'ms', budget: 1500, outcome: sheet.outcome, pages: sheet.size, note: 'two JPEG scans decoded + verify worker, median of 3 after a warm-up' });
  return out;
}
