/**
 * The codes of the registry domain, of the eligibility refusals (rules.ts, issue.ts) and of the
 * problems an import reports (import-check.ts); their
 * words are in src/ui/shared/error-messages-data.ts.
 */
import type { FileSize } from '../bytes/errors.ts';

export const REGISTRY_ERROR_CODES = ['registry.not-found', 'registry.import-invalid', 'registry.gaiji-invalid'] as const;
export type RegistryErrorCode = (typeof REGISTRY_ERROR_CODES)[number];

export interface RegistryErrorParams {
  /** The id or code that was looked up. */
  'registry.not-found': { readonly what: string };
  /** The first problem (file, 1-based line or 0, field path or ''), and how many more there are. */
  /** Why a 外字 file was refused (English detail, with the code point where there is one). */
  'registry.gaiji-invalid': { readonly detail: string };
  'registry.import-invalid': { readonly file: string; readonly line: number; readonly field: string; readonly problem: { readonly code: string; readonly params: object }; readonly more: number };
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
  'too-many-glyphs',
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
  /** Without `fiscalYear`: the resident has no tax record at all (the kiosk's choice list). */
  'no-tax-record': { readonly fiscalYear?: number };
  /** Characters outside the certificate font, and the most one certificate may carry. */
  'too-many-glyphs': { readonly count: number; readonly bytes: number; readonly max: number };
}

/** What is wrong with one field or line of an imported file. */
export const IMPORT_PROBLEM_CODES = [
  'import.file-too-large',
  'import.malformed-file',
  'import.bad-header',
  'import.field-count',
  'import.required',
  'import.unknown-field',
  'import.not-text',
  'import.empty',
  'import.bad-date-format',
  'import.no-such-date',
  'import.bad-time',
  'import.not-whole-number',
  'import.not-boolean',
  'import.not-literal',
  'import.not-one-of',
  'import.bad-pattern',
  'import.not-list',
  'import.not-object',
  'import.bad-flag',
  'import.duplicate-id',
  'import.bad-municipality-check-digit',
  'import.unknown-municipality',
  'import.householder-not-member',
  'import.no-such-household',
  'import.bad-my-number',
  'import.no-such-koseki',
  'import.koseki-municipality-mismatch',
  'import.foreign-honseki',
  'import.no-such-resident',
  'import.text-impression-incomplete',
  'import.impression-size-mismatch',
  'import.utf16-without-bom',
  'import.unknown-encoding',
  'import.bad-glyph',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export interface ImportProblemParams {
  /** The file's size in whole MB, as printed, and the limit in MB. */
  'import.file-too-large': FileSize & { readonly max: number };
  /** The parser's own words (English). */
  'import.malformed-file': { readonly detail: string };
  'import.bad-header': { readonly missing: readonly string[]; readonly unknown: readonly string[] };
  'import.field-count': { readonly count: number; readonly needed: number };
  'import.not-literal': { readonly literal: number };
  'import.not-one-of': { readonly choices: readonly string[] };
  'import.bad-pattern': { readonly description: string };
  'import.duplicate-id': { readonly id: string };
  'import.bad-glyph': { readonly detail: string };
}
