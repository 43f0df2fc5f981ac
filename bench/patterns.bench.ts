/**
 * Pattern metrics (issue #10): the 『複写』 pantograph's message contrast on the original and after
 * a simulated 600 dpi copy; the latent reveal's correlation with the hidden mark from a 300 dpi
 * flatbed scan and from a phone photo as it comes (tilted up to 25°, barrel distortion, blur,
 * noise, JPEG; mean over seeds), its score on the same screen without a mark (worst over seeds);
 * the originality hint's detection and false-alarm rates on 600 dpi scans of simulated originals
 * and copies. `patterns.render_ms.back_a4`: what the PDF worker does for a sheet's patterns — the
 * vector plans of the A4 pantograph (tiled, PDF tiling patterns), the 地紋 tile and both emblems
 * (src/pdf/print-patterns.ts); `patterns.raster_ms.back_a4`: the same pantograph and emblem as a
 * 600 dpi raster, the form the tests and the simulator use.
 */
import { flatbedConditions, photoConditions } from '../src/carrier/simulate/conditions.ts';
import { printScan, type PrintScanConditions } from '../src/carrier/simulate/print-scan.ts';
import { simulate } from '../src/carrier/simulate/simulate.ts';
import { OFFICE_COPIER_600, SCANNER_COPY_300, messageContrast, simulateCopy } from '../src/patterns/copier.ts';
import { latentPlan, renderLatentLineScreen, renderLatentMark, type LatentLineOptions } from '../src/patterns/latent-line.ts';
import { pantographRegions, PRINT_TILING, renderPantograph } from '../src/patterns/pantograph.ts';
import { irEmblemPlan } from '../src/patterns/ir-emblem.ts';
import { printPatterns } from '../src/pdf/print-patterns.ts';
import { PRINTER_PROFILES, type PrinterProfile } from '../src/patterns/printer-profiles.ts';
import { estimateCopyEvidence, type Originality } from '../src/vision/copy-evidence.ts';
import { copyScan, originalScan } from '../src/vision/testing/copy-samples.ts';
import { rgbaToGrey } from '../src/vision/grey.ts';
import { revealCorrelation, revealLatent } from '../src/vision/latent-reveal.ts';
import { medianMs } from './timing.ts';

const SEEDS = [1, 2, 3, 4];
const EMBLEM: LatentLineOptions = { widthMm: 40, heightMm: 40 };
/** The profiles the pantograph is designed for; laser-300 is reported apart (its dots survive a copier). */
const COPY_PROFILES: readonly PrinterProfile[] = [PRINTER_PROFILES['laser-600'], PRINTER_PROFILES['inkjet-600'], PRINTER_PROFILES['laser-1200']];
const COPIERS = [OFFICE_COPIER_600, SCANNER_COPY_300];

async function correlation(c: PrintScanConditions): Promise<number> {
  const scan = await simulate(renderLatentLineScreen(EMBLEM), c);
  const reveal = revealLatent(rgbaToGrey(scan.data, scan.width, scan.height));
  const img = printScan(renderLatentMark(EMBLEM), 600, { ...c, noise: 0, dotGain: 0, lighting: 0, cast: [1, 1, 1], blur: 0 });
  const inside = Uint8Array.from({ length: img.width * img.height }, (_, i) => (img.data[4 * i] < 128 ? 1 : 0));
  return revealCorrelation(reveal, inside);
}

