/**
 * The verification pipeline: a scan or photo of a certificate's back → a typed report.
 *
 *   RGBA → grey → QR locator (zxing) → carrier decode with the locator's whitening key
 *        → seal signature against the trust list → locator matches seal → content and binding
 *        → restored front image(s)
 *
 * Pure composition over domain functions (DESIGN.md "Architecture"); it runs in the verify worker
 * but takes every browser-facing part (QR reader, renderer) as a dependency, so tests drive it on
 * the main thread. It never throws for bad input: every failure is an `invalid` report with a
 * code, params and advice. Only cancellation (AbortedError) escapes.
 */
import { bytesEqual } from '../bytes/bytes.ts';
import { AbortedError, KofuError, throwIfAborted, type LocalizedText } from '../bytes/errors.ts';
import { decodeCarrier, type CarrierDiagnostics } from '../carrier/decode.ts';
import { CarrierWrongKeyError } from '../carrier/errors.ts';
import { fromSealContent } from '../documents/codec.ts';
import { bindingProblems } from '../documents/seal-binding.ts';
import { CERTIFICATE_KINDS, CERTIFICATE_TITLES, SUPPORTED_RENDER_VERSIONS, type Certificate } from '../documents/types.ts';
import { decodeLocator, type Locator } from '../seal/locator.ts';
import { checkLocatorMatchesSeal } from '../seal/match.ts';
import { verifySeal, type SealValid } from '../seal/seal.ts';
import type { TrustList } from '../seal/trust-list.ts';
import { rgbaToGrey, type GreyImage } from '../vision/grey.ts';
import { findQrCodes, type FoundQr, type RgbaLike } from './qr.ts';
import type { CertificateSummary, RestoredImage, VerificationReport, VerifyProgress, VerifyStage } from './report.ts';
import { RESTORED_DPI, type Restored, type RestoreFn } from './restore.ts';
import { backOutcome } from './sheet-verdict.ts';
import { VerifyError } from './errors.ts';
import { adviceFor, failureOf } from './verdicts.ts';

export interface TrustInput {
  readonly demoMode: boolean;
  /** Every opened trust list in use (CurrentTrust.lists). */
  readonly lists: readonly TrustList[];
}

export interface PipelineOptions {
  readonly trust: TrustInput;
  /** Locator text already known (the `/verify#digits` URL a phone's camera app opened). */
  readonly locatorText?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: VerifyProgress) => void;
  /** Unix seconds; defaults to the device clock. */
  readonly now?: number;
  /** The restored-image renderer; without it the report has no images and the sheet count is not cross-checked. */
  readonly restore?: RestoreFn;
  readonly restoreDpi?: number;
  /** QR reader (default: zxing-wasm). */
  readonly findQr?: (image: RgbaLike) => Promise<FoundQr[]>;
}

/** A failure that becomes an invalid report: its code and params, worded by the UI. */
class Stop extends Error {
  static of(stage: VerifyStage, error: VerifyError, demo = false): Stop {
    return new Stop(stage, error.code, error.params, demo);
  }

  constructor(
    readonly stage: VerifyStage,
    readonly code: string,
    readonly params: object,
    readonly demo = false,
    /** The seal was refused as a demo seal (SealInvalid.demo). */
    readonly demoRefusal = false,
  ) {
    super(code);
  }
}

const stopWith = (stage: VerifyStage, error: unknown, demo = false): Stop => {
  if (error instanceof Stop) return error;
  if (error instanceof AbortedError) throw error;
  const failure = failureOf(error, stage);
  return new Stop(stage, failure.code, failure.params, demo);
};

/**
 * Text no printed QR code carries: control characters and U+FFFD. A "QR code" read out of the
 * scrambled image's noise (the decoder occasionally finds three finder-like rings there and
 * byte-mode garbage that passes its checks) decodes to such text; it is not a QR code on the paper.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/;

/** Picks the single kofu locator among the QR codes found. */
export function chooseLocator(candidates: readonly FoundQr[]): { locator: Locator; text: string } {
  const found = candidates.filter((qr) => !UNPRINTABLE.test(qr.text));
  if (found.length === 0) throw Stop.of('qr', new VerifyError('verify.no-qr', {}));
  const locators: { locator: Locator; text: string }[] = [];
  let firstError: unknown;
  for (const qr of found) {
    try {
      locators.push({ locator: decodeLocator(qr.text), text: qr.text });
    } catch (error) {
      firstError ??= error;
    }
  }
  if (locators.length === 0) {
    const code = firstError instanceof KofuError && firstError.code === 'locator.unknown-version' ? firstError.code : 'verify.not-a-locator';
    throw new Stop('qr', code, code === 'verify.not-a-locator' ? {} : (firstError as KofuError).params);
  }
  const distinct = new Set(locators.map((l) => l.text.slice(l.text.lastIndexOf('#') + 1)));
  if (distinct.size > 1) throw Stop.of('qr', new VerifyError('verify.several-locators', {}));
  return locators[0];
}

