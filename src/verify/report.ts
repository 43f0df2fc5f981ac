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
  /** The sheet's printed text, line by line in reading order: the signed content as text (copyable, read by a screen reader). */
  readonly lines?: readonly string[];
}

/** The whole sheet's outcome in the person's words: 真正 / 改ざん・偽造の疑い / 判定できません (sheet-verdict.ts). */
export type SheetOutcome = 'authentic' | 'suspect' | 'undetermined';

/** What the outcome rests on beyond the back's reason, worded by the UI (`verify.note.*`). */
export type SheetNote =
  | 'front-matches'
  | 'front-differs'
  /** Beside `front-differs` when only photos showed the differences: confirm with a flat scan. */
  | 'front-differs-photo'
  | 'front-not-compared'
  | 'front-unreadable'
  | 'front-partly-compared'
  | 'front-only'
  | 'backs-differ';

/** A rectangle as fractions of the image's width and height (independent of its resolution). */
export interface FrontRegion {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** How it was found: the PDF's text layer disagrees there, or the pixels do. */
  readonly source: 'text' | 'pixels';
}

/** A point as fractions of the person's image. */
export interface FractionPoint {
  readonly x: number;
  readonly y: number;
}

/** One front page compared with the rendering of its sheet (front.ts). */
export interface FrontCheck {
  /** The page of the input (0-based, over all files given). */
  readonly page: number;
  /** The sheet (0-based) it was compared with. */
  readonly sheet: number;
  /** `unreadable`: the page could not be placed on the rendering (not this sheet, blurred, cut off). */
  readonly status: 'match' | 'differs' | 'unreadable';
  /** `pdf`: kofu's own PDF (text layer and pixels); `image`: a scan or photo (pixels). */
  readonly method: 'pdf' | 'image';
  /**
   * For an image that was placed: `scan` at flatbed resolution and geometry, `photo` otherwise
   * (compared glyph by glyph only; src/compare/capture-geometry.ts).
   */
  readonly capture?: 'scan' | 'photo';
  /** Where the front differs, on the restored rendering. */
  readonly regions: readonly FrontRegion[];
  /** The same regions on the person's image (each a quadrilateral), when the page was placed. */
  readonly regionsOnImage: readonly (readonly FractionPoint[])[];
  /** Strongest disagreement (0 = none; see src/compare/difference.ts). */
  readonly score: number;
  /** Share of the sheet that was compared (the rest was outside the image or not reliably placed). */
  readonly coverage: number;
  /** Text the PDF's text layer shows where the signed content says otherwise, and signed text it lacks. */
  readonly text?: { readonly added: readonly string[]; readonly missing: readonly string[] };
  /** The person's front resampled onto the rendering (RGBA at `dpi`), for the overlay and blink views. */
  readonly aligned?: RestoredImage;
  /** The rendering it was compared with (RGBA at the comparison resolution). */
  readonly rendering?: RestoredImage;
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
  /** The whole sheet's outcome (sheet-verdict.ts); absent on reports made before it existed. */
  readonly outcome?: SheetOutcome;
  readonly notes?: readonly SheetNote[];
  /** Each front page given, compared with its sheet. */
  readonly fronts?: readonly FrontCheck[];
  /** The page (0-based, over all files) whose back this report is about. */
  readonly backPage?: number;
  /** Pages given in all. */
  readonly pages?: number;
}

export interface VerifyProgress {
  readonly stage: Exclude<VerifyStage, 'input' | 'content'>;
  /** Overall fraction in [0, 1]. */
  readonly fraction: number;
}