async function falseScore(c: PrintScanConditions): Promise<number> {
  const scan = await simulate(renderLatentLineScreen({ ...EMBLEM, withMark: false }), c);
  return revealLatent(rgbaToGrey(scan.data, scan.width, scan.height)).score;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const share = (verdicts: Originality[], v: Originality) => verdicts.filter((x) => x === v).length / verdicts.length;

/** The hint's verdicts on originals and copies of `profiles`, every seed and copier. */
async function copyVerdicts(profiles: readonly PrinterProfile[]) {
  const originals: Originality[] = [];
  const copies: Originality[] = [];
  for (const profile of profiles) {
    for (const seed of SEEDS) {
      originals.push(estimateCopyEvidence(await originalScan(profile, seed), 600).verdict);
      for (const copier of COPIERS) copies.push(estimateCopyEvidence(await copyScan(profile, copier, seed), 600).verdict);
    }
  }
  return { originals, copies };
}
const round = (x: number, digits = 4) => +x.toFixed(digits);

export async function run() {
  // As printed: the tiled form the PDF's tiling patterns draw (src/pdf/print-patterns.ts).
  const panto = { widthMm: 80, heightMm: 60, seed: 131, tiling: PRINT_TILING };
  const original = renderPantograph(panto);
  const regions = pantographRegions(panto);
  const before = messageContrast(original, regions, original.width, original.dpi);
  const after = messageContrast(simulateCopy(original, OFFICE_COPIER_600), regions, original.width, original.dpi);

  const scan = await Promise.all(SEEDS.map((s) => correlation(flatbedConditions(s))));
  const photo = await Promise.all(SEEDS.map((s) => correlation(photoConditions(s))));
  const falses = await Promise.all(SEEDS.flatMap((s) => [falseScore(flatbedConditions(s)), falseScore(photoConditions(s))]));
  const designed = await copyVerdicts(COPY_PROFILES);
  const coarse = await copyVerdicts([PRINTER_PROFILES['laser-300']]);

  const renderMs = await medianMs(5, () => {
    printPatterns({ seed: 992011 });
    latentPlan({ widthMm: 28, heightMm: 28 });
    irEmblemPlan(28);
  });
  const rasterMs = await medianMs(3, () => {
    renderPantograph({ widthMm: 210, heightMm: 297, seed: 131, tiling: PRINT_TILING });
    renderLatentLineScreen(EMBLEM);
  });
  const context = { seeds: SEEDS.length, emblem_mm: 40, profile: 'laser-600' };
  return [
    { id: 'pantograph.contrast.original', value: round(before, 5), unit: 'ink fraction', ...context },
    { id: 'pantograph.contrast.copy', value: round(after), unit: 'ink fraction', copier: '600 dpi', ...context },
    { id: 'latent.reveal_corr.scan300', value: round(mean(scan), 3), unit: 'r', budget_min: 0.7, ...context },
    { id: 'latent.reveal_corr.photo', value: round(mean(photo), 3), unit: 'r', budget_min: 0.5, photo: 'as taken: tilt ≤ 25°, barrel, JPEG', ...context },
    { id: 'latent.false_reveal', value: round(Math.max(...falses), 3), unit: 'score', budget: 0.2, ...context },
    ...copyMetrics(designed, coarse),
    { id: 'patterns.render_ms.back_a4', value: renderMs, unit: 'ms', budget: 500, note: 'vector plans for the PDF worker: A4 pantograph, 地紋, latent and IR emblems', ...context },
    { id: 'patterns.raster_ms.back_a4', value: rasterMs, unit: 'ms', dpi: 600, note: 'the tiled A4 pantograph and a 40 mm emblem as a 600 dpi raster (tests, simulator)', ...context },
  ];
}

type Verdicts = { originals: Originality[]; copies: Originality[] };

function copyMetrics(designed: Verdicts, coarse: Verdicts) {
  const context = { seeds: SEEDS.length, profiles: COPY_PROFILES.map((p) => p.id).join(' '), copiers: '600 dpi copier, 300 dpi scanner print', scan_dpi: 600 };
  return [
    { id: 'copy.detect_rate.scan600', value: round(share(designed.copies, 'copy'), 3), unit: 'share of copies', budget_min: 0.95, samples: designed.copies.length, ...context },
    { id: 'copy.false_alarm.scan600', value: round(share(designed.originals, 'copy'), 3), unit: 'share of originals', budget: 0.01, samples: designed.originals.length, ...context },
    { id: 'copy.undecided.scan600', value: round(share([...designed.originals, ...designed.copies], 'cannot-tell'), 3), unit: 'share of all', ...context },
    { id: 'copy.original_rate.scan600', value: round(share(designed.originals, 'original'), 3), unit: 'share of originals', ...context },
    { id: 'copy.detect_rate.scan600.laser300', value: round(share(coarse.copies, 'copy'), 3), unit: 'share of copies', samples: coarse.copies.length, profile: 'laser-300' },
    { id: 'copy.false_alarm.scan600.laser300', value: round(share(coarse.originals, 'copy'), 3), unit: 'share of originals', samples: coarse.originals.length, profile: 'laser-300' },
  ];
}
