/**
 * The compact document-signer certificate: a municipality root vouches for one issuing tablet's
 * key. Like ICAO VDS-NC it travels inside every seal, so a verifier needs only the roots.
 *
 * Byte layout (docs/formats.md §2), an untagged COSE_Sign1 signed by the root:
 *   protected   = h'A10126'                       {1: -7}
 *   unprotected = {}
 *   payload     = bstr .cbor [ 1, deviceId: tstr (≤ 32), municipality: uint, notBefore: uint, notAfter: uint, publicKey: bstr(33) ]
 *   signature   = bstr(64)
 * Times are Unix seconds. The signer's key id (kid) is SHA-256(publicKey)[0..8]: it is derived,
 * not stored, so it cannot disagree with the key.
 */
import { decodeCanonical, encodeCanonical, expectArray, expectBytes, expectOnlyKeys, expectText, expectUint } from './cbor.ts';
import { COSE_ALG_ES256, HeaderLabel, decodeSign1, signSign1, verifySign1 } from './cose.ts';
import { COMPRESSED_KEY_BYTES, decompressPublicKey, exportCompressedPublicKey, importPublicKey, keyIdOf } from './ec.ts';
import { SealError } from './errors.ts';

export const SIGNER_CERTIFICATE_VERSION = 1;
export const MAX_DEVICE_ID_LENGTH = 32;
export const MAX_SIGNER_CERTIFICATE_BYTES = 256;
/** Municipality codes (全国地方公共団体コード) are six digits including the check digit. */
export const MAX_MUNICIPALITY_CODE = 999_999;

export interface SignerCertificate extends Validity {
  readonly deviceId: string;
  readonly municipality: number;
  /** Compressed SEC 1 point, 33 bytes. */
  readonly publicKey: Uint8Array;
  /** SHA-256(publicKey)[0..8]. */
  readonly kid: Uint8Array;
  /** The encoded certificate, as embedded in seals. */
  readonly bytes: Uint8Array;
}

/** When a key may sign (a signer certificate, a trust list's root): Unix seconds, both ends inclusive. */
export interface Validity {
  readonly notBefore: number;
  readonly notAfter: number;
}

export interface SignerCertificateRequest extends Validity {
  readonly deviceId: string;
  readonly municipality: number;
  readonly publicKey: CryptoKey | Uint8Array;
}

const WHAT = '署名者証明書 / signer certificate';

/** Run on the admin device holding the root key. */
export async function issueSignerCertificate(request: SignerCertificateRequest, rootPrivateKey: CryptoKey): Promise<Uint8Array> {
  const publicKey = request.publicKey instanceof Uint8Array ? request.publicKey : await exportCompressedPublicKey(request.publicKey);
  decompressPublicKey(publicKey); // refuses a key that is not a P-256 point
  if (request.deviceId.length === 0 || request.deviceId.length > MAX_DEVICE_ID_LENGTH) {
    throw new SealError('signer.bad-device-id', { max: MAX_DEVICE_ID_LENGTH });
  }
  if (!(request.notBefore <= request.notAfter) || !Number.isSafeInteger(request.notBefore) || !Number.isSafeInteger(request.notAfter) || request.notBefore < 0) {
    throw new SealError('signer.bad-validity', {});
  }
  if (!Number.isSafeInteger(request.municipality) || request.municipality < 0 || request.municipality > MAX_MUNICIPALITY_CODE) {
    throw new SealError('signer.bad-municipality', {});
  }
  const payload = encodeCanonical([SIGNER_CERTIFICATE_VERSION, request.deviceId, request.municipality, request.notBefore, request.notAfter, publicKey]);
  return signSign1(new Map([[HeaderLabel.alg, COSE_ALG_ES256]]), new Map(), payload, rootPrivateKey);
}

