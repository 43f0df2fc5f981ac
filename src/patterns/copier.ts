/**
 * A copier model for the void pantograph, and the contrast it is judged by. A copier (or a
 * scanner) is a low-pass resampling system (research/anti-forgery.md §3.1): the print is sampled
 * at the copier's resolution by area averaging (the sensor's pixel aperture), blurred by its
 * optics, passed through a tone curve that lifts light greys to white (background removal), and
 * printed again through a threshold. The fine background dots fade below the threshold, the coarse
 * message dots survive, and 『複写』 appears.
 */
import { REGION } from './pantograph.ts';
import type { PatternRaster } from './raster.ts';

export interface CopierModel {
  /** Resolution at which the copier samples the original. */
  readonly dpi: number;
  /** Optical blur, Gaussian σ in copier pixels. */
  readonly blur: number;
  /** Tone curve: output = clamp((input − black) / (white − black))^gamma, inputs in 0..255. */
  readonly black: number;
  readonly white: number;
  readonly gamma: number;
  /** Print threshold on the toned grey: darker than this prints as toner. */
  readonly threshold: number;
}

/** A typical 600 dpi office multifunction copier in its default text/photo mode. */
export const OFFICE_COPIER_600: CopierModel = { dpi: 600, blur: 0.9, black: 40, white: 220, gamma: 1, threshold: 150 };
/** A 300 dpi desk scanner printed back out, the cheaper path. */
export const SCANNER_COPY_300: CopierModel = { dpi: 300, blur: 0.7, black: 40, white: 225, gamma: 1, threshold: 150 };

function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  return k.map((v) => v / sum);
}

/** Separable Gaussian blur with clamped edges. */
export function blurGrey(data: Float64Array, width: number, height: number, sigma: number): Float64Array {
  if (sigma <= 0) return data;
  const k = gaussianKernel(sigma);
  const r = (k.length - 1) / 2;
  const tmp = new Float64Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) acc += k[i + r] * data[y * width + Math.min(width - 1, Math.max(0, x + i))];
      tmp[y * width + x] = acc;
    }
  }
  const out = new Float64Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) acc += k[i + r] * tmp[Math.min(height - 1, Math.max(0, y + i)) * width + x];
      out[y * width + x] = acc;
    }
  }
  return out;
}

/**
 * Resamples a grey raster to `dpi`: each output pixel is the mean of the input pixels in its
 * footprint (the sensor's aperture); when enlarging, the nearest input pixel.
 */
export function resample(r: PatternRaster, dpi: number): { data: Float64Array; width: number; height: number } {
  const scale = r.dpi / dpi;
  const width = Math.max(1, Math.round(r.width / scale));
  const height = Math.max(1, Math.round(r.height / scale));
  const span = (o: number, limit: number): [number, number] => {
    const a = Math.min(limit - 1, Math.floor(o * scale));
    return [a, Math.max(a + 1, Math.min(limit, Math.floor((o + 1) * scale)))];
  };
  const data = new Float64Array(width * height);
  for (let oy = 0; oy < height; oy++) {
    const [y0, y1] = span(oy, r.height);
    for (let ox = 0; ox < width; ox++) {
      const [x0, x1] = span(ox, r.width);
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += r.data[y * r.width + x];
      data[oy * width + ox] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return { data, width, height };
}

/** The copy as printed by the copier: binary toner (0) or paper (255), at the copier's resolution. */
export function simulateCopy(original: PatternRaster, model: CopierModel): PatternRaster {
  const sampled = resample(original, model.dpi);
  const blurred = blurGrey(sampled.data, sampled.width, sampled.height, model.blur);
  const data = new Uint8Array(blurred.length);
  for (let i = 0; i < blurred.length; i++) {
    const t = Math.min(1, Math.max(0, (blurred[i] - model.black) / (model.white - model.black))) ** model.gamma;
    data[i] = t * 255 < model.threshold ? 0 : 255;
  }
  return { data, width: sampled.width, height: sampled.height, dpi: model.dpi };
}

/**
 * Message contrast: |mean ink in the message interior − mean ink in the background interior|,
 * as a fraction of full ink. `regions` labels the pixels of the original (pantographRegions);
 * a raster at another resolution is compared through the same labels, scaled.
 */
export function messageContrast(r: PatternRaster, regions: Uint8Array, regionsWidth: number, regionsDpi: number): number {
  const scale = regionsDpi / r.dpi;
  const regionsHeight = regions.length / regionsWidth;
  let msg = 0;
  let nMsg = 0;
  let bg = 0;
  let nBg = 0;
  for (let y = 0; y < r.height; y++) {
    const ry = Math.min(regionsHeight - 1, Math.floor((y + 0.5) * scale));
    for (let x = 0; x < r.width; x++) {
      const region = regions[ry * regionsWidth + Math.min(regionsWidth - 1, Math.floor((x + 0.5) * scale))];
      const ink = 1 - r.data[y * r.width + x] / 255;
      if (region === REGION.message) {
        msg += ink;
        nMsg++;
      } else if (region === REGION.background) {
        bg += ink;
        nBg++;
      }
    }
  }
  return nMsg === 0 || nBg === 0 ? 0 : Math.abs(msg / nMsg - bg / nBg);
}
