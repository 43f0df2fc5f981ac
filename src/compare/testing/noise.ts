/** Test images for the compare/ loops: grey noise from a linear congruential generator (Numerical Recipes' constants), the same for a seed every time. */
import type { GreyImage } from '../../vision/grey.ts';

export function greyNoise(width: number, height: number, seed: number): GreyImage {
  let s = seed >>> 0;
  const data = Uint8Array.from({ length: width * height }, () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 24) & 255);
  return { width, height, data };
}
