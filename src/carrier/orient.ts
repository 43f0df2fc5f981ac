/**
 * Orientation and header: the grid is sampled once in image order; the symbol's own orientation
 * is one of the 8 symmetries of the square (4 rotations, each optionally mirrored). The corner
 * tags rank the symmetries, and the first one whose header reads (both copies summed, then each
 * copy, with erasures) and names the sampled grid size decides.
 */
import { CORNER_TAGS, cornerTagModules, GRID_SIZES, HEADER_BYTES, type HeaderFields, type Layout } from './format.ts';
import { decodeHeader } from './header.ts';
import { finderCentres } from './refine.ts';
import { mapPoint, type GridMap } from './sample.ts';
import { functionErrorRate, rankLowest, SOFT_VARIANTS, softToBytes, softVariant } from './soft-values.ts';

/**
 * One of the 8 symmetries of the square grid: rotation by k quarter turns after an optional
 * transpose (mirror). `symmetryIndex(t, size, r, c)` gives the module of the grid as sampled in
 * image order that holds the symbol's own module (r, c).
 */
export interface GridSymmetry {
  readonly k: number;
  readonly mirror: boolean;
}

const SYMMETRIES: readonly GridSymmetry[] = [0, 1, 2, 3].flatMap((k) => [false, true].map((mirror) => ({ k, mirror })));

function symmetryIndex(t: GridSymmetry, size: number, r: number, c: number): number {
  if (t.mirror) [r, c] = [c, r];
  for (let i = 0; i < t.k; i++) [r, c] = [c, size - 1 - r];
  return r * size + c;
}

/** The sampled grid in the symbol's own orientation (the input itself for the identity). */
export function transformGrid(values: Float32Array, size: number, t: GridSymmetry): Float32Array {
  if (t.k === 0 && !t.mirror) return values;
  const out = new Float32Array(values.length);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) out[r * size + c] = values[symmetryIndex(t, size, r, c)];
  return out;
}

/** Rotation and mirroring of the symbol in the image, from where its TL, TR and BR finders landed. */
export function orientationOf(map: GridMap, size: number, t: GridSymmetry): { rotation: 0 | 90 | 180 | 270; mirrored: boolean } {
  const image = finderCentres(size).map((p) => {
    const index = symmetryIndex(t, size, Math.floor(p.y), Math.floor(p.x));
    return mapPoint(map, (index % size) + 0.5, Math.floor(index / size) + 0.5);
  });
  const angle = Math.atan2(image[1].y - image[0].y, image[1].x - image[0].x);
  const quarter = ((Math.round(angle / (Math.PI / 2)) % 4) + 4) % 4;
  // In image coordinates (y down) an unmirrored symbol runs TL → TR → BR clockwise: positive cross.
  const cross = (image[1].x - image[0].x) * (image[2].y - image[1].y) - (image[1].y - image[0].y) * (image[2].x - image[1].x);
  return { rotation: ([0, 90, 180, 270] as const)[quarter], mirrored: cross < 0 };
}

/** Agreement of the soft grid with the corner tags (which tell the corners apart). */
function tagScore(soft: Float32Array, layout: Layout): number {
  let score = 0;
  cornerTagModules(layout.size).forEach((slots, corner) =>
    slots.forEach((modules, slot) => {
      const sign = slot < CORNER_TAGS[corner] ? 1 : -1;
      for (const m of modules) score += sign * soft[m];
    }),
  );
  return score;
}

type HeaderAttempt = { readonly fields: HeaderFields; readonly corrected: number } | { readonly otherVersion: HeaderFields } | null;

/** Reads the header from a soft grid in the symbol's own orientation (both copies, then each). */
function readHeader(soft: Float32Array, layout: Layout): HeaderAttempt {
  const copies = layout.header.map((copy) => Float32Array.from(copy, (m) => soft[m]));
  const both = copies[0].map((v, i) => v + copies[1][i]);
  for (const s of [both, copies[0], copies[1]]) {
    const { bytes, confidence } = softToBytes(s, HEADER_BYTES);
    const order = rankLowest(confidence);
    // At most 4 erasures, so at least 2 parity bytes still check the result.
    for (const f of [0, 2, 4]) {
      const r = decodeHeader(bytes, order.slice(0, f));
      if (r.ok) return { fields: r.fields, corrected: r.corrected };
      // Only a cleanly read header with another version is evidence of another format.
      if (r.reason === 'version' && f === 0 && r.corrected === 0 && r.fields) return { otherVersion: r.fields };
    }
  }
  return null;
}

export interface Orientation {
  readonly symmetry: GridSymmetry;
  readonly header: HeaderFields;
  readonly headerCorrected: number;
  /** Share of function modules misread in the symbol's orientation. */
  readonly functionErrors: number;
}

export interface OrientOutcome {
  readonly orientation: Orientation | null;
  /** A cleanly read header of another format version (the last one seen), if any. */
  readonly otherVersion: HeaderFields | null;
  /** Fewest function modules misread by any soft variant tried (a blur indicator). */
  readonly functionErrors: number;
}

/**
 * Finds the orientation of sampled module values: for each soft variant, the 8 symmetries in
 * order of corner-tag agreement, until a header of this format version and grid size reads.
 */
export function orientSymbol(values: Float32Array, layout: Layout): OrientOutcome {
  const { size } = layout;
  let otherVersion: HeaderFields | null = null;
  let functionErrors = 1;
  for (const variant of SOFT_VARIANTS) {
    const canonical = softVariant(values, size, variant);
    const ranked = SYMMETRIES.map((t) => ({ t, soft: transformGrid(canonical, size, t) }))
      .map((x) => ({ ...x, score: tagScore(x.soft, layout) }))
      .sort((a, b) => b.score - a.score);
    functionErrors = Math.min(functionErrors, functionErrorRate(ranked[0].soft, layout));
    for (const { t, soft } of ranked) {
      const reading = readHeader(soft, layout);
      if (!reading) continue;
      if ('otherVersion' in reading) {
        otherVersion = reading.otherVersion;
        continue;
      }
      if (GRID_SIZES[reading.fields.sizeIndex] !== size) continue;
      const orientation = { symmetry: t, header: reading.fields, headerCorrected: reading.corrected, functionErrors: functionErrorRate(soft, layout) };
      return { orientation, otherVersion, functionErrors };
    }
  }
  return { orientation: null, otherVersion, functionErrors };
}
