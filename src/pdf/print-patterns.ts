/**
 * The patterns a municipality's sheets print with: the 『複写』 pantograph in the tablet's chosen
 * printer profile (tiled for vector output), seeded by the municipality code, and the front's 地紋
 * from the same code. Made once per PDF in the PDF worker, deterministic, at physical sizes.
 */
import { groundTile, type GroundTile } from '../patterns/ground.ts';
import { pantographPlan, PRINT_TILING, type PantographPlan } from '../patterns/pantograph.ts';
import { DEFAULT_PRINTER_PROFILE, PRINTER_PROFILES, type PrinterProfileId } from '../patterns/printer-profiles.ts';
import { PATTERN_AREA } from './back-layout.ts';

export interface PrintPatterns {
  readonly pantograph: PantographPlan;
  readonly ground: GroundTile;
  /** Names this set's PDF patterns (profile and seed). */
  readonly key: string;
}

export interface PrintSettings {
  readonly profile?: PrinterProfileId;
  /** The municipality code: the pantograph's origin and the ground's design. */
  readonly seed: number;
}

export function printPatterns(settings: PrintSettings): PrintPatterns {
  const profile = PRINTER_PROFILES[settings.profile ?? DEFAULT_PRINTER_PROFILE.id];
  const pantograph = pantographPlan({ widthMm: PATTERN_AREA.width, heightMm: PATTERN_AREA.height, seed: settings.seed, profile, tiling: PRINT_TILING });
  return { pantograph, ground: groundTile(settings.seed), key: `${profile.id}-${settings.seed}` };
}
