/**
 * How usable one camera frame is, before any pattern is looked for: its light and its focus.
 * Both are measured on every `stride`-th pixel of every `stride`-th row (the Laplacian's
 * neighbours `step` pixels away), enough for a 1280×720 frame at a ninth of the cost of the
 * whole image.
 *
 * Focus is the mean absolute Laplacian (the 4-neighbour kernel at the sampling step) divided by
 * the frame's contrast (standard deviation): a sharp print has strong second differences at its
 * edges, a shaken or out-of-focus one does not, and dividing by the contrast keeps a dim but sharp
 * frame from reading as blurred (Pech-Pacheco et al., "Diatom autofocusing in brightfield
 * microscopy", ICPR 2000, use the Laplacian's variance for the same purpose).
 */
import type { GreyImage } from './grey.ts';

export interface FrameQuality {
  /** Mean grey level, 0 (black) … 255 (white). */
  readonly brightness: number;
  /** Standard deviation of the grey levels. */
  readonly contrast: number;
  /** Mean |Laplacian| ÷ (contrast + 1); larger is sharper. */
  readonly sharpness: number;
}

/** Light and focus of `grey`, sampled every `stride` pixels, the Laplacian over neighbours `step` pixels away (both ≥ 1). */
export function frameQuality(grey: GreyImage, step = 2, stride = 3): FrameQuality {
  const { width, height, data } = grey;
  let sum = 0;
  let squares = 0;
  let laplacian = 0;
  let samples = 0;
  let inner = 0;
  for (let y = 0; y < height; y += stride) {
    const row = y * width;
    const hasNeighbours = y >= step && y + step < height;
    for (let x = 0; x < width; x += stride) {
      const v = data[row + x];
      sum += v;
      squares += v * v;
      samples++;
      if (hasNeighbours && x >= step && x + step < width) {
        const l = 4 * v - data[row + x - step] - data[row + x + step] - data[row - step * width + x] - data[row + step * width + x];
        laplacian += l < 0 ? -l : l;
        inner++;
      }
    }
  }
  const brightness = samples ? sum / samples : 0;
  const contrast = samples ? Math.sqrt(Math.max(0, squares / samples - brightness * brightness)) : 0;
  return { brightness, contrast, sharpness: inner ? laplacian / inner / (contrast + 1) : 0 };
}
