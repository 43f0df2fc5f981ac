/** Convenience: print and scan a raster with a white margin, JPEG included when the conditions ask. */
import { printScan, type PrintScanConditions, type Raster, type RgbaImage } from './print-scan.ts';
import { jpegRoundTrip } from './jpeg.ts';

export const PRINT_DPI = 600;

/** Surrounds a raster with `margin` white pixels. */
export function withMargin(raster: Raster, margin: number): Raster {
  const width = raster.width + 2 * margin;
  const height = raster.height + 2 * margin;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < raster.height; y++) data.set(raster.data.subarray(y * raster.width, (y + 1) * raster.width), (y + margin) * width + margin);
  return { data, width, height };
}

export async function simulate(raster: Raster, conditions: PrintScanConditions, rasterDpi = PRINT_DPI): Promise<RgbaImage> {
  const scanned = printScan(raster, rasterDpi, conditions);
  return conditions.jpegQuality > 0 ? jpegRoundTrip(scanned, conditions.jpegQuality) : scanned;
}