/** Stage weights for overall progress (rough shares of the time on a 300 dpi A4 scan). */
const SPAN = { qr: [0, 0.2], carrier: [0.2, 0.75], seal: [0.75, 0.8], render: [0.8, 1] } as const;

/**
 * One image, as the back of a sheet: the report with the back-only outcome (sheet-verdict.ts;
 * a valid seal says "the front was not compared").
 */
export async function verifyImage(image: RgbaLike, options: PipelineOptions): Promise<VerificationReport> {
  const { report } = await verifyBack(image, options);
  return withBackOutcome(report);
}

/** The report with its back-only outcome and notes. */
export function withBackOutcome(report: VerificationReport): VerificationReport {
  const outcome = backOutcome(report);
  return { ...report, outcome, notes: outcome === 'authentic' ? ['front-not-compared'] : [] };
}

export interface BackResult {
  readonly report: VerificationReport;
  /** The signed content, when the seal was valid: what each front is compared with. */
  readonly certificate?: Certificate;
  /** The restore step's text runs per sheet (when a renderer was given). */
  readonly runs?: Restored['runs'];
  /** The restore step's fine rendering per sheet, drawn when first read (when the renderer has one). */
  readonly fine?: Restored['fine'];
}

/** The pipeline on one image, with the signed content for the front comparison (sheet-pipeline.ts). */
export async function verifyBack(image: RgbaLike, options: PipelineOptions): Promise<BackResult> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const progress = (stage: keyof typeof SPAN, fraction: number) => {
    const [from, to] = SPAN[stage];
    options.onProgress?.({ stage, fraction: from + (to - from) * Math.min(1, Math.max(0, fraction)) });
  };
  const timed = async <T>(stage: keyof typeof SPAN, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    progress(stage, 0);
    try {
      return await work();
    } finally {
      timings[stage] = performance.now() - t0;
    }
  };
  const imageSize = { width: image.width, height: image.height };

  let locator: Locator | undefined;
  let diagnostics: CarrierDiagnostics | undefined;
  let demo = false;
  try {
    throwIfAborted(options.signal);
    // 1. The locator: from the URL the user opened, or from a QR code in the scan.
    const locatorInImage = async (): Promise<Locator> => {
      const found = await timed('qr', async () => {
        try {
          return await (options.findQr ?? findQrCodes)(image);
        } catch (error) {
          throw stopWith('qr', error);
        }
      });
      return chooseLocator(found).locator;
    };
    if (options.locatorText !== undefined) {
      try {
        locator = decodeLocator(options.locatorText);
      } catch (error) {
        throw stopWith('qr', error);
      }
    } else {
      locator = await locatorInImage();
    }
    throwIfAborted(options.signal);

    // 2. The carrier, un-whitened with the locator's key. Grey first: it is the carrier's own
    //    first step, done here once with progress and cancellation.
    const greyStarted = performance.now();
    const grey: GreyImage = image.data.length === image.width * image.height ? { ...imageSize, data: image.data as Uint8Array } : rgbaToGrey(image.data, image.width, image.height, { signal: options.signal });
    timings.grey = performance.now() - greyStarted;
    const decodeWith = async (key: Uint8Array) => {
      try {
        return await decodeCarrier(grey, key, { signal: options.signal, onProgress: (p) => progress('carrier', p.fraction) });
      } catch (error) {
        // Another sheet's carrier was read first (two sheets on the scanner bed, or a carrier
        // pasted beside ours): look in each half of the image before giving up.
        if (error instanceof CarrierWrongKeyError) {
          for (const region of halves(grey)) {
            throwIfAborted(options.signal);
            try {
              return await decodeCarrier(region, key, { signal: options.signal });
            } catch (inner) {
              if (inner instanceof AbortedError) throw inner;
            }
          }
        }
        throw error;
      }
    };
    const decoded = await timed('carrier', async () => {
      try {
        return await decodeWith(locator!.whiteningKey);
      } catch (error) {
        // The QR code from the opened URL belongs to another sheet than the one scanned now (a
        // verifier checking several papers from one link): use the QR code printed on this one.
        if (error instanceof CarrierWrongKeyError && options.locatorText !== undefined) {
          let printed: Locator | undefined;
          try {
            printed = await locatorInImage();
          } catch {
            // no usable QR code on this scan: report the carrier's own error below
          }
          if (printed && !bytesEqual(printed.whiteningKey, locator!.whiteningKey)) {
            locator = printed;
            try {
              return await decodeWith(printed.whiteningKey);
            } catch (retry) {
              throw stopWith('carrier', retry);
            }
          }
        }
        throw stopWith('carrier', error);
      }
    });
    diagnostics = decoded.diagnostics;

    // 3. The seal against the trust list of the locator's issuer.
    const issuerLists = options.trust.lists.filter((l) => l.roots.some((r) => r.municipality === locator!.issuer));
    const list = issuerLists[0] ?? options.trust.lists[0];
    if (!list) throw Stop.of('seal', new VerifyError('verify.no-trust-list', {}));
    const verdict = await timed('seal', () =>
      verifySeal(decoded.payload, list, { demoMode: options.trust.demoMode, supportedRenderVersions: SUPPORTED_RENDER_VERSIONS, now: options.now }),
    );
    demo = verdict.demo;
    if (!verdict.ok) throw new Stop('seal', verdict.code, verdict.error.params, verdict.demo, verdict.demo);
    try {
      checkLocatorMatchesSeal(locator, verdict);
    } catch (error) {
      throw stopWith('seal', error, demo);
    }
    throwIfAborted(options.signal);

    // 4. The content the seal carries, and whether it agrees with the signed claims.
    let cert: Certificate;
    try {
      cert = fromSealContent(verdict.claims.content);
    } catch (error) {
      throw stopWith('content', error, demo);
    }
    let restored: RestoredImage[] = [];
    let runs: Restored['runs'];
    let fine: Restored['fine'];
    let sheets = verdict.claims.sheets;
    if (options.restore) {
      const result = await timed('render', async () => {
        try {
          return await options.restore!(cert, options.restoreDpi ?? RESTORED_DPI);
        } catch (error) {
          throw stopWith('render', error, demo);
        }
      });
      restored = result.images;
      runs = result.runs;
      fine = result.fine;
      sheets = result.sheetCount;
    }
    const problems = bindingProblems(verdict.claims, cert, sheets, verdict.signer.kid);
    if (problems.length > 0) throw Stop.of('content', new VerifyError('verify.content-mismatch', { problems }), demo);
    progress('render', 1);
    timings.total = performance.now() - started;
    const report: VerificationReport = {
      verdict: demo ? 'demo' : 'valid',
      demo,
      code: 'ok',
      params: {},
      stage: 'done',
      reason: verdict.reason,
      warnings: verdict.warnings.map((w) => (w.code === 'demo' ? w.text : { code: w.status.code, params: w.status.params })),
      locator: { issuer: locator.issuer, serial: locator.serial },
      certificate: summaryOf(verdict, cert),
      restored,
      diagnostics,
      timings,
      image: imageSize,
    };
    return { report, certificate: cert, runs, fine };
  } catch (error) {
    const stop = stopWith('input', error);
    timings.total = performance.now() - started;
    const report: VerificationReport = {
      verdict: 'invalid',
      demo: stop.demo,
      code: stop.code,
      params: stop.params,
      ...(stop.demoRefusal ? { demoRefusal: true } : {}),
      stage: stop.stage,
      advice: adviceFor(stop.code, stop.stage),
      warnings: [],
      locator: locator && { issuer: locator.issuer, serial: locator.serial },
      restored: [],
      diagnostics,
      timings,
      image: imageSize,
    };
    return { report };
  }
}

