/**
 * What the kiosk flow itself says to the resident, as codes (the card, registry and seal layers
 * bring their own). The words are in src/ui/shared/error-messages-app.ts; the kiosk UI describes
 * every `KioskNotice` through the catalogue.
 */
import { KofuError, type ParamsOf } from '../bytes/errors.ts';

export const KIOSK_ERROR_CODES = [
  'kiosk.unexpected',
  'kiosk.unknown-municipality',
  'kiosk.unknown-resident',
  'kiosk.wrong-pin-length',
  /** A second tab on the same device: one kiosk session per device (Web Locks, src/app/kiosk.ts). */
  'kiosk.already-open',
  /** A refusal (kiosk-choices.ts): the resident's municipality is not in the registry. */
  'no-municipality',
] as const;
export type KioskErrorCode = (typeof KIOSK_ERROR_CODES)[number];
/** No kiosk code has params yet. */
export interface KioskErrorParams {}

/** A message on a kiosk step: any error's or refusal's code and params, worded by the UI. */
export interface KioskNotice {
  readonly code: string;
  readonly params: object;
}

export const notice = (code: string, params: object = {}): KioskNotice => ({ code, params });
/** The notice of a thrown KofuError, or `kiosk.unexpected` for anything else. */
export const noticeOf = (error: unknown): KioskNotice => (error instanceof KofuError ? notice(error.code, error.params) : notice('kiosk.unexpected'));

/** Thrown (and shown) for mistakes in the flow itself. */
export class KioskError<Code extends KioskErrorCode = KioskErrorCode> extends KofuError<Code, ParamsOf<KioskErrorParams, Code>> {
  override readonly name = 'KioskError';
}
