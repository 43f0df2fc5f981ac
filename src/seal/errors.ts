/**
 * Typed errors of the seal domain. Every failure a verifier can meet ends in one of these, with a
 * stable `code` (tests and the UI key on it) and a message that tells a person what it means.
 */
import { KofuError, type LocalizedText } from '../bytes/errors.ts';

/** A seal, signer certificate or COSE structure that is malformed, untrusted or forged. */
export class SealError extends KofuError {
  override readonly name = 'SealError';
}

/** A QR locator that is not kofu's or is damaged. */
export class LocatorError extends KofuError {
  override readonly name = 'LocatorError';
}

/** A trust list that is malformed, not signed by a known anchor, or older than the cached one. */
export class TrustListError extends KofuError {
  override readonly name = 'TrustListError';
}

/** A root-key backup file that cannot be opened. */
export class KeyBackupError extends KofuError {
  override readonly name = 'KeyBackupError';
}

/** An issuance log that cannot be read, appended to or exported. */
export class IssuanceLogError extends KofuError {
  override readonly name = 'IssuanceLogError';
}

export function text(ja: string, en: string): LocalizedText {
  return { ja, en };
}