/** Overlapping halves of the image (top, bottom, left, right), each 60 % of the side. */
export function halves(image: GreyImage): GreyImage[] {
  const { width, height, data } = image;
  const h = Math.round(height * 0.6);
  const w = Math.round(width * 0.6);
  const columns = (x0: number): GreyImage => {
    const out = new Uint8Array(w * height);
    for (let y = 0; y < height; y++) out.set(data.subarray(y * width + x0, y * width + x0 + w), y * w);
    return { width: w, height, data: out };
  };
  return [
    { width, height: h, data: data.subarray(0, width * h) },
    { width, height: h, data: data.subarray((height - h) * width) },
    columns(0),
    columns(width - w),
  ];
}

function summaryOf(verdict: SealValid, cert: Certificate): CertificateSummary {
  const claims = verdict.claims;
  const kind = CERTIFICATE_KINDS[claims.certType - 1];
  return {
    issuer: claims.issuer,
    issuerName: verdict.root.name,
    serial: claims.serial,
    // As printed (bound to the claims above): the tablet's key id and the serial.
    serialText: cert.serial,
    issuedAt: claims.issuedAt,
    certType: claims.certType,
    title: kind ? CERTIFICATE_TITLES[kind] : CERTIFICATE_TITLES[cert.kind],
    sheets: claims.sheets,
  };
}
