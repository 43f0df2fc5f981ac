/** Small fixtures the comparison's tests share: a seeded noise image and rectangle overlap. */
import type { GreyImage } from '../../vision/grey.ts';

/** A grey image of linear-congruential noise (the same for the same seed). */
export const noise = (width: number, height: number, seed: number): GreyImage => {
  let s = seed;
  const data = Uint8Array.from({ length: width * height }, () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 24) & 255);
  return { width, height, data };
};

type Box = { x: number; y: number; w: number; h: number };

/** Whether two rectangles share any pixel. */
export const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
