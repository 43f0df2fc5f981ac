/**
 * The back of a sheet, minted: the one path from an issued certificate and the tablet's signer to
 * what the back of every sheet carries (docs/formats.md):
 *   - the seal: the certificate's claims and content signed as COSE_Sign1 (RFC 9052 §4.2, §1);
 *   - the QR locator: issuer, signer kid, serial and a fresh whitening key (§3);
 *   - the carrier (scrambled image): the seal whitened with the locator's key (§4).
 * The kiosk issues with it, and the verifier's fixtures and the benchmarks make their sheets with
 * it, so what they verify is what the kiosk prints.
 *
 * It sits above documents, seal and carrier (neither of which knows the others) and below app/.
 * No globals: the random source comes in, so a test can fix the whitening key.
 */
import { CAMERA_PROFILE, encodeCarrier, FLATBED_PROFILE, type CarrierProfile, type CarrierSymbol } from '../carrier/index.ts';
import { toSealContent } from '../documents/codec.ts';
import { CERT_TYPE_CODE, sealOptionsOf } from '../documents/seal-binding.ts';
import type { Certificate } from '../documents/types.ts';
import { encodeLocator, locatorQr, LOCATOR_VERSION, WHITENING_KEY_BYTES, type Locator, type LocatorQr } from '../seal/locator.ts';
import { signSeal, type SealClaims, type SealSigner } from '../seal/seal.ts';
import { decodeSignerCertificate } from '../seal/signer-certificate.ts';

import { MAX_PRINTED_CARRIER_MM } from '../pdf/back-layout.ts';

/**
 * Printed for a phone photo of the whole back and a 300 dpi scan alike (0.85 mm modules, 10 px at
 * 300 dpi, 5 px at a 150 dpi photo); docs/carrier.md compares the profiles.
 */
export const PRINTED_CARRIER_PROFILE: CarrierProfile = CAMERA_PROFILE;
/**
 * A seal too large for PRINTED_CARRIER_PROFILE in the back's carrier box (a large household) is
 * printed with 0.42 mm modules: a 300 dpi scan reads it, a phone needs a close-up.
 */
export const FALLBACK_CARRIER_PROFILE: CarrierProfile = FLATBED_PROFILE;

/** The carrier as the back prints it: the photo-friendly profile when it fits the box, else the scan profile. */
export function encodePrintedCarrier(seal: Uint8Array, whiteningKey: Uint8Array): CarrierSymbol {
  const symbol = encodeCarrier(seal, whiteningKey, PRINTED_CARRIER_PROFILE);
  return symbol.sideMm <= MAX_PRINTED_CARRIER_MM ? symbol : encodeCarrier(seal, whiteningKey, FALLBACK_CARRIER_PROFILE);
}

export interface MintRequest {
  /** The certificate as issued: its issuer, kind, options, render version and content are signed. */
  readonly certificate: Certificate;
  /** The tablet's key and signer certificate for the certificate's issuer. */
  readonly signer: SealSigner;
  /** The issuance serial; the certificate prints it as `formatSerial(serial)`. */
  readonly serial: number;
  /** Unix seconds; falls on the certificate's `issuedOn` (JST). */
  readonly issuedAt: number;
  /** Sheets the renderer lays the certificate out on (the seal's `sheets` claim). */
  readonly sheets: number;
  /** The verifier URL the QR opens (≤ 47 characters, src/seal/locator.ts). */
  readonly verifierUrl: string;
  /** `length` fresh random bytes: the whitening key. */
  readonly random: (length: number) => Uint8Array;
}

export interface MintedBack {
  readonly claims: SealClaims;
  /** The signed seal: what the carrier encodes and the issuance log keeps. */
  readonly seal: Uint8Array;
  readonly locator: Locator;
  /** The locator as the QR's text: the verifier URL with the locator digits. */
  readonly locatorText: string;
  readonly qr: LocatorQr;
  /** The seal whitened with `locator.whiteningKey` (encodePrintedCarrier). */
  readonly carrier: CarrierSymbol;
}

/** Signs the certificate's seal and derives the locator, its QR symbol and the carrier from it. */
export async function mintBack(request: MintRequest): Promise<MintedBack> {
  const { certificate, signer, serial, issuedAt, sheets } = request;
  const issuer = Number(certificate.issuer.code);
  const claims: SealClaims = {
    issuer,
    issuedAt,
    serial,
    certType: CERT_TYPE_CODE[certificate.kind],
    options: sealOptionsOf(certificate),
    sheets,
    renderVersion: certificate.renderVersion,
    content: toSealContent(certificate),
  };
  // Signed first: a signer that cannot sign for this issuer now is refused before a key is drawn.
  const seal = await signSeal(claims, signer);
  const { kid } = await decodeSignerCertificate(signer.certificate);
  const whiteningKey = request.random(WHITENING_KEY_BYTES);
  const locator: Locator = { version: LOCATOR_VERSION, issuer, kid, serial, whiteningKey };
  const locatorText = encodeLocator(locator, request.verifierUrl);
  const qr = locatorQr(locatorText);
  // The carrier's whitening key is the one the QR locator carries (docs/formats.md §4).
  const carrier = encodePrintedCarrier(seal, whiteningKey);
  return { claims, seal, locator, locatorText, qr, carrier };
}
