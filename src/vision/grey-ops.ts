/** Small grey-image operations shared by the paper checks: crop and whole-factor area reduction. */
import type { GreyImage } from './grey.ts';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The pixels of `box` (clipped to the image). */
export function cropGrey(image: GreyImage, box: Box): GreyImage {
  const width = Math.min(box.width, image.width - box.x);
  const height = Math.min(box.height, image.height - box.y);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (box.y + y) * image.width + box.x;
    data.set(image.data.subarray(from, from + width), y * width);
  }
  return { width, height, data };
}

/** Area average over factor × factor blocks (a scanner's pixel aperture at a lower resolution). */
export function reduceGrey(image: GreyImage, factor: number): GreyImage {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) for (let dx = 0; dx < factor; dx++) sum += image.data[(y * factor + dy) * image.width + x * factor + dx];
      data[y * width + x] = Math.round(sum / (factor * factor));
    }
  }
  return { width, height, data };
}
