/**
 * Typed errors of the seal domain. Every failure a verifier can meet ends in one of these, with a
 * stable `code` from SEAL_ERROR_CODES (tests and the UI key on it) and the message's dynamic
 * parts in `params`; the words are in src/ui/shared/error-messages-seal.ts.
 */
import { KofuError, type LocalizedText, type ParamsOf } from '../bytes/errors.ts';

export const SEAL_ERROR_CODES = [
  // CBOR and COSE structure (cbor.ts, cose.ts, ec.ts)
  'cbor.malformed',
  'cbor.non-canonical',
  'cbor.bad-shape',
  'cbor.unknown-field',
  'cose.unsupported-algorithm',
  'cose.unknown-critical',
  'cose.wrong-tag',
  'key.bad-public-key',
  // The seal and its signer certificate (seal.ts, signer-certificate.ts, match.ts)
  'seal.bad-claims',
  'seal.issuer-mismatch',
  'seal.signer-expired',
  'seal.too-large',
  'seal.unknown-format',
  'seal.malformed',
  'seal.kid-mismatch',
  'seal.unknown-issuer',
  'seal.signer-not-certified',
  'seal.bad-signature',
  'seal.demo-outside-demo-mode',
  'seal.signer-revoked',
  'seal.outside-validity',
  'seal.issued-in-future',
  'seal.unsupported-render-version',
  'seal.locator-mismatch',
  'signer.bad-device-id',
  'signer.bad-validity',
  'signer.bad-municipality',
  'signer.too-large',
  'signer.unknown-version',
  'signer.bad-request-signature',
  // The QR locator (locator.ts)
  'locator.damaged',
  'locator.unknown-version',
  'locator.too-long',
  'locator.bad-verifier-url',
  // Trust lists (trust-list.ts, trust-fetch.ts)
  'trust.fetch-failed',
  'trust.fetch-status',
  'trust.too-large',
  'trust.unknown-format',
  'trust.unknown-signer',
  'trust.demo-outside-demo-mode',
  'trust.not-newer',
  // Root-key backups (keys.ts) and the issuance log (audit-log.ts)
  'key-backup.weak-passphrase',
  'key-backup.damaged',
  'key-backup.not-a-backup',
  'key-backup.unknown-version',
  'key-backup.wrong-passphrase',
  'log.bad-export',
] as const;
export type SealErrorCode = (typeof SEAL_ERROR_CODES)[number];

/** Names the structure, in both languages (e.g. `信頼リスト / trust list`). */
interface What {
  readonly what: string;
}

export interface SealErrorParams {
  /** `unreadable`: not CBOR at all (rather than CBOR that does not re-encode). */
  'cbor.malformed': What & { readonly unreadable: boolean };
  'cbor.non-canonical': What;
  /** A field of the wrong form, or one of the fixed shape problems. */
  'cbor.bad-shape': (What & { readonly field: string }) | { readonly problem: 'no-content' | 'too-many-entries' | 'seal-image-too-large' };
  'cbor.unknown-field': What & { readonly key: string };
  'cose.unsupported-algorithm': What;
  'cose.unknown-critical': What;
  /** The CBOR tag the bytes start with, when it is not 18 (COSE_Sign1); −1 when its head is cut short. */
  'cose.wrong-tag': What & { readonly tag: number };
  'key.bad-public-key': { readonly problem: 'malformed' | 'unloadable' };
  'seal.bad-claims': { readonly field: string };
  /** `signing`: this tablet's own certificate; `verifying`: the seal's issuer and its signer. */
  'seal.issuer-mismatch': { readonly when: 'signing' | 'verifying' };
  /** A seal being signed (with its size), or a seal being read. */
  'seal.too-large': { readonly when: 'signing'; readonly bytes: number; readonly max: number } | { readonly when: 'verifying' };
  'seal.unknown-issuer': { readonly issuer: number };
  /** The revoked key id, hex. */
  'seal.signer-revoked': { readonly kid: string };
  'seal.unsupported-render-version': { readonly renderVersion: number };
  'signer.bad-device-id': { readonly max: number };
  'signer.too-large': { readonly subject: 'certificate' | 'request' };
  'signer.unknown-version': { readonly subject: 'certificate' | 'request' };
  'locator.damaged': { readonly detail: string };
  /** Without a version: the locator itself does not fit; with one: the verifier URL is too long. */
  'locator.too-long': { readonly version?: number; readonly max?: number };
  /** A verifier URL the admin console refuses: not https, too long for the QR, or not a plain URL. */
  'locator.bad-verifier-url': { readonly problem: 'not-https' | 'too-long' | 'malformed'; readonly max: number };
  'trust.fetch-status': { readonly status: number };
  'trust.too-large': { readonly source: 'download' | 'file' };
  /** The list's anchor key id, hex. */
  'trust.unknown-signer': { readonly kid: string };
  'trust.not-newer': { readonly candidate: number; readonly current: number };
  'key-backup.weak-passphrase': { readonly minLength: number };
  /** `damaged`: not readable as a key backup at all. */
  'key-backup.not-a-backup': { readonly damaged: boolean };
}

