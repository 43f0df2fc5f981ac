/**
 * Issuing one copy at the kiosk: the signer and the next serial for the issuing municipality, the
 * certificate with that serial, its seal, QR locator and carrier through the one mint path
 * (src/mint/mint.ts), the PDF, and the issuance-log entry with the sheet's fee and where it is paid
 * (the store's till). Progress is reported by stage — sign, carrier, PDF — for the one bar the
 * resident sees (ISSUING_STAGES).
 */
import { sha256 } from '../bytes/bytes.ts';
import type { Certificate } from '../documents/types.ts';
import type { CarrierSymbol } from '../carrier/index.ts';
import { mintBack } from '../mint/mint.ts';
import { PaymentPlace, type IssuanceRecord } from '../seal/audit-log.ts';
import type { LocatorQr } from '../seal/locator.ts';
import type { PrinterProfileId } from '../patterns/printer-profiles.ts';
import type { SealSigner } from '../seal/seal.ts';
import { decodeSignerCertificate } from '../seal/signer-certificate.ts';

export interface PdfService {
  /** Sheets the renderer lays `cert` out on: the seal's `sheets` claim. */
  sheets(cert: Certificate): Promise<number>;
  /** The A4 PDF with the carrier (scrambled image) and the QR locator on the back of every sheet. */
  pdf(cert: Certificate, back: KioskBack, onProgress?: (fraction: number) => void): Promise<Uint8Array>;
  /** The front of the first sheet as RGBA pixels, for the preview. */
  preview(cert: Certificate): Promise<{ width: number; height: number; pixels: Uint8ClampedArray }>;
}

/** What the back of every sheet carries. */
export interface KioskBack {
  /** The seal, whitened with the locator's key, as the carrier symbol (src/carrier). */
  readonly carrier: CarrierSymbol;
  readonly qr: LocatorQr;
  /** The municipality's verifier URL, printed under the QR. */
  readonly verifierUrl: string;
  /** The tablet's pantograph profile (calibration sheet). */
  readonly printerProfile?: PrinterProfileId;
}

export interface IssuedCopy {
  /** 発行番号 as printed (key id prefix and serial). */
  readonly serial: string;
  readonly pdf: Uint8Array;
  readonly fileName: string;
  readonly sheets: number;
  /** What the issuance log knows of this copy: enough to void it if it does not print. */
  readonly logged: LoggedSheet;
}

/** A copy's issuance-log identity and its fee. */
export interface LoggedSheet {
  readonly serial: number;
  /** The issuing municipality, whose signer logs a void. */
  readonly issuer: number;
  readonly signerKid: Uint8Array;
  /** SHA-256 of the seal on the sheet. */
  readonly sealHash: Uint8Array;
  /** Yen, this copy. */
  readonly fee: number;
}

/** The stages of one copy, in order. */
export const ISSUING_STAGES = ['sign', 'carrier', 'pdf'] as const;
export type IssuingStage = (typeof ISSUING_STAGES)[number];
/**
 * Where each stage starts on a copy's bar (0–1): the PDF (render and assembly in the worker)
 * takes most of the time (bench kiosk-issue), signing and the carrier a little each.
 */
const STAGE_START: Readonly<Record<IssuingStage, number>> = { sign: 0, carrier: 0.15, pdf: 0.3 };

/** A copy's progress (0–1) at `fraction` (0–1) through `stage`. */
export function copyProgress(stage: IssuingStage, fraction: number): number {
  const next = ISSUING_STAGES[ISSUING_STAGES.indexOf(stage) + 1];
  const end = next ? STAGE_START[next] : 1;
  const start = STAGE_START[stage];
  return start + (end - start) * Math.min(1, Math.max(0, fraction));
}

/** What issuing needs from the tablet: part of `KioskDeps`, with the clock and the random source resolved. */
export interface IssuanceDeps {
  readonly signer: (municipality: number) => Promise<SealSigner>;
  readonly pdf: PdfService;
  readonly nextSerial: (municipality: number, signer: SealSigner) => Promise<number>;
  readonly appendLog: (record: IssuanceRecord, signer: SealSigner) => Promise<void>;
  readonly verifierUrl: string;
  readonly printerProfile?: PrinterProfileId;
  readonly now: () => Date;
  readonly random: (length: number) => Uint8Array;
}

/**
 * The resident's certificate for the chosen request, issued on `at`'s day, printing `serial`
 * with the signer key id `kid` (src/documents/seal-binding.ts `formatSerial`).
 */
export type BuildCertificate = (serial: number, at: Date, kid?: Uint8Array) => Promise<Certificate>;

export interface IssueOptions {
  /** Yen for this copy, logged with the payment place (the store's till). */
  readonly fee: number;
  readonly onProgress: (stage: IssuingStage, fraction: number) => void;
}

export async function issueCopy(deps: IssuanceDeps, build: BuildCertificate, { fee, onProgress }: IssueOptions): Promise<IssuedCopy> {
  onProgress('sign', 0);
  // The issuer (the 本籍地 for 戸籍) decides the signer and the serial counter.
  const probe = await build(0, deps.now());
  const issuerCode = Number(probe.issuer.code);
  const signer = await deps.signer(issuerCode);
  const { kid } = await decodeSignerCertificate(signer.certificate);
  const serial = await deps.nextSerial(issuerCode, signer);
  const issuedAtMs = deps.now().getTime();
  const cert = await build(serial, new Date(issuedAtMs), kid);
  const sheets = await deps.pdf.sheets(cert);
  // mintBack signs first and then draws the whitening key for the carrier (src/mint/mint.ts): that
  // draw is where the carrier stage begins.
  const random = (length: number) => (onProgress('carrier', 0), deps.random(length));
  const back = await mintBack({ certificate: cert, signer, serial, issuedAt: Math.floor(issuedAtMs / 1000), sheets, verifierUrl: deps.verifierUrl, random });
  onProgress('pdf', 0);
  const pdf = await deps.pdf.pdf(cert, { carrier: back.carrier, qr: back.qr, verifierUrl: deps.verifierUrl, printerProfile: deps.printerProfile }, (fraction) => onProgress('pdf', fraction));
  await deps.appendLog(
    { serial, certType: back.claims.certType, issuedAt: back.claims.issuedAt, signerKid: back.locator.kid, seal: back.seal, payment: { fee, payment: PaymentPlace.storeTill } },
    signer,
  );
  const logged: LoggedSheet = { serial, issuer: issuerCode, signerKid: back.locator.kid, sealHash: await sha256(back.seal), fee };
  return { serial: cert.serial, pdf, sheets, fileName: `kofu-${cert.kind}-${cert.issuer.code}-${cert.serial}.pdf`, logged };
}
