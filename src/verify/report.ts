/**
 * The verifier's result: one typed report per scan, whatever happened. A person checking a paper
 * certificate reads the verdict and the reason; a support person opens the diagnostics.
 *
 * Verdicts (docs/verifier.md):
 * - `valid`: the scrambled image decoded, the seal's signature chains to a trusted municipality
 *   root, the QR locator belongs to the same issuance and the signed content agrees with its claims;
 * - `demo`: all of the above, but the issuer is the demo municipality and this device is in demo
 *   mode (anyone can make such a seal: it proves nothing about a real person);
 * - `invalid`: anything else, with a code (and params) whose words say what happened, and advice.
 */
import type { LocalizedText } from '../bytes/errors.ts';
import type { CarrierDiagnostics } from '../carrier/decode.ts';

export type Verdict = 'valid' | 'invalid' | 'demo';

/** The stage that ended the run (or `done`). */
export type VerifyStage = 'input' | 'qr' | 'carrier' | 'seal' | 'content' | 'render' | 'done';

export interface RestoredImage {
  readonly width: number;
  readonly height: number;
  /** RGBA, row-major; transferred out of the worker. */
  readonly pixels: Uint8ClampedArray;
  readonly dpi: number;
}

export interface CertificateSummary {
  /** 全国地方公共団体コード. */
  readonly issuer: number;
  /** The trusted root's name (from the trust list), not the seal's own wording. */
  readonly issuerName: string;
  /** The seal's integer serial and its printed form (6 digits). */
  readonly serial: number;
  readonly serialText: string;
  /** Unix seconds. */
  readonly issuedAt: number;
  readonly certType: number;
  readonly title?: LocalizedText;
  readonly sheets: number;
}

export interface VerificationReport {
  readonly verdict: Verdict;
  /** True for every result that involves a demo issuer: the UI shows デモ / DEMO in large type. */
  readonly demo: boolean;
  /** `ok`, or the stable code of the failure (e.g. `verify.no-qr`, `seal.bad-signature`). */
  readonly code: string;
  readonly stage: VerifyStage;
  /**
   * The failure's params (empty for `ok`): the UI words `code` and `params` through its error
   * catalogue (src/ui/shared/error-messages.ts), so a report crosses the worker as plain data.
   */
  readonly params: object;
  /** True when the seal was refused as a demo seal: its words start with 【デモ】 / [DEMO]. */
  readonly demoRefusal?: boolean;
  /** A valid or demo result's own words from the seal ("issued by …, signature valid"): not an error text. */
  readonly reason?: LocalizedText;
  /** What to do next (empty for a valid result). */
  readonly advice?: LocalizedText;
  /** A notice's own words (the demo warning), or a code and params the UI words (a stale trust list). */
  readonly warnings: readonly (LocalizedText | { readonly code: string; readonly params: object })[];
  /** From the QR locator, when it was read. */
  readonly locator?: { readonly issuer: number; readonly serial: number };
  readonly certificate?: CertificateSummary;
  readonly restored: readonly RestoredImage[];
  readonly diagnostics?: CarrierDiagnostics;
  /** Milliseconds per stage (wall clock, for diagnostics; not asserted anywhere). */
  readonly timings: Readonly<Partial<Record<'qr' | 'grey' | 'carrier' | 'seal' | 'render' | 'total', number>>>;
  readonly image?: { readonly width: number; readonly height: number };
}

export interface VerifyProgress {
  readonly stage: Exclude<VerifyStage, 'input' | 'content'>;
  /** Overall fraction in [0, 1]. */
  readonly fraction: number;
}
