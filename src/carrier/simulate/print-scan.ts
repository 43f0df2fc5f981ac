/**
 * A seeded print–scan simulator. A grey raster at the printer's resolution (the "page patch") goes
 * through: printer dot gain and toner/paper levels → geometry (scale error, rotation incl. 180°,
 * camera tilt as a true perspective, barrel distortion) → sensor integration by supersampling →
 * optical blur (Gaussian) → uneven illumination and colour cast → sensor noise → 8-bit RGBA.
 * JPEG is a separate, browser-only step (jpeg.ts). Pure and deterministic for a given seed.
 */
import { gaussian, rng } from './random.ts';

export interface Raster {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface RgbaImage {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

export interface PrintScanConditions {
  readonly seed: number;
  /** Toner spread in printer dots (Gaussian σ) before the tone curve; 0 = crisp. */
  readonly dotGain: number;
  readonly scanDpi: number;
  /** Optical blur σ in scan pixels. */
  readonly blur: number;
  /** Sensor noise σ in grey levels. */
  readonly noise: number;
  readonly rotationDeg: number;
  /** Scale error, e.g. 1.01 = 1 % too large. */
  readonly scale: number;
  /** Camera tilt in degrees (0 = flatbed) around an axis at `tiltAxisDeg`. */
  readonly tiltDeg: number;
  readonly tiltAxisDeg: number;
  /** Barrel distortion coefficient k (r_d = r·(1 + k·r²/R²)); negative = barrel. */
  readonly barrel: number;
  /** Illumination falloff across the image, 0..1. */
  readonly lighting: number;
  /** Per-channel gains (colour cast). */
  readonly cast: readonly [number, number, number];
  /** JPEG quality 0..1, or 0 for none (applied by jpeg.ts). */
  readonly jpegQuality: number;
}

export const CLEAN_CONDITIONS: PrintScanConditions = {
  seed: 1,
  dotGain: 0,
  scanDpi: 300,
  blur: 0,
  noise: 0,
  rotationDeg: 0,
  scale: 1,
  tiltDeg: 0,
  tiltAxisDeg: 0,
  barrel: 0,
  lighting: 0,
  cast: [1, 1, 1],
  jpegQuality: 0,
};

function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
    sum += k[i + radius];
  }
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/** Separable Gaussian blur with edge clamping. */
function blurFloat(data: Float32Array, width: number, height: number, sigma: number): Float32Array {
  if (sigma <= 0) return data;
  const k = gaussianKernel(sigma);
  const r = (k.length - 1) / 2;
  const tmp = new Float32Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) {
        const xx = x + i < 0 ? 0 : x + i >= width ? width - 1 : x + i;
        acc += k[i + r] * data[row + xx];
      }
      tmp[row + x] = acc;
    }
  }
  const out = new Float32Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) {
        const yy = y + i < 0 ? 0 : y + i >= height ? height - 1 : y + i;
        acc += k[i + r] * tmp[yy * width + x];
      }
      out[y * width + x] = acc;
    }
  }
  return out;
}

/** Printer: toner spread, then a tone curve that darkens partial coverage (dot gain); toner 25, paper 240. */
function print(raster: Raster, dotGain: number): Float32Array {
  const ink = new Float32Array(raster.data.length);
  for (let i = 0; i < ink.length; i++) ink[i] = 1 - raster.data[i] / 255;
  const spread = blurFloat(ink, raster.width, raster.height, dotGain);
  const out = new Float32Array(ink.length);
  for (let i = 0; i < ink.length; i++) {
    const coverage = Math.min(1, spread[i] * (1 + 0.6 * Math.min(1, dotGain)));
    out[i] = 240 - 215 * coverage;
  }
  return out;
}

/**
 * Runs the simulation. `rasterDpi` is the resolution of `raster` (the printer's). The output is
 * the scan/photo of the raster's area, with the geometry applied around its centre.
 */
