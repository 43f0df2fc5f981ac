/**
 * Issuing one copy at the kiosk: the signer and the next serial for the issuing municipality, the
 * certificate with that serial, its seal, QR locator and carrier through the one mint path
 * (src/mint/mint.ts), the PDF, and the issuance-log entry.
 */
import type { Certificate } from '../documents/types.ts';
import type { CarrierSymbol } from '../carrier/index.ts';
import { mintBack } from '../mint/mint.ts';
import type { IssuanceRecord } from '../seal/audit-log.ts';
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
  readonly serial: string;
  readonly pdf: Uint8Array;
  readonly fileName: string;
  readonly sheets: number;
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

export async function issueCopy(deps: IssuanceDeps, build: BuildCertificate, onProgress: (fraction: number) => void): Promise<IssuedCopy> {
  // The issuer (the 本籍地 for 戸籍) decides the signer and the serial counter.
  const probe = await build(0, deps.now());
  const issuerCode = Number(probe.issuer.code);
  const signer = await deps.signer(issuerCode);
  const { kid } = await decodeSignerCertificate(signer.certificate);
  const serial = await deps.nextSerial(issuerCode, signer);
  const issuedAtMs = deps.now().getTime();
  const cert = await build(serial, new Date(issuedAtMs), kid);
  const sheets = await deps.pdf.sheets(cert);
  const back = await mintBack({ certificate: cert, signer, serial, issuedAt: Math.floor(issuedAtMs / 1000), sheets, verifierUrl: deps.verifierUrl, random: deps.random });
  const pdf = await deps.pdf.pdf(cert, { carrier: back.carrier, qr: back.qr, verifierUrl: deps.verifierUrl, printerProfile: deps.printerProfile }, onProgress);
  await deps.appendLog({ serial, certType: back.claims.certType, issuedAt: back.claims.issuedAt, signerKid: back.locator.kid, seal: back.seal }, signer);
  return { serial: cert.serial, pdf, sheets, fileName: `kofu-${cert.kind}-${cert.issuer.code}-${cert.serial}.pdf` };
}
