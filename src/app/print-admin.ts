/**
 * The admin console's print settings on this tablet (src/ui/admin/print-panel.ts): the
 * municipality's verifier URL and the pantograph's printer profile (chosen with the calibration
 * sheet's second page). The panel's TaskController runs these through StaffAccess, so they need
 * signed-in staff and are logged.
 */
import { PRINTER_PROFILES, type PrinterProfile, type PrinterProfileId } from '../patterns/printer-profiles.ts';
import { screenCoverage } from '../patterns/printer-profiles.ts';
import { appDatabase } from './database.ts';
import { readPrintSettings, savePrinterProfile, saveVerifierUrl, type PrintSettingsView } from './print-settings.ts';

export type { PrintSettingsView } from './print-settings.ts';
export { DEMO_VERIFIER_URL } from './print-settings.ts';
export { MAX_VERIFIER_URL } from '../seal/locator.ts';

/** A profile as the admin list shows it. */
export interface PrinterProfileChoice {
  readonly id: PrinterProfileId;
  readonly dpi: number;
  /** Background and message dot / pitch, device pixels. */
  readonly background: string;
  readonly message: string;
  /** Ink coverage of both screens, percent. */
  readonly coveragePercent: number;
}

export function printerProfileChoices(): PrinterProfileChoice[] {
  return Object.values(PRINTER_PROFILES).map((p: PrinterProfile) => ({
    id: p.id,
    dpi: p.dpi,
    background: `${p.background.dotPx}/${p.background.pitchPx}`,
    message: `${p.message.dotPx}/${p.message.pitchPx}`,
    coveragePercent: Math.round(screenCoverage(p.background) * 1000) / 10,
  }));
}

export const printAdmin = {
  read: async (): Promise<PrintSettingsView> => readPrintSettings(await appDatabase()),
  setVerifierUrl: async (url: string): Promise<string> => saveVerifierUrl(await appDatabase(), url),
  setPrinterProfile: async (id: string): Promise<PrinterProfileId> => savePrinterProfile(await appDatabase(), id),
};