export function printScan(raster: Raster, rasterDpi: number, c: PrintScanConditions): RgbaImage {
  const random = rng(c.seed);
  const normal = gaussian(random);
  const printed = print(raster, c.dotGain);

  // Forward map: raster px → output px (about the centres). Inverse used for sampling.
  const s = (c.scanDpi / rasterDpi) * c.scale;
  const th = (c.rotationDeg * Math.PI) / 180;
  const cos = Math.cos(th);
  const sin = Math.sin(th);
  const tilt = (c.tiltDeg * Math.PI) / 180;
  const axis = (c.tiltAxisDeg * Math.PI) / 180;
  // Rotation of the paper plane about an in-plane axis (ax, ay) by `tilt` (Rodrigues' formula).
  const ax = Math.cos(axis);
  const ay = Math.sin(axis);
  const ct = Math.cos(tilt);
  const st = Math.sin(tilt);
  const r00 = ct + ax * ax * (1 - ct);
  const r01 = ax * ay * (1 - ct);
  const r10 = ax * ay * (1 - ct);
  const r11 = ct + ay * ay * (1 - ct);
  const r20 = -ay * st;
  const r21 = ax * st;

  const rw = raster.width;
  const rh = raster.height;
  const cx = rw / 2;
  const cy = rh / 2;
  const focal = 1.4 * Math.max(rw, rh) * s;

  const forward = (x: number, y: number) => {
    const px = (x - cx) * s;
    const py = (y - cy) * s;
    const qx = cos * px - sin * py;
    const qy = sin * px + cos * py;
    const X = r00 * qx + r01 * qy;
    const Y = r10 * qx + r11 * qy;
    const Z = focal + r20 * qx + r21 * qy;
    return { x: (focal * X) / Z, y: (focal * Y) / Z };
  };
  // Output extent from the raster corners (before barrel distortion, which pulls inwards).
  const corners = [forward(0, 0), forward(rw, 0), forward(rw, rh), forward(0, rh)];
  const minX = Math.min(...corners.map((p) => p.x));
  const maxX = Math.max(...corners.map((p) => p.x));
  const minY = Math.min(...corners.map((p) => p.y));
  const maxY = Math.max(...corners.map((p) => p.y));
  const width = Math.ceil(maxX - minX) + 4;
  const height = Math.ceil(maxY - minY) + 4;
  const ox = (minX + maxX) / 2;
  const oy = (minY + maxY) / 2;
  const radius2 = (width * width + height * height) / 4;

  const inverse = (u: number, v: number): [number, number] => {
    // Output px → undistorted (barrel inverse by fixed-point iteration) → plane → raster.
    let dx = u - width / 2;
    let dy = v - height / 2;
    if (c.barrel !== 0) {
      let ux = dx;
      let uy = dy;
      for (let it = 0; it < 4; it++) {
        const f = 1 + (c.barrel * (ux * ux + uy * uy)) / radius2;
        ux = dx / f;
        uy = dy / f;
      }
      dx = ux;
      dy = uy;
    }
    const U = dx + ox;
    const V = dy + oy;
    // Solve U·Z = f·X, V·Z = f·Y for (qx, qy).
    const a11 = focal * r00 - U * r20;
    const a12 = focal * r01 - U * r21;
    const a21 = focal * r10 - V * r20;
    const a22 = focal * r11 - V * r21;
    const det = a11 * a22 - a12 * a21;
    const qx = ((U * focal) * a22 - a12 * (V * focal)) / det;
    const qy = (a11 * (V * focal) - (U * focal) * a21) / det;
    const px = cos * qx + sin * qy;
    const py = -sin * qx + cos * qy;
    return [px / s + cx, py / s + cy];
  };

  const read = (x: number, y: number): number => {
    const fx = x - 0.5;
    const fy = y - 0.5;
    if (fx < 0 || fy < 0 || fx > rw - 1 || fy > rh - 1) return 240;
    const x0 = fx | 0;
    const y0 = fy | 0;
    const x1 = Math.min(x0 + 1, rw - 1);
    const y1 = Math.min(y0 + 1, rh - 1);
    const axx = fx - x0;
    const ayy = fy - y0;
    const top = printed[y0 * rw + x0] * (1 - axx) + printed[y0 * rw + x1] * axx;
    const bottom = printed[y1 * rw + x0] * (1 - axx) + printed[y1 * rw + x1] * axx;
    return top * (1 - ayy) + bottom * ayy;
  };

  // Sensor integration: 3×3 samples over each output pixel's footprint.
  const grey = new Float32Array(width * height);
  const sub = [1 / 6, 0.5, 5 / 6];
  for (let v = 0; v < height; v++)
    for (let u = 0; u < width; u++) {
      let acc = 0;
      for (const sy of sub)
        for (const sx of sub) {
          const [x, y] = inverse(u + sx, v + sy);
          acc += read(x, y);
        }
      grey[v * width + u] = acc / 9;
    }
  const blurred = blurFloat(grey, width, height, c.blur);

  // Illumination: a linear falloff in a random direction plus vignetting; colour cast per channel.
  const dir = random() * 2 * Math.PI;
  const gx = Math.cos(dir);
  const gy = Math.sin(dir);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let v = 0; v < height; v++)
    for (let u = 0; u < width; u++) {
      const nx = u / width - 0.5;
      const ny = v / height - 0.5;
      const light = 1 - c.lighting * (0.5 + gx * nx + gy * ny) * 0.8 - c.lighting * 0.4 * (nx * nx + ny * ny);
      const base = blurred[v * width + u] * light;
      const i = 4 * (v * width + u);
      for (let ch = 0; ch < 3; ch++) out[i + ch] = Math.round(base * c.cast[ch] + c.noise * normal());
      out[i + 3] = 255;
    }
  return { data: out, width, height };
}