export type SealErrorParamsOf<Code extends string> = ParamsOf<SealErrorParams, Code>;

/** What a check of the issuance log finds (audit-log.ts verifyLog). */
export const LOG_PROBLEM_CODES = [
  'log.entry-malformed',
  'log.entry-modified',
  'log.entries-deleted',
  'log.entry-inserted',
  'log.chain-broken',
  'log.checkpoint-forged',
  'log.truncated',
  'log.checkpoint-mismatch',
] as const;
export type LogProblemCode = (typeof LOG_PROBLEM_CODES)[number];

/** Whether a trust list is past its next update (trust-list.ts trustListStatus). */
export const TRUST_STATUS_CODES = ['trust.up-to-date', 'trust.stale'] as const;
export type TrustStatusCode = (typeof TRUST_STATUS_CODES)[number];

/** Params of the log problems and trust-list statuses: entry numbers, days. */
/** The log entry a problem is found at, by its sequence number. */
interface AtEntry {
  readonly seq: number;
}

export interface SealNoticeParams {
  'log.entry-malformed': AtEntry;
  'log.entry-modified': AtEntry;
  /** The deleted entries, from–to. */
  'log.entries-deleted': { readonly from: number; readonly to: number };
  'log.entry-inserted': AtEntry;
  'log.chain-broken': AtEntry;
  'log.checkpoint-forged': AtEntry;
  'log.truncated': AtEntry;
  'log.checkpoint-mismatch': AtEntry;
  'trust.stale': { readonly days: number };
}

class SealDomainError<Code extends SealErrorCode = SealErrorCode> extends KofuError<Code, SealErrorParamsOf<Code>> {}

/** A seal, signer certificate or COSE structure that is malformed, untrusted or forged. */
export class SealError<Code extends SealErrorCode = SealErrorCode> extends SealDomainError<Code> {
  override readonly name = 'SealError';
}

/** A QR locator that is not kofu's or is damaged. */
export class LocatorError<Code extends SealErrorCode = SealErrorCode> extends SealDomainError<Code> {
  override readonly name = 'LocatorError';
}

/** A trust list that is malformed, not signed by a known anchor, or older than the cached one. */
export class TrustListError<Code extends SealErrorCode = SealErrorCode> extends SealDomainError<Code> {
  override readonly name = 'TrustListError';
}

/** A root-key backup file that cannot be opened. */
export class KeyBackupError<Code extends SealErrorCode = SealErrorCode> extends SealDomainError<Code> {
  override readonly name = 'KeyBackupError';
}

/** An issuance log that cannot be read, appended to or exported (store/ appends with its own codes). */
export class IssuanceLogError<Code extends string = SealErrorCode> extends KofuError<Code, ParamsOf<SealErrorParams, Code>> {
  override readonly name = 'IssuanceLogError';
}

export function text(ja: string, en: string): LocalizedText {
  return { ja, en };
}
