/**
 * Simulated originals and copies for the originality hint (src/vision/copy-evidence.ts), shared by
 * its tests and bench/patterns.bench.ts. An original: the pantograph rendered at its printer
 * profile's resolution, printed (dot gain) and scanned at 600 dpi on a flatbed (rotation, blur,
 * noise, uneven light, sometimes JPEG). A copy: the same pantograph through a copier model
 * (src/patterns/copier.ts), then printed and scanned the same way. Test-only code.
 */
import { flatbedConditions } from '../../carrier/simulate/conditions.ts';
import { simulate } from '../../carrier/simulate/simulate.ts';
import type { CopierModel } from '../../patterns/copier.ts';
import { simulateCopy } from '../../patterns/copier.ts';
import { renderPantograph } from '../../patterns/pantograph.ts';
import type { PrinterProfile } from '../../patterns/printer-profiles.ts';
import { rgbaToGrey, type GreyImage } from '../grey.ts';

/** A 30 mm square of the pantograph: 25 tiles at 600 dpi. */
const PATCH_MM = 30;

const pantograph = (profile: PrinterProfile, seed: number) => renderPantograph({ widthMm: PATCH_MM, heightMm: PATCH_MM, seed: 100 + seed, profile });

export async function originalScan(profile: PrinterProfile, seed: number, scanDpi = 600): Promise<GreyImage> {
  const scan = await simulate(pantograph(profile, seed), flatbedConditions(seed, scanDpi), profile.dpi);
  return rgbaToGrey(scan.data, scan.width, scan.height);
}

export async function copyScan(profile: PrinterProfile, copier: CopierModel, seed: number, scanDpi = 600): Promise<GreyImage> {
  const copy = simulateCopy(pantograph(profile, seed), copier);
  const scan = await simulate(copy, flatbedConditions(seed + 50, scanDpi), copier.dpi);
  return rgbaToGrey(scan.data, scan.width, scan.height);
}
