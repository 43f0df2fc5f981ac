/**
 * 地紋 (ground pattern) for the front of a sheet: a fine, light guilloche-like tile of seeded
 * rosettes and a wave, repeated under the text. It is deterministic from the municipality's code,
 * so each municipality's paper has its own ground, and it is light and sparse on purpose: under
 * 4 % ink coverage (ground.test.ts) in a pale tint, so it does not hurt legibility, and a scanned
 * front still compares with the verifier's clean restored image (src/compare). It is a deterrent
 * to casual reproduction, not a security feature a machine checks (research/anti-forgery.md §1).
 */
import { seededRandom } from '../bytes/seeded-random.ts';
import { blankRaster, pxFromMm, strokePolyline, type PatternRaster } from './raster.ts';

export interface GroundTile {
  readonly sideMm: number;
  /** Polylines in mm inside the tile (x, y interleaved), stroked at `lineWidthMm`. */
  readonly curves: readonly Float64Array[];
  readonly lineWidthMm: number;
  /** The tint, sRGB 0–255: a pale colour from the seed. */
  readonly tint: readonly [number, number, number];
}

const TILE_MM = 8;
const LINE_WIDTH_MM = 0.06;
const ROSETTE_POINTS = 180;
const WAVE_POINTS = 64;

/** The ground's repeating tile for `seed` (the municipality code). */
export function groundTile(seed: number): GroundTile {
  const random = seededRandom(seed ^ 0x2545f491);
  const c = TILE_MM / 2;
  const curves: Float64Array[] = [];
  // Two concentric rosettes: radius R modulated by a·cos(n·t + φ) (a rhodonea-like guilloche).
  for (const [radius, amplitude] of [
    [2.7, 0.45],
    [1.5, 0.35],
  ]) {
    const lobes = 5 + Math.floor(random() * 5);
    const phase = random() * 2 * Math.PI;
    const line = new Float64Array(2 * (ROSETTE_POINTS + 1));
    for (let i = 0; i <= ROSETTE_POINTS; i++) {
      const t = (2 * Math.PI * i) / ROSETTE_POINTS;
      const r = radius + amplitude * Math.cos(lobes * t + phase);
      line[2 * i] = c + r * Math.cos(t);
      line[2 * i + 1] = c + r * Math.sin(t);
    }
    curves.push(line);
  }
  // A wave along the tile's top edge, one period per tile, so neighbouring tiles join into a line.
  const phase = random() * 2 * Math.PI;
  const wave = new Float64Array(2 * (WAVE_POINTS + 1));
  for (let i = 0; i <= WAVE_POINTS; i++) {
    const x = (TILE_MM * i) / WAVE_POINTS;
    wave[2 * i] = x;
    wave[2 * i + 1] = 0.35 + 0.25 * Math.sin((2 * Math.PI * x) / TILE_MM + phase);
  }
  curves.push(wave);
  // A pale tint: the hue from the seed, light enough that 9.5 pt text stays black on it.
  const hue = random() * 2 * Math.PI;
  const tint = [0, 2.094, 4.189].map((shift) => Math.round(190 + 35 * Math.cos(hue + shift))) as [number, number, number];
  return { sideMm: TILE_MM, curves, lineWidthMm: LINE_WIDTH_MM, tint };
}

/** The ground over an area at `dpi` (grey, 0 = ink; the tint is not applied): goldens and coverage. */
export function renderGround(o: { readonly widthMm: number; readonly heightMm: number; readonly seed: number }, dpi = 600): PatternRaster {
  const tile = groundTile(o.seed);
  const r = blankRaster(o.widthMm, o.heightMm, dpi);
  const pxPerMm = dpi / 25.4;
  const width = Math.max(1, pxFromMm(tile.lineWidthMm, dpi));
  for (let ty = 0; ty * tile.sideMm < o.heightMm; ty++) {
    for (let tx = 0; tx * tile.sideMm < o.widthMm; tx++) for (const curve of tile.curves) strokePolyline(r, curve.map((v, i) => (v + (i & 1 ? ty : tx) * tile.sideMm) * pxPerMm), width);
  }
  return r;
}
