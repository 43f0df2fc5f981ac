/**
 * The difference map between the restored rendering of a front and a scan of it already
 * resampled onto the rendering's grid (register.ts): tone normalisation, a blur-tolerant
 * difference, and the regions where the paper says something the signed content does not.
 *
 * Tolerance: a pixel counts only when it is darker, by more than `threshold` grey levels, than
 * every pixel of the other image within `radius` (a min envelope, both ways), so a stroke that
 * moved by up to `radius` pixels, or spread by print–scan blur and toner, never counts; what
 * remains is ink that is on one and nowhere near on the other: a changed, added or removed glyph.
 */
import type { GreyImage } from '../vision/grey.ts';
import { boxMean, connectedRegions, paperLevel, squareExtremum } from './image-ops.ts';

export interface DifferenceOptions {
  /** Envelope radius, rendering pixels: the misregistration and blur tolerated. */
  readonly radius: number;
  /** Grey levels one image must be darker than the other's envelope to count. */
  readonly threshold: number;
  /** Radius of the paper-level estimate (rendering pixels): wider than any stroke. */
  readonly paperRadius: number;
  /** Radius by which counted pixels are grown before grouping, so the strokes of one glyph form one region. */
  readonly join: number;
  /** Smallest region kept, in counted pixels. */
  readonly minArea: number;
  /** Smallest summed excess darkness of a region kept (pixel × grey levels). */
  readonly minMass: number;
  /** Pixels this close to the sheet's edge are not compared (the scan's edge of paper). */
  readonly border: number;
  /**
   * Smallest width and height of a region kept, pixels: a region one or two pixels thin is a
   * table rule drawn a pixel aside (PDF.js and the canvas rasterise hairlines differently), never
   * a changed glyph, whose strokes span a glyph's box (~20 px at 150 dpi).
   */
  readonly minThickness: number;
}

/** Tuned on the tamper corpus at 150 dpi (docs/compare.md). */
export const DEFAULT_DIFFERENCE: DifferenceOptions = { radius: 1, threshold: 80, paperRadius: 12, join: 3, minArea: 8, minMass: 300, border: 24, minThickness: 3 };

export interface DifferenceRegion {
  /** Rectangle in rendering pixels. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Counted pixels inside. */
  readonly area: number;
  /** Summed excess darkness beyond the threshold. */
  readonly mass: number;
}

export interface Difference {
  readonly width: number;
  readonly height: number;
  /** Per pixel: how much darker than the other's envelope (0 = agrees), whichever way is larger. */
  readonly map: Uint8Array;
  readonly regions: readonly DifferenceRegion[];
  /** The largest region's mass / 1000 (0 when there is none): how strongly the front disagrees. */
  readonly score: number;
}

/**
 * Scan grey divided by its local paper level (illumination falloff, colour cast and toner/paper
 * levels out), then mapped linearly onto the rendering's tones by least squares over all pixels.
 */