/** Parses strictly; does not check the root's signature (see `verifySignerCertificate`). */
export async function decodeSignerCertificate(bytes: Uint8Array): Promise<SignerCertificate & { readonly sign1: ReturnType<typeof decodeSign1> }> {
  if (bytes.length > MAX_SIGNER_CERTIFICATE_BYTES) {
    throw new SealError('signer.too-large', { subject: 'certificate' });
  }
  const sign1 = decodeSign1(bytes, WHAT);
  expectOnlyKeys(sign1.protectedHeader, [HeaderLabel.alg], WHAT);
  expectOnlyKeys(sign1.unprotectedHeader, [], WHAT);
  const fields = expectArray(decodeCanonical(sign1.payload, WHAT), WHAT, 'payload', 6);
  if (fields[0] !== SIGNER_CERTIFICATE_VERSION) {
    throw new SealError('signer.unknown-version', { subject: 'certificate' });
  }
  const deviceId = expectText(fields[1], WHAT, 'deviceId', MAX_DEVICE_ID_LENGTH);
  const municipality = expectUint(fields[2], WHAT, 'municipality', MAX_MUNICIPALITY_CODE);
  const notBefore = expectUint(fields[3], WHAT, 'notBefore');
  const notAfter = expectUint(fields[4], WHAT, 'notAfter');
  const publicKey = expectBytes(fields[5], WHAT, 'publicKey', COMPRESSED_KEY_BYTES);
  return { deviceId, municipality, notBefore, notAfter, publicKey, kid: await keyIdOf(publicKey), bytes, sign1 };
}

export async function verifySignerCertificate(certificate: { readonly sign1: ReturnType<typeof decodeSign1> }, rootPublicKey: CryptoKey): Promise<boolean> {
  return verifySign1(certificate.sign1, rootPublicKey);
}

// ---- signer request: how a tablet's public key reaches the admin device ------------------------

/**
 * A tablet asks the root for a certificate with a request signed by its own new key (proof of
 * possession: nobody can get a certificate for a key they do not hold). Carried by file or QR.
 *   COSE_Sign1 { protected {1: -7}, unprotected {}, payload [1, deviceId, municipality, publicKey (bstr 33), createdAt] }
 */
export interface SignerRequest {
  readonly deviceId: string;
  readonly municipality: number;
  readonly publicKey: Uint8Array;
  readonly kid: Uint8Array;
  readonly createdAt: number;
}

const REQUEST_WHAT = '証明書発行申請 / signer request';
export const MAX_SIGNER_REQUEST_BYTES = 256;

export async function createSignerRequest(keyPair: CryptoKeyPair, deviceId: string, municipality: number, nowSeconds: number): Promise<Uint8Array> {
  if (deviceId.length === 0 || deviceId.length > MAX_DEVICE_ID_LENGTH) {
    throw new SealError('signer.bad-device-id', { max: MAX_DEVICE_ID_LENGTH });
  }
  const publicKey = await exportCompressedPublicKey(keyPair.publicKey);
  return signSign1(new Map([[HeaderLabel.alg, COSE_ALG_ES256]]), new Map(), encodeCanonical([SIGNER_CERTIFICATE_VERSION, deviceId, municipality, publicKey, nowSeconds]), keyPair.privateKey);
}

/** Parses a request and checks that it was signed by the key it asks to certify. */
export async function openSignerRequest(bytes: Uint8Array): Promise<SignerRequest> {
  if (bytes.length > MAX_SIGNER_REQUEST_BYTES) throw new SealError('signer.too-large', { subject: 'request' });
  const sign1 = decodeSign1(bytes, REQUEST_WHAT);
  expectOnlyKeys(sign1.protectedHeader, [HeaderLabel.alg], REQUEST_WHAT);
  expectOnlyKeys(sign1.unprotectedHeader, [], REQUEST_WHAT);
  const fields = expectArray(decodeCanonical(sign1.payload, REQUEST_WHAT), REQUEST_WHAT, 'payload', 5);
  if (fields[0] !== SIGNER_CERTIFICATE_VERSION) throw new SealError('signer.unknown-version', { subject: 'request' });
  const request = {
    deviceId: expectText(fields[1], REQUEST_WHAT, 'deviceId', MAX_DEVICE_ID_LENGTH),
    municipality: expectUint(fields[2], REQUEST_WHAT, 'municipality', MAX_MUNICIPALITY_CODE),
    publicKey: expectBytes(fields[3], REQUEST_WHAT, 'publicKey', COMPRESSED_KEY_BYTES),
    createdAt: expectUint(fields[4], REQUEST_WHAT, 'createdAt'),
  };
  if (!(await verifySign1(sign1, await importPublicKey(request.publicKey)))) {
    throw new SealError('signer.bad-request-signature', {});
  }
  return { ...request, kid: await keyIdOf(request.publicKey) };
}
