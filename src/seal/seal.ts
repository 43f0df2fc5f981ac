/**
 * The seal: a certificate's data in canonical CBOR, signed by the issuing tablet as COSE_Sign1
 * (RFC 9052 §4.2) with ES256, carrying the tablet's signer certificate. It is what the carrier
 * prints as the scrambled image and what the verifier checks.
 *
 * The seal knows nothing of certificate semantics: `content` is an opaque deterministic-CBOR value
 * supplied by the documents module, and `options` an opaque small map.
 *
 * Byte layout (docs/formats.md §1):
 *   COSE_Sign1 (untagged) = [
 *     protected:   bstr .cbor {1: -7, 4: kid (bstr 8)},
 *     unprotected: {-65537: signer certificate (bstr)},
 *     payload:     bstr .cbor {0: 1, 1: issuer, 2: issuedAt, 3: serial, 4: certType, 5: options (map),
 *                              6: sheets, 7: renderVersion, 8: content},
 *     signature:   bstr(64) r ‖ s ]
 */
import { bytesEqual, toHex } from '../bytes/bytes.ts';
import { KofuError, type LocalizedText } from '../bytes/errors.ts';
import { decodeCanonical, encodeCanonical, labelledMap, expectBytes, expectMap, expectOnlyKeys, expectUint, type CborMap, type CborValue } from './cbor.ts';
import { COSE_ALG_ES256, HEADER_SIGNER_CERTIFICATE, HeaderLabel, decodeSign1, signSign1, verifySign1, type Sign1 } from './cose.ts';
import { KEY_ID_BYTES, importPublicKey } from './ec.ts';
import { SealError, text, type SealErrorCode, type SealErrorParamsOf } from './errors.ts';
import { MAX_MUNICIPALITY_CODE, MAX_SIGNER_CERTIFICATE_BYTES, decodeSignerCertificate, verifySignerCertificate, type SignerCertificate } from './signer-certificate.ts';
import { isRevoked, trustListStatus, type TrustList, type TrustListStatus, type TrustedRoot } from './trust-list.ts';

export const SEAL_FORMAT_VERSION = 1;
/** Hard cap before any parsing: a six-person household is ≈ 2 kB; the carrier holds at most this. */
export const MAX_SEAL_BYTES = 4096;
export const MAX_SHEETS = 99;
export const MAX_OPTIONS_ENTRIES = 32;
/** Issue times up to this far in the verifier's future are tolerated (clock drift between devices). */
export const CLOCK_SKEW_SECONDS = 10 * 60;

/** The six certificate types (J-LIS コンビニ交付): small ints so the seal stays short. */
export const CertificateType = {
  /** 住民票の写し */
  juminhyo: 1,
  /** 住民票記載事項証明書 */
  juminhyoKisaiJiko: 2,
  /** 印鑑登録証明書 */
  inkanToroku: 3,
  /** 税証明書（各種） */
  zeiShomei: 4,
  /** 戸籍証明書（全部事項・個人事項） */
  koseki: 5,
  /** 戸籍の附票の写し */
  kosekiFuhyo: 6,
} as const;
export type CertificateTypeCode = (typeof CertificateType)[keyof typeof CertificateType];
const CERTIFICATE_TYPE_CODES: readonly number[] = Object.values(CertificateType);

export interface SealClaims {
  /** Issuing municipality's code (全国地方公共団体コード, 6 digits). */
  readonly issuer: number;
  /** Unix seconds. */
  readonly issuedAt: number;
  /** Issuance serial number, unique per issuer and signer. */
  readonly serial: number;
  readonly certType: CertificateTypeCode;
  /** Options chosen for the certificate (documents module's small integer-keyed map). */
  readonly options: CborMap;
  readonly sheets: number;
  /** Version of the renderer layout that must redraw `content`. */
  readonly renderVersion: number;
  /** Opaque deterministic CBOR from the documents module. */
  readonly content: CborValue;
}

export interface SealSigner {
  readonly privateKey: CryptoKey;
  /** The encoded signer certificate issued by the root for this key. */
  readonly certificate: Uint8Array;
}

const ClaimKey = { format: 0, issuer: 1, issuedAt: 2, serial: 3, certType: 4, options: 5, sheets: 6, renderVersion: 7, content: 8 } as const;
const WHAT = 'シール / seal';

function checkClaims(claims: SealClaims): void {
  const bad = (field: string) => new SealError('seal.bad-claims', { field });
  const uint = (v: number, max = Number.MAX_SAFE_INTEGER) => Number.isSafeInteger(v) && v >= 0 && v <= max;
  if (!uint(claims.issuer, MAX_MUNICIPALITY_CODE)) throw bad('issuer');
  if (!uint(claims.issuedAt)) throw bad('issuedAt');
  if (!uint(claims.serial)) throw bad('serial');
  if (!CERTIFICATE_TYPE_CODES.includes(claims.certType)) throw bad('certType');
  if (!(claims.options instanceof Map) || claims.options.size > MAX_OPTIONS_ENTRIES) throw bad('options');
  if (!uint(claims.sheets, MAX_SHEETS) || claims.sheets < 1) throw bad('sheets');
  if (!uint(claims.renderVersion, 0xffff)) throw bad('renderVersion');
}