export function normaliseTone(scan: GreyImage, rendering: GreyImage, paperRadius: number): GreyImage {
  const paper = paperLevel(scan, paperRadius);
  const source = scan.data;
  const target = rendering.data;
  const flat = new Float32Array(source.length);
  // One pass: the flattened value as stored (float32) and the least-squares sums, in the order normaliseToneReference adds them.
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < flat.length; i++) {
    const level = paper[i];
    const ratio = source[i] / (level > 1 ? level : 1);
    const x = Math.fround(ratio < 1.2 ? ratio : 1.2);
    const y = target[i];
    flat[i] = x;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const n = flat.length;
  const slope = (n * sxy - sx * sy) / Math.max(1e-9, n * sxx - sx * sx);
  const offset = (sy - slope * sx) / n;
  const data = new Uint8Array(flat.length);
  for (let i = 0; i < flat.length; i++) {
    const v = Math.round(offset + slope * flat[i]);
    data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return { width: scan.width, height: scan.height, data };
}

/** The rendering blurred as a print–scan blurs it (box of radius 1), so its edges compare like the scan's. */
function softened(rendering: GreyImage): GreyImage {
  const blurred = boxMean(rendering.data, rendering.width, rendering.height, 1);
  // A plain loop: Uint8Array.from with a mapping callback costs ~0.3 s on a 150 dpi page.
  const data = new Uint8Array(blurred.length);
  for (let i = 0; i < blurred.length; i++) data[i] = Math.round(blurred[i]);
  return { width: rendering.width, height: rendering.height, data };
}

/** Per-pixel excess darkness, both ways, against the other's min envelope. */
export function differenceMap(rendering: GreyImage, scan: GreyImage, radius: number): Uint8Array {
  const rMin = squareExtremum(rendering, radius, false).data;
  const sMin = squareExtremum(scan, radius, false).data;
  const map = new Uint8Array(rendering.data.length);
  for (let i = 0; i < map.length; i++) {
    const added = rMin[i] - scan.data[i];
    const missing = sMin[i] - rendering.data[i];
    const excess = added > missing ? added : missing;
    map[i] = excess > 0 ? excess : 0;
  }
  return map;
}

/** Slow reference for differenceMap: the two envelopes computed per pixel from the definition. */
export function differenceMapReference(rendering: GreyImage, scan: GreyImage, radius: number): Uint8Array {
  const { width, height } = rendering;
  const map = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let rMin = 255;
      let sMin = 255;
      for (let dy = -radius; dy <= radius; dy++)
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
          rMin = Math.min(rMin, rendering.data[yy * width + xx]);
          sMin = Math.min(sMin, scan.data[yy * width + xx]);
        }
      const i = y * width + x;
      map[i] = Math.max(0, rMin - scan.data[i], sMin - rendering.data[i]);
    }
  return map;
}

/**
 * Compares registered scans (same size as the rendering) with the rendering. With more than one
 * resampling of the scan (e.g. through the homography alone and with the local displacement
 * field), a pixel differs only when it differs in every one: each alignment's own errors are
 * forgiven by the other, a changed glyph differs in all of them.
 */
export function compareFront(rendering: GreyImage, registeredScans: readonly GreyImage[], options: DifferenceOptions = DEFAULT_DIFFERENCE): Difference {
  const reference = mapReference(rendering, options);
  return differenceFromExcess(rendering, registeredScans.map((registered) => excessOf(reference, registered, options)), options);
}

/** The rendering as the difference map compares it (softened) and its min envelope: the same against every resampling. */
export interface MapReference {
  readonly reference: GreyImage;
  readonly referenceMin: Uint8Array;
}

export function mapReference(rendering: GreyImage, options: DifferenceOptions = DEFAULT_DIFFERENCE): MapReference {
  const reference = softened(rendering);
  return { reference, referenceMin: squareExtremum(reference, options.radius, false).data };
}

/**
 * One resampling's excess darkness either way against the rendering (differenceMap's value, tone
 * normalised, never below 0): compareFront's map is the least of these over the resamplings, so
 * each can be computed apart (on another thread) and the map assembled after.
 */
export function excessOf({ reference, referenceMin }: MapReference, registered: GreyImage, options: DifferenceOptions = DEFAULT_DIFFERENCE): Uint8Array {
  const scan = normaliseTone(registered, reference, options.paperRadius);
  const excess = new Uint8Array(reference.data.length).fill(255);
  lowerToExcess(excess, reference.data, referenceMin, scan.data, squareExtremum(scan, options.radius, false).data);
  return excess;
}

/** compareFront from each resampling's excessOf: the least of them per pixel, and its regions. */
export function differenceFromExcess(rendering: GreyImage, excesses: readonly Uint8Array[], options: DifferenceOptions = DEFAULT_DIFFERENCE): Difference {
  const map = new Uint8Array(rendering.width * rendering.height).fill(255);
  for (const excess of excesses) for (let i = 0; i < map.length; i++) if (excess[i] < map[i]) map[i] = excess[i];
  return withRegions(rendering, map, options);
}

