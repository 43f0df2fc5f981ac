/**
 * The codes of the trust set-up services (authority.ts, tablet-signer.ts, verifier-trust.ts):
 * refusals of what staff typed or chose, and missing steps. Their words are in
 * src/ui/shared/error-messages-app.ts; those in UNCHANGED_CODES end with "Nothing was changed."
 *
 * `key-backup.weak-passphrase` is the seal domain's code (same words); the device-id check has its
 * own code because its words (an example, a privacy hint) differ from the certificate's.
 */
export const TRUST_SERVICE_ERROR_CODES = [
  'root.exists',
  'root.missing',
  'root.bad-name',
  'root.passphrase-mismatch',
  'root.not-backed-up',
  'root.delete-kid-mismatch',
  'root.other-municipality',
  'root.bad-kid',
  'root.already-revoked',
  'trust.bad-days',
  'trust.bad-municipality-code',
  'trust.bad-url',
  'trust.insecure-url',
  'trust.url-not-allowed',
  'trust.no-publisher',
  'trust.publisher-kid-mismatch',
  'signer.invalid-device-id',
  'signer.wrong-municipality',
  'signer.not-provisioned',
  'signer.awaiting-certificate',
  'signer.revoked',
  'signer.certificate-expired',
  'signer.no-request',
  'signer.certificate-mismatch',
  'signer.certificate-untrusted',
  /** A chosen file far larger than its format allows (ui/admin/trust/trust-section.ts). */
  'file.too-large',
] as const;
export type TrustServiceErrorCode = (typeof TRUST_SERVICE_ERROR_CODES)[number];

export interface TrustServiceErrorParams {
  'root.exists': { readonly name: string; readonly municipality: number };
  'root.other-municipality': { readonly requested: number; readonly name: string; readonly municipality: number };
  'root.already-revoked': { readonly kid: string };
  /** What the days are for: a signer certificate's validity, or the time to a trust list's next update. */
  'trust.bad-days': { readonly what: 'validity' | 'next-update'; readonly max: number };
  'trust.bad-municipality-code': { readonly code: number };
  'trust.publisher-kid-mismatch': { readonly kid: string };
  'signer.invalid-device-id': { readonly max: number };
  'signer.wrong-municipality': { readonly certified: number; readonly requested: number };
  'signer.revoked': { readonly kid: string };
  'signer.certificate-mismatch': { readonly deviceId: string };
  'signer.certificate-untrusted': { readonly municipality: number };
  'file.too-large': { readonly name: string };
}