export function encodeSealPayload(claims: SealClaims): Uint8Array {
  checkClaims(claims);
  return encodeCanonical(labelledMap(ClaimKey, { ...claims, format: SEAL_FORMAT_VERSION }));
}

/** Signs the claims with the tablet's key; the result is what the carrier prints. */
export async function signSeal(claims: SealClaims, signer: SealSigner): Promise<Uint8Array> {
  const certificate = await decodeSignerCertificate(signer.certificate);
  if (certificate.municipality !== claims.issuer) {
    throw new SealError('seal.issuer-mismatch', { when: 'signing' });
  }
  if (claims.issuedAt < certificate.notBefore || claims.issuedAt > certificate.notAfter) {
    // A seal signed now would be refused by every verifier: tell the clerk instead of printing it.
    throw new SealError('seal.signer-expired', {});
  }
  const payload = encodeSealPayload(claims);
  const seal = await signSign1(
    new Map<number, number | Uint8Array>([[HeaderLabel.alg, COSE_ALG_ES256], [HeaderLabel.kid, certificate.kid]]),
    new Map([[HEADER_SIGNER_CERTIFICATE, signer.certificate]]),
    payload,
    signer.privateKey,
  );
  if (seal.length > MAX_SEAL_BYTES) {
    throw new SealError('seal.too-large', { when: 'signing', bytes: seal.length, max: MAX_SEAL_BYTES });
  }
  return seal;
}

export interface DecodedSeal {
  readonly claims: SealClaims;
  readonly kid: Uint8Array;
  readonly certificate: SignerCertificate & { readonly sign1: Sign1 };
  readonly sign1: Sign1;
}

/** Strict structural decoding without any trust decision. Throws SealError. */
export async function decodeSeal(bytes: Uint8Array): Promise<DecodedSeal> {
  if (bytes.length > MAX_SEAL_BYTES) {
    throw new SealError('seal.too-large', { when: 'verifying' });
  }
  const sign1 = decodeSign1(bytes, WHAT);
  expectOnlyKeys(sign1.protectedHeader, [HeaderLabel.alg, HeaderLabel.kid], WHAT);
  expectOnlyKeys(sign1.unprotectedHeader, [HEADER_SIGNER_CERTIFICATE], WHAT);
  const kid = expectBytes(sign1.protectedHeader.get(HeaderLabel.kid), WHAT, 'kid', KEY_ID_BYTES);
  const certificateBytes = expectBytes(sign1.unprotectedHeader.get(HEADER_SIGNER_CERTIFICATE), WHAT, 'signer certificate');
  if (certificateBytes.length > MAX_SIGNER_CERTIFICATE_BYTES) throw new SealError('signer.too-large', { subject: 'certificate' });
  const map = expectMap(decodeCanonical(sign1.payload, WHAT), WHAT, 'payload');
  expectOnlyKeys(map, Object.values(ClaimKey), WHAT);
  if (map.get(ClaimKey.format) !== SEAL_FORMAT_VERSION) {
    throw new SealError('seal.unknown-format', {});
  }
  if (!map.has(ClaimKey.content)) throw new SealError('cbor.bad-shape', { problem: 'no-content' });
  const claims: SealClaims = {
    issuer: expectUint(map.get(ClaimKey.issuer), WHAT, 'issuer', MAX_MUNICIPALITY_CODE),
    issuedAt: expectUint(map.get(ClaimKey.issuedAt), WHAT, 'issuedAt'),
    serial: expectUint(map.get(ClaimKey.serial), WHAT, 'serial'),
    certType: expectUint(map.get(ClaimKey.certType), WHAT, 'certType') as CertificateTypeCode,
    options: expectMap(map.get(ClaimKey.options), WHAT, 'options'),
    sheets: expectUint(map.get(ClaimKey.sheets), WHAT, 'sheets', MAX_SHEETS),
    renderVersion: expectUint(map.get(ClaimKey.renderVersion), WHAT, 'renderVersion', 0xffff),
    content: map.get(ClaimKey.content) as CborValue,
  };
  checkClaims(claims);
  const certificate = await decodeSignerCertificate(certificateBytes);
  return { claims, kid, certificate, sign1 };
}

// ---- verification -----------------------------------------------------------------------------

export interface VerifyOptions {
  /** Demo roots are trusted only when true; every demo verdict says デモ. */
  readonly demoMode: boolean;
  /** Render versions this verifier can redraw. */
  readonly supportedRenderVersions: readonly number[];
  /** Unix seconds; defaults to the device clock. */
  readonly now?: number;
}

export type SealWarningCode = 'demo' | 'trust-list-stale';
/**
 * The demo warning carries its own words (a notice, not an error); the stale warning carries the
 * trust list's status, whose code and params the UI words through its catalogue.
 */
export type SealWarning = { readonly code: 'demo'; readonly text: LocalizedText } | { readonly code: 'trust-list-stale'; readonly status: TrustListStatus };

