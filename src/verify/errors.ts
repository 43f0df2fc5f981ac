/**
 * The verifier's own failure codes (the domains it runs add theirs: seal, documents, carrier …).
 * Their words are in src/ui/shared/error-messages-verify.ts.
 */
import { KofuError, type ParamsOf } from '../bytes/errors.ts';

export const VERIFY_ERROR_CODES = [
  'verify.no-qr',
  'verify.not-a-locator',
  'verify.several-locators',
  'verify.no-trust-list',
  'verify.content-mismatch',
  'verify.qr-reader-unavailable',
  // Only a front (no page with a carrier or QR code): not a failure of the paper, the back is missing.
  'verify.front-only',
  // Something kofu did not expect, by the stage it happened in (`verify.unexpected-${VerifyStage}`).
  'verify.unexpected-input',
  'verify.unexpected-qr',
  'verify.unexpected-carrier',
  'verify.unexpected-seal',
  'verify.unexpected-content',
  'verify.unexpected-render',
  'verify.unexpected-done',
] as const;
export type VerifyErrorCode = (typeof VERIFY_ERROR_CODES)[number];

export interface VerifyErrorParams {
  /** The signed fields the printed content disagrees with (their names, in Japanese). */
  'verify.content-mismatch': { readonly problems: readonly string[] };
}

export class VerifyError<Code extends VerifyErrorCode = VerifyErrorCode> extends KofuError<Code, ParamsOf<VerifyErrorParams, Code>> {
  override readonly name = 'VerifyError';
}
