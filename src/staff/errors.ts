/**
 * Typed errors of staff access: a passkey or passphrase that does not check out, a locked
 * passphrase, an action attempted without a staff session. Codes are stable (tests and the UI key
 * on them); messages say what to do, Japanese first.
 */
import { KofuError, type ParamsOf } from '../bytes/errors.ts';

export const STAFF_ERROR_CODES = [
  // The session and the credentials set up
  'staff.signed-out', 'staff.already-set-up', 'staff.no-passphrase', 'staff.last-credential', 'staff.passphrase-too-short',
  // Signing in
  'staff.locked', 'staff.wrong-passphrase', 'staff.passkey-refused', 'staff.passkey-cancelled',
] as const;
export type StaffErrorCode = (typeof STAFF_ERROR_CODES)[number];

export interface StaffErrorParams {
  'staff.passphrase-too-short': { readonly min: number };
  /** How long to wait, in each UI language (e.g. 30秒 / 30 s). */
  'staff.locked': { readonly wait: { readonly ja: string; readonly en: string } };
  /** True when one more wrong try locks the passphrase for a while. */
  'staff.wrong-passphrase': { readonly lockNext: boolean };
  /** Which check of the passkey response failed (English, for staff and logs). */
  'staff.passkey-refused': { readonly detail: string };
}

export class StaffAccessError<Code extends StaffErrorCode = StaffErrorCode> extends KofuError<Code, ParamsOf<StaffErrorParams, Code>> {
  override readonly name = 'StaffAccessError';
}

/** The same refusal for every way a passkey response can be wrong: an attacker learns nothing from the difference. */
export const passkeyRefused = (detail: string, cause?: unknown) =>
  new StaffAccessError('staff.passkey-refused', { detail }, { cause });
