/**
 * The QR locator and the seal are printed side by side; a verifier checks they belong to the same
 * issuance, so a QR cut from one sheet and pasted next to another sheet's carrier is noticed.
 * (Mismatched halves cannot forge anything — the seal is signed on its own — but the whitening key
 * of one would not decode the other, and a person deserves a clear message.)
 */
import { bytesEqual } from '../bytes/bytes.ts';
import { SealError } from './errors.ts';
import type { Locator } from './locator.ts';
import type { SealValid } from './seal.ts';

export function checkLocatorMatchesSeal(locator: Locator, verdict: SealValid): void {
  if (locator.issuer !== verdict.claims.issuer || locator.serial !== verdict.claims.serial || !bytesEqual(locator.kid, verdict.signer.kid)) {
    throw new SealError('seal.locator-mismatch', {});
  }
}
