/**
 * The tablet's print settings, in the `settings` store: the municipality's verifier URL that the
 * QR and the back's caption carry (never this device's own origin: a sheet must lead to the
 * municipality's verifier whichever tablet printed it), and the pantograph's printer profile the
 * store chose with the calibration sheet. Both are set in the admin console.
 */
import { checkVerifierUrl } from '../seal/locator.ts';
import { DEFAULT_PRINTER_PROFILE, PRINTER_PROFILES, type PrinterProfileId } from '../patterns/printer-profiles.ts';
import type { KofuDatabase } from '../store/database.ts';
import { readSetting, writeSetting } from '../store/settings.ts';

/**
 * Until a municipality sets its own: a reserved `.example` address (RFC 2606), so a demo sheet
 * says plainly that it leads nowhere real. The kiosk's own verifier (/verify) reads it anyway.
 */
export const DEMO_VERIFIER_URL = 'https://verify.kofu.example/v';

const VERIFIER_URL_SETTING = 'print.verifierUrl';
const PRINTER_PROFILE_SETTING = 'print.printerProfile';

export interface PrintSettingsView {
  readonly verifierUrl: string;
  /** True while the demo default is in use. */
  readonly verifierUrlIsDemo: boolean;
  readonly printerProfile: PrinterProfileId;
}

export async function readPrintSettings(db: KofuDatabase): Promise<PrintSettingsView> {
  const stored = await readSetting<string | undefined>(db, VERIFIER_URL_SETTING, undefined);
  const profile = await readSetting<string>(db, PRINTER_PROFILE_SETTING, DEFAULT_PRINTER_PROFILE.id);
  return {
    verifierUrl: stored ?? DEMO_VERIFIER_URL,
    verifierUrlIsDemo: stored === undefined,
    printerProfile: profile in PRINTER_PROFILES ? (profile as PrinterProfileId) : DEFAULT_PRINTER_PROFILE.id,
  };
}

/** Validates (https, ≤ 47 characters, no fragment) and stores; throws LocatorError, storing nothing. */
export async function saveVerifierUrl(db: KofuDatabase, input: string): Promise<string> {
  const url = checkVerifierUrl(input);
  await writeSetting(db, VERIFIER_URL_SETTING, url);
  return url;
}

export async function savePrinterProfile(db: KofuDatabase, id: string): Promise<PrinterProfileId> {
  if (!(id in PRINTER_PROFILES)) throw new RangeError(`unknown printer profile ${id}`);
  await writeSetting(db, PRINTER_PROFILE_SETTING, id);
  return id as PrinterProfileId;
}