export interface SealValid {
  readonly ok: true;
  readonly demo: boolean;
  readonly claims: SealClaims;
  readonly signer: SignerCertificate;
  readonly root: TrustedRoot;
  readonly warnings: readonly SealWarning[];
  readonly reason: LocalizedText;
}

export interface SealInvalid {
  readonly ok: false;
  /** Stable code of the failure, e.g. `seal.bad-signature`, `cbor.non-canonical`. */
  readonly code: string;
  /** True when the seal was refused as a demo seal (its words start with 【デモ】 / [DEMO]). */
  readonly demo: boolean;
  /** Its code and params: the UI words them through the error catalogue. */
  readonly error: KofuError;
}

export type SealVerdict = SealValid | SealInvalid;

const DEMO_WARNING: SealWarning = {
  code: 'demo',
  text: text('【デモ】これはデモ自治体の証明書です。実在の証明書ではありません。', '[DEMO] This certificate is from the demo municipality. It is not a real certificate.'),
};

function invalid(error: unknown, demo = false): SealInvalid {
  const kofu =
    error instanceof KofuError
      ? error
      : new SealError('seal.malformed', {}, { cause: error });
  return { ok: false, code: kofu.code, demo, error: kofu };
}

const fail = <Code extends SealErrorCode>(code: Code, params: SealErrorParamsOf<Code>) => new SealError(code, params);

/**
 * Verifies a seal against a trust list that was already opened (signature-checked) by
 * `openTrustList`. Never throws for bad input: every failure is an invalid verdict with a typed
 * error. Checks, in order: strict structure; the signer certificate's chain to a trusted root of
 * the issuer; the seal's signature; then policy (demo mode, revocation, validity at issue time,
 * issue time not in the future, render version).
 */
export async function verifySeal(bytes: Uint8Array, trustList: TrustList, options: VerifyOptions): Promise<SealVerdict> {
  try {
    return await verifySealOrThrow(bytes, trustList, options);
  } catch (error) {
    const demo = error instanceof DemoRefusal;
    return invalid(demo ? error.inner : error, demo);
  }
}

class DemoRefusal extends Error {
  constructor(readonly inner: SealError) {
    super(inner.message);
  }
}

async function verifySealOrThrow(bytes: Uint8Array, trustList: TrustList, options: VerifyOptions): Promise<SealVerdict> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const { claims, kid, certificate, sign1 } = await decodeSeal(bytes);

  if (!bytesEqual(kid, certificate.kid)) {
    throw fail('seal.kid-mismatch', {});
  }
  if (certificate.municipality !== claims.issuer) {
    throw fail('seal.issuer-mismatch', { when: 'verifying' });
  }
  const candidates = trustList.roots.filter((root) => root.municipality === certificate.municipality);
  if (candidates.length === 0) {
    throw fail('seal.unknown-issuer', { issuer: claims.issuer });
  }
  let root: TrustedRoot | undefined;
  for (const candidate of candidates) {
    if (await verifySignerCertificate(certificate, await importPublicKey(candidate.publicKey))) {
      root = candidate;
      break;
    }
  }
  if (!root) {
    throw fail('seal.signer-not-certified', {});
  }
  if (!(await verifySign1(sign1, await importPublicKey(certificate.publicKey)))) {
    throw fail('seal.bad-signature', {});
  }

  // From here on the data is authentic; what remains is policy.
  const demo = root.demo;
  const refuse = <Code extends SealErrorCode>(code: Code, params: SealErrorParamsOf<Code>): never => {
    const error = fail(code, params);
    throw demo ? new DemoRefusal(error) : error;
  };
  if (demo && !options.demoMode) {
    refuse('seal.demo-outside-demo-mode', {});
  }
  const revoked = isRevoked(trustList, certificate.kid);
  if (revoked) {
    refuse('seal.signer-revoked', { kid: toHex(certificate.kid) });
  }
  if (claims.issuedAt < certificate.notBefore || claims.issuedAt > certificate.notAfter || claims.issuedAt < root.notBefore || claims.issuedAt > root.notAfter) {
    refuse('seal.outside-validity', {});
  }
  if (claims.issuedAt > now + CLOCK_SKEW_SECONDS) {
    refuse('seal.issued-in-future', {});
  }
  if (!options.supportedRenderVersions.includes(claims.renderVersion)) {
    refuse('seal.unsupported-render-version', { renderVersion: claims.renderVersion });
  }

  const warnings: SealWarning[] = [];
  if (demo) warnings.push(DEMO_WARNING);
  const status = trustListStatus(trustList, now);
  if (status.stale) warnings.push({ code: 'trust-list-stale', status });
  const prefix = demo ? text('【デモ】', '[DEMO] ') : text('', '');
  return {
    ok: true,
    demo,
    claims,
    signer: certificate,
    root,
    warnings,
    reason: text(
      `${prefix.ja}${root.name}が発行した正規の証明書データです（署名有効）。`,
      `${prefix.en}Genuine certificate data issued by ${root.name} (signature valid).`,
    ),
  };
}
