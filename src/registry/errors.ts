/**
 * The codes of the registry domain, and of the eligibility refusals (rules.ts, issue.ts); their
 * words are in src/ui/shared/error-messages-data.ts. Import problems (transfer.ts) still carry
 * their own ja/en text: they are a list the registry panel shows, and move to codes in phase 2.
 */
import type { LocalizedText } from '../bytes/errors.ts';

export const REGISTRY_ERROR_CODES = ['registry.not-found', 'registry.import-invalid'] as const;
export type RegistryErrorCode = (typeof REGISTRY_ERROR_CODES)[number];

export interface RegistryErrorParams {
  /** The id or code that was looked up. */
  'registry.not-found': { readonly what: string };
  /** The first problem (file, 1-based line or 0, field path or ''), and how many more there are. */
  'registry.import-invalid': { readonly file: string; readonly line: number; readonly field: string; readonly problem: LocalizedText; readonly more: number };
}

/** Why a certificate cannot be issued at the kiosk: the rules' codes (kept as they were: no domain prefix). */
export const REFUSAL_CODES = [
  'deceased',
  'under-15',
  'moving-out',
  'moved-in-today',
  'dv-support',
  'not-same-household',
  'member-deceased',
  'member-dv-support',
  'household-moving-out',
  'no-koseki',
  'koseki-registration-needed',
  'closed-period',
  'maintenance',
  'outside-hours',
  'outside-koseki-hours',
  'no-members',
  'no-seal',
  'no-tax-record',
  'not-hikazei',
  'not-in-koseki',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface RefusalParams {
  'not-same-household': { readonly name: string };
  'member-deceased': { readonly name: string };
  /** The closed period, MM-DD to MM-DD. */
  'closed-period': { readonly from: string; readonly to: string };
  /** Service hours, H:MM. */
  'outside-hours': { readonly open: string; readonly close: string };
  'outside-koseki-hours': { readonly weekdaysOnly: boolean; readonly open: string; readonly close: string };
  'no-tax-record': { readonly fiscalYear: number };
}