/** map[i] lowered to differenceMap's value at i (the larger excess darkness, either way) where that is smaller. */
function lowerToExcess(map: Uint8Array, reference: Uint8Array, referenceMin: Uint8Array, scan: Uint8Array, scanMin: Uint8Array): void {
  for (let i = 0; i < map.length; i++) {
    const added = referenceMin[i] - scan[i];
    const missing = scanMin[i] - reference[i];
    const excess = added > missing ? added : missing;
    if (excess < map[i]) map[i] = excess > 0 ? excess : 0;
  }
}

/** The difference map's regions: counted pixels (above the threshold, off the border) grouped, measured and filtered, strongest first. */
function withRegions(rendering: GreyImage, map: Uint8Array, options: DifferenceOptions): Difference {
  const { width, height } = rendering;
  const b = options.border;
  const counted = new Uint8Array(map.length);
  for (let y = b; y < height - b; y++) for (let x = b; x < width - b; x++) if (map[y * width + x] > options.threshold) counted[y * width + x] = 1;
  const regions = connectedRegions(counted, width, height, options.join)
    .map((r) => {
      let area = 0;
      let mass = 0;
      for (let y = r.y; y < r.y + r.h; y++)
        for (let x = r.x; x < r.x + r.w; x++) {
          const i = y * width + x;
          if (!counted[i]) continue;
          area++;
          mass += map[i] - options.threshold;
        }
      return { ...r, area, mass };
    })
    .filter((r) => r.area >= options.minArea && r.mass >= options.minMass && Math.min(r.w, r.h) >= options.minThickness)
    .sort((a, b2) => b2.mass - a.mass);
  return { width, height, map, regions, score: regions.length ? regions[0].mass / 1000 : 0 };
}

/** Slow reference for compareFront: every resampling's tone and differenceMap computed from the definitions (the references), then the minimum taken. */
export function compareFrontReference(rendering: GreyImage, registeredScans: readonly GreyImage[], options: DifferenceOptions = DEFAULT_DIFFERENCE): Difference {
  const reference = softened(rendering);
  const map = new Uint8Array(rendering.width * rendering.height).fill(255);
  for (const registered of registeredScans) {
    const candidate = differenceMapReference(reference, normaliseToneReference(registered, reference, options.paperRadius), options.radius);
    for (let i = 0; i < map.length; i++) if (candidate[i] < map[i]) map[i] = candidate[i];
  }
  return withRegions(rendering, map, options);
}

/** Regions that overlap joined into their bounding box (areas and masses summed), until none overlap; strongest first. */
export function mergeOverlapping(regions: readonly DifferenceRegion[]): DifferenceRegion[] {
  const out: DifferenceRegion[] = [];
  for (const region of regions) {
    let merged = region;
    for (let i = out.length - 1; i >= 0; i--) {
      const o = out[i];
      if (merged.x < o.x + o.w && o.x < merged.x + merged.w && merged.y < o.y + o.h && o.y < merged.y + merged.h) {
        const x = Math.min(merged.x, o.x);
        const y = Math.min(merged.y, o.y);
        merged = { x, y, w: Math.max(merged.x + merged.w, o.x + o.w) - x, h: Math.max(merged.y + merged.h, o.y + o.h) - y, area: merged.area + o.area, mass: merged.mass + o.mass };
        out.splice(i, 1);
        i = out.length;
      }
    }
    out.push(merged);
  }
  return out.sort((a, b) => b.mass - a.mass);
}

/** Slow reference for normaliseTone: one pass per step, as first written. */
export function normaliseToneReference(scan: GreyImage, rendering: GreyImage, paperRadius: number): GreyImage {
  const paper = paperLevel(scan, paperRadius);
  const flat = new Float32Array(scan.data.length);
  for (let i = 0; i < flat.length; i++) flat[i] = Math.min(1.2, scan.data[i] / Math.max(1, paper[i]));
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < flat.length; i++) {
    const x = flat[i];
    const y = rendering.data[i];
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const slope = (n * sxy - sx * sy) / Math.max(1e-9, n * sxx - sx * sx);
  const offset = (sy - slope * sx) / n;
  const data = new Uint8Array(flat.length);
  for (let i = 0; i < flat.length; i++) data[i] = Math.max(0, Math.min(255, Math.round(offset + slope * flat[i])));
  return { width: scan.width, height: scan.height, data };
}
