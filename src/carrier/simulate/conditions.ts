/**
 * The fixed condition sets of the benchmark and the distortion tests, drawn from a seed.
 * flatbed300: office laser print scanned at 300 dpi, as a bank clerk would (any orientation,
 * upside down half of the time). photo: a whole-sheet phone photo, effective 150–250 dpi.
 */
import { CLEAN_CONDITIONS, type PrintScanConditions } from './print-scan.ts';
import { rng } from './random.ts';

const between = (random: () => number, a: number, b: number) => a + (b - a) * random();

export function flatbedConditions(seed: number, scanDpi = 300): PrintScanConditions {
  const random = rng(seed * 7919 + 17);
  const upsideDown = random() < 0.5;
  return {
    ...CLEAN_CONDITIONS,
    seed,
    dotGain: between(random, 0.3, 1.0),
    scanDpi,
    blur: between(random, 0.5, 1.0),
    noise: between(random, 2, 6),
    rotationDeg: between(random, -5, 5) + (upsideDown ? 180 : 0),
    scale: between(random, 0.99, 1.01),
    lighting: between(random, 0, 0.15),
    cast: [between(random, 0.95, 1), between(random, 0.95, 1), between(random, 0.95, 1)],
    jpegQuality: random() < 0.5 ? 0 : between(random, 0.75, 0.95),
  };
}

export function photoConditions(seed: number): PrintScanConditions {
  const random = rng(seed * 104729 + 3);
  return {
    ...CLEAN_CONDITIONS,
    seed,
    dotGain: between(random, 0.3, 1.0),
    scanDpi: between(random, 150, 250),
    blur: between(random, 0.7, 1.5),
    noise: between(random, 4, 10),
    rotationDeg: between(random, -180, 180),
    scale: 1,
    tiltDeg: between(random, 0, 25),
    tiltAxisDeg: between(random, 0, 360),
    barrel: between(random, -0.06, 0),
    lighting: between(random, 0.1, 0.5),
    cast: [between(random, 0.85, 1), between(random, 0.85, 1), between(random, 0.75, 1)],
    jpegQuality: between(random, 0.4, 0.9),
  };
}
