/**
 * Whether a page whose QR code did not read still shows a back's scrambled image (the carrier):
 * then the verifier says "the back's code could not be read", not "this looks like a front".
 *
 * The carrier's modules (0.42 mm, 5 px at 300 dpi) are black and white in equal measure after
 * whitening, so a tile of the page over it is about half ink **and** changes from ink to paper
 * many times along a row. No front has such a block: text covers a tile by a fifth at most, and
 * its bold title glyphs under a printer's dot gain reach a third with few changes.
 *
 * Ink is judged against each tile's own paper level, not a fixed grey, because a capture's light
 * is not even: measured with an independent pipeline (scripts/independent-scan, docs/compare.md),
 * a phone photo's corners dimmed by the light's falloff (paper near grey 128) and a flatbed's dark
 * lid along the page's edges (41–69 % "dark" under a fixed 128, 0–1 changes a row) each passed
 * the old fixed-threshold test, so a front was taken for an unreadable back and never compared.
 * Tiles with no paper in reach (the lid, a desk) do not count.
 */
import type { GreyImage } from '../vision/grey.ts';

/** Tiles per short side of the page (about 5 mm on A4). */
const TILES_PER_SIDE = 40;
const MIN_TILE = 16;
/** Samples every this many pixels in both directions (a module spans 2–3 samples at 300 dpi). */
const SAMPLE_STEP = 2;
/** A tile's paper: this quantile of its samples, the brightest of its 3 × 3 tiles (a tile fully inked borrows its neighbours' paper). */
const PAPER_QUANTILE = 0.95;
/** Below this paper level there is no paper in reach: a scanner lid, a desk, the dark outside a photo. */
const MIN_PAPER = 100;
/** A sample is ink when darker than this share of its tile's paper level. */
const INK_RATIO = 0.4;
/** A carrier tile is this much ink, and changes between ink and paper at least MIN_CHANGES_PER_ROW times a sampled row on average. */
const MIN_INK_SHARE = 0.3;
const MAX_INK_SHARE = 0.75;
const MIN_CHANGES_PER_ROW = 3;
/** A printed carrier covers about 6 % of an A4 back (measured 6.9–7.7 % of tiles, clean to vignetted photo); fronts at most 0.5 %. */
export const CARRIER_TILE_SHARE = 0.02;

/** The PAPER_QUANTILE of each tile's samples, row-major over `across` × `down` tiles. */
function tilePaperLevels(grey: GreyImage, tile: number, across: number, down: number): Uint8Array {
  const levels = new Uint8Array(across * down);
  const histogram = new Uint32Array(256);
  for (let ty = 0; ty < down; ty++)
    for (let tx = 0; tx < across; tx++) {
      histogram.fill(0);
      let n = 0;
      for (let y = ty * tile; y < (ty + 1) * tile; y += SAMPLE_STEP) {
        const row = y * grey.width;
        for (let x = tx * tile; x < (tx + 1) * tile; x += SAMPLE_STEP) {
          histogram[grey.data[row + x]]++;
          n++;
        }
      }
      let below = 0;
      let level = 0;
      while (level < 255 && (below += histogram[level]) < PAPER_QUANTILE * n) level++;
      levels[ty * across + tx] = level;
    }
  return levels;
}

/** The brightest level among a tile and its eight neighbours. */
function brightestAround(levels: Uint8Array, across: number, down: number, tx: number, ty: number): number {
  let best = 0;
  for (let y = Math.max(0, ty - 1); y <= Math.min(down - 1, ty + 1); y++)
    for (let x = Math.max(0, tx - 1); x <= Math.min(across - 1, tx + 1); x++) best = Math.max(best, levels[y * across + x]);
  return best;
}

/** Whether one tile is carrier-like: MIN–MAX_INK_SHARE ink under `inkBelow`, changing often along its rows. */
function carrierTile(grey: GreyImage, left: number, top: number, tile: number, inkBelow: number): boolean {
  let ink = 0;
  let samples = 0;
  let changes = 0;
  let rows = 0;
  for (let y = top; y < top + tile; y += SAMPLE_STEP) {
    const row = y * grey.width;
    let previous = grey.data[row + left] < inkBelow;
    for (let x = left; x < left + tile; x += SAMPLE_STEP) {
      const isInk = grey.data[row + x] < inkBelow;
      if (isInk) ink++;
      if (isInk !== previous) changes++;
      previous = isInk;
      samples++;
    }
    rows++;
  }
  const share = ink / samples;
  return share >= MIN_INK_SHARE && share <= MAX_INK_SHARE && changes / rows >= MIN_CHANGES_PER_ROW;
}

/** Whether at least CARRIER_TILE_SHARE of the page's tiles are carrier-like, against their own paper. */
export function looksLikeCarrier(grey: GreyImage): boolean {
  const tile = Math.max(MIN_TILE, Math.round(Math.min(grey.width, grey.height) / TILES_PER_SIDE));
  const across = Math.floor(grey.width / tile);
  const down = Math.floor(grey.height / tile);
  if (across === 0 || down === 0) return false;
  const levels = tilePaperLevels(grey, tile, across, down);
  let dense = 0;
  for (let ty = 0; ty < down; ty++)
    for (let tx = 0; tx < across; tx++) {
      const paper = brightestAround(levels, across, down, tx, ty);
      if (paper < MIN_PAPER) continue;
      if (carrierTile(grey, tx * tile, ty * tile, tile, INK_RATIO * paper)) dense++;
    }
  return dense / (across * down) >= CARRIER_TILE_SHARE;
}
