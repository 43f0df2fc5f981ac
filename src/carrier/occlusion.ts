/**
 * Blur or damage? Both leave many modules misread, but they look different in the samples: blur
 * lowers the contrast everywhere alike, while a blot, a fold or a blacked-out half leaves whole
 * regions of one flat colour beside regions of full contrast. Whitened data (whiten.ts) has both
 * colours in practically every 8 × 8 block of modules, so a flat block means something covers
 * the symbol there.
 */
import { FINDER_SIZE } from './format.ts';

const TILE_MODULES = 8;
/** A tile is flat when its contrast is below this share of the symbol's sharp tiles' contrast. */
const FLAT_CONTRAST = 0.3;
/** The sharp tiles' contrast: this quantile of all tiles (robust against a few glare spots). */
const SHARP_QUANTILE = 0.9;

/** Share of 8 × 8-module tiles (away from the finders' corners) of one flat colour in raw module samples. */
export function flatTileShare(values: Float32Array, size: number): number {
  const contrasts: number[] = [];
  const corner = FINDER_SIZE + 1;
  const nearFinder = (r0: number, c0: number) => {
    const rowEdge = r0 < corner || r0 + TILE_MODULES > size - corner;
    const colEdge = c0 < corner || c0 + TILE_MODULES > size - corner;
    return rowEdge && colEdge;
  };
  for (let r0 = 0; r0 + TILE_MODULES <= size; r0 += TILE_MODULES)
    for (let c0 = 0; c0 + TILE_MODULES <= size; c0 += TILE_MODULES) {
      if (nearFinder(r0, c0)) continue;
      let lo = Infinity;
      let hi = -Infinity;
      for (let r = r0; r < r0 + TILE_MODULES; r++)
        for (let c = c0; c < c0 + TILE_MODULES; c++) {
          const v = values[r * size + c];
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      contrasts.push(hi - lo);
    }
  if (contrasts.length === 0) return 0;
  const sorted = [...contrasts].sort((a, b) => a - b);
  const sharp = sorted[Math.min(sorted.length - 1, Math.floor(SHARP_QUANTILE * sorted.length))];
  if (!(sharp > 0)) return 1;
  return contrasts.filter((c) => c < FLAT_CONTRAST * sharp).length / contrasts.length;
}
