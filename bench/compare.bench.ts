/**
 * Front comparison on the tamper corpus (src/compare/testing/tamper.ts): detection rate of
 * one-field tampers and false-alarm rate on genuine fronts, each as a flatbed scan at 300 dpi and
 * as a phone photo. A front is flagged when the comparison finds at least one region (or cannot
 * register the scan at all); a tamper counts as detected only when a region overlaps the field
 * that was changed. `verify.ms.whole_sheet.scan300` is not measured here: the comparison is not
 * yet wired into the verifier pipeline.
 */
import { compareScanWithRendering, COMPARE_DPI } from '../src/compare/compare.ts';
import { captureFront, changedBox, CORPUS_REQUESTS, issueDemo, renderFront, tamper, type Capture } from '../src/compare/testing/tamper.ts';

/** Seeds per certificate and capture; the corpus is small because the simulator is slow (seconds per sheet). */
const SEEDS = [1, 2];

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

async function measure(capture: Capture) {
  let tampered = 0;
  let detected = 0;
  let genuine = 0;
  let alarms = 0;
  const ms: number[] = [];
  for (const { residentId, request, tampers } of CORPUS_REQUESTS) {
    const cert = await issueDemo(residentId, request);
    const rendering = await renderFront(cert, COMPARE_DPI);
    for (const seed of SEEDS) {
      const started = performance.now();
      const result = compareScanWithRendering(rendering, await captureFront(cert, capture, seed));
      ms.push(performance.now() - started);
      genuine++;
      if (!result.registered || result.difference.regions.length) alarms++;
      const kind = tampers[seed % tampers.length];
      const forged = tamper(cert, kind, seed);
      const truth = changedBox(rendering, await renderFront(forged, COMPARE_DPI));
      if (!truth) continue;
      const found = compareScanWithRendering(rendering, await captureFront(forged, capture, seed + 100));
      tampered++;
      if (found.registered && found.difference.regions.some((r) => overlaps(r, truth))) detected++;
    }
  }
  ms.sort((a, b) => a - b);
  return { tampered, detected, genuine, alarms, medianMs: ms[ms.length >> 1] };
}

export async function run() {
  const out = [];
  for (const capture of ['scan300', 'photo'] as const) {
    const m = await measure(capture);
    const context = { compare_dpi: COMPARE_DPI, tampered: m.tampered, genuine: m.genuine };
    out.push(
      { id: `compare.detect.one_char.${capture}`, value: +(m.detected / m.tampered).toFixed(3), unit: 'ratio', note: `target ≥ ${capture === 'scan300' ? 0.98 : 0.9}`, ...context },
      { id: `compare.false_alarm.${capture}`, value: +(m.alarms / m.genuine).toFixed(3), unit: 'ratio', budget: capture === 'scan300' ? 0.01 : 0.03, ...context },
      { id: `compare.ms.${capture}`, value: Math.round(m.medianMs), unit: 'ms', ...context },
    );
  }
  return out;
}
