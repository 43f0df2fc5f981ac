/**
 * Printer profiles for the void pantograph: each names a device resolution and a screen pair of
 * equal ink coverage — a fine background screen below what a copier or a 300–600 dpi scanner
 * resolves, and a coarse message screen it keeps (research/anti-forgery.md §3.1: "big dot, little
 * dot", JP5973904; JP2012-250456). Coverage is dot²/pitch² for both screens, and the message pitch
 * is a whole multiple of the background pitch so each background dot falls inside one message cell.
 * The pairs are starting points: TROY US 8,817,330 tunes the background per printer because a pair
 * that works on one printer fails on another; the calibration sheet (issue #10, later) picks one.
 */

/** A screen of square dots on a square grid, in device pixels. */
export interface DotScreen {
  readonly dotPx: number;
  readonly pitchPx: number;
}

export type PrinterProfileId = 'laser-600' | 'laser-300' | 'laser-1200' | 'inkjet-600';

export interface PrinterProfile {
  readonly id: PrinterProfileId;
  readonly dpi: number;
  readonly background: DotScreen;
  readonly message: DotScreen;
  /** Width of the white outline (白抜き) around the message, in device pixels. */
  readonly outlinePx: number;
}

export const PRINTER_PROFILES: Readonly<Record<PrinterProfileId, PrinterProfile>> = {
  // 1×1 px (42 µm) at a 4 px pitch (150 lpi) vs 3×3 px (127 µm) at 12 px (50 lpi): 6.25 % each.
  'laser-600': { id: 'laser-600', dpi: 600, background: { dotPx: 1, pitchPx: 4 }, message: { dotPx: 3, pitchPx: 12 }, outlinePx: 2 },
  // 1×1 px (85 µm) at 3 px (100 lpi) vs 3×3 px at 9 px (33 lpi): 11.1 %. A 300 dpi copier keeps
  // more of an 85 µm dot, so the effect is weaker (docs/patterns.md).
  'laser-300': { id: 'laser-300', dpi: 300, background: { dotPx: 1, pitchPx: 3 }, message: { dotPx: 3, pitchPx: 9 }, outlinePx: 1 },
  // 2×2 px (42 µm: a 1200 dpi laser does not hold single pixels) at 8 px vs 6×6 px at 24 px: 6.25 %.
  'laser-1200': { id: 'laser-1200', dpi: 1200, background: { dotPx: 2, pitchPx: 8 }, message: { dotPx: 6, pitchPx: 24 }, outlinePx: 4 },
  // Ink spreads on plain paper, so a sparser pair: 1×1 px at 5 px vs 3×3 px at 15 px, 4 % each.
  'inkjet-600': { id: 'inkjet-600', dpi: 600, background: { dotPx: 1, pitchPx: 5 }, message: { dotPx: 3, pitchPx: 15 }, outlinePx: 2 },
};

export const DEFAULT_PRINTER_PROFILE: PrinterProfile = PRINTER_PROFILES['laser-600'];

export const screenCoverage = (s: DotScreen): number => (s.dotPx * s.dotPx) / (s.pitchPx * s.pitchPx);
