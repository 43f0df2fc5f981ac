/**
 * Checking WebAuthn responses locally (W3C Web Authentication Level 3), with no server: kofu is
 * its own relying party, so the checks a server would make (§7.1 registration, §7.2
 * authentication) are made here, over bytes, with WebCrypto.
 *
 * Registration keeps the credential's COSE public key (RFC 9052 §7) from the attested credential
 * data. Attestation statements are not verified: the staff member registering the passkey is the
 * one setting up the device (docs/security.md, "Staff access"), so kofu asks for `attestation:
 * 'none'` and trusts the key it is handed at setup.
 */
import { bytesEqual, concatBytes, sha256 } from '../bytes/bytes.ts';
import { decodeCanonical, isMap, type CborMap, type CborValue } from '../seal/cbor.ts';
import { cborItemEnd } from './cbor-item.ts';
import { passkeyRefused } from './errors.ts';

// ---- authenticator data (WebAuthn §6.1) -----------------------------------------------------

const RP_ID_HASH_BYTES = 32;
const FLAGS_OFFSET = 32;
const SIGN_COUNT_OFFSET = 33;
const ATTESTED_DATA_OFFSET = 37;
const AAGUID_BYTES = 16;
const CREDENTIAL_ID_LENGTH_BYTES = 2;
/** §5.8.3: credential ids are at most 1023 bytes. */
const MAX_CREDENTIAL_ID_BYTES = 1023;

/** The flags byte (§6.1, table "flags"). */
export const AuthenticatorFlag = {
  userPresent: 0x01,
  userVerified: 0x04,
  backupEligible: 0x08,
  backedUp: 0x10,
  attestedCredentialData: 0x40,
  extensionData: 0x80,
} as const;

export interface AttestedCredential {
  readonly aaguid: Uint8Array;
  readonly id: Uint8Array;
  /** The COSE_Key, exactly as the authenticator encoded it. */
  readonly publicKey: Uint8Array;
}

export interface AuthenticatorData {
  readonly rpIdHash: Uint8Array;
  readonly flags: number;
  readonly signCount: number;
  readonly credential?: AttestedCredential;
}

export function parseAuthenticatorData(bytes: Uint8Array): AuthenticatorData {
  if (bytes.length < ATTESTED_DATA_OFFSET) throw passkeyRefused('authenticator data too short');
  const flags = bytes[FLAGS_OFFSET];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signCount = view.getUint32(SIGN_COUNT_OFFSET, false);
  const data = { rpIdHash: bytes.slice(0, RP_ID_HASH_BYTES), flags, signCount };
  if (!(flags & AuthenticatorFlag.attestedCredentialData)) {
    if (bytes.length > ATTESTED_DATA_OFFSET && !(flags & AuthenticatorFlag.extensionData)) throw passkeyRefused('authenticator data has trailing bytes');
    return data;
  }
  const idLengthAt = ATTESTED_DATA_OFFSET + AAGUID_BYTES;
  if (bytes.length < idLengthAt + CREDENTIAL_ID_LENGTH_BYTES) throw passkeyRefused('attested credential data too short');
  const idLength = view.getUint16(idLengthAt, false);
  const idAt = idLengthAt + CREDENTIAL_ID_LENGTH_BYTES;
  if (idLength === 0 || idLength > MAX_CREDENTIAL_ID_BYTES || bytes.length < idAt + idLength) throw passkeyRefused('credential id length');
  const keyAt = idAt + idLength;
  const keyEnd = cborItemEnd(bytes, keyAt);
  if (keyEnd < bytes.length && !(flags & AuthenticatorFlag.extensionData)) throw passkeyRefused('authenticator data has trailing bytes');
  return {
    ...data,
    credential: { aaguid: bytes.slice(ATTESTED_DATA_OFFSET, idLengthAt), id: bytes.slice(idAt, keyAt), publicKey: bytes.slice(keyAt, keyEnd) },
  };
}

// ---- attestation object (§6.5) --------------------------------------------------------------

export interface AttestationObject {
  readonly fmt: string;
  readonly authData: Uint8Array;
}

/**
 * A CTAP2 canonical CBOR map (CTAP 2.1 §8 "CTAP2 canonical CBOR encoding form"); anything else is
 * the one passkey refusal, `what` naming the structure for staff and logs.
 */
function canonicalMap(bytes: Uint8Array, what: string): CborMap {
  let value: CborValue;
  try {
    value = decodeCanonical(bytes, what);
  } catch (cause) {
    throw passkeyRefused(`${what} is not CTAP2 canonical CBOR`, cause);
  }
  if (!isMap(value)) throw passkeyRefused(`${what} is not a map`);
  return value;
}

export function parseAttestationObject(bytes: Uint8Array): AttestationObject {
  const value = canonicalMap(bytes, 'attestation object');
  const fmt = value.get('fmt');
  const authData = value.get('authData');
  if (typeof fmt !== 'string' || !(authData instanceof Uint8Array) || !isMap(value.get('attStmt') ?? null)) throw passkeyRefused('attestation object fields');
  return { fmt, authData };
}

// ---- client data (§5.8.1) -------------------------------------------------------------------

export interface ClientData {
  readonly type: string;
  readonly challenge: string;
  readonly origin: string;
  readonly crossOrigin?: boolean;
}

export function parseClientData(json: Uint8Array): ClientData {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch (cause) {
    throw passkeyRefused('client data is not JSON', cause);
  }
  const data = value as Partial<ClientData> | null;
  if (typeof data !== 'object' || data === null || typeof data.type !== 'string' || typeof data.challenge !== 'string' || typeof data.origin !== 'string') {
    throw passkeyRefused('client data fields');
  }
  return data as ClientData;
}

/** base64url without padding (RFC 4648 §5), as clientDataJSON carries the challenge. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** What this relying party asked for: the checks of §7.1 steps 7–9 and §7.2 steps 11–13. */
export interface Expectation {
  readonly challenge: Uint8Array;
  readonly origin: string;
  readonly rpId: string;
}

function checkClientData(data: ClientData, type: 'webauthn.create' | 'webauthn.get', expected: Expectation): void {
  if (data.type !== type) throw passkeyRefused('wrong type');
  if (data.challenge !== toBase64Url(expected.challenge)) throw passkeyRefused('wrong challenge');
  if (data.origin !== expected.origin) throw passkeyRefused('wrong origin');
  if (data.crossOrigin === true) throw passkeyRefused('cross-origin');
}

async function checkAuthenticatorData(data: AuthenticatorData, rpId: string): Promise<void> {
  if (!bytesEqual(data.rpIdHash, await sha256(new TextEncoder().encode(rpId)))) throw passkeyRefused('wrong relying party');
  if (!(data.flags & AuthenticatorFlag.userPresent)) throw passkeyRefused('user not present');
  // kofu always asks for userVerification 'required': a PIN or biometric on the authenticator.
  if (!(data.flags & AuthenticatorFlag.userVerified)) throw passkeyRefused('user not verified');
}

// ---- COSE keys (RFC 9052 §7, RFC 9053 §2.1 and §7.1, RFC 8230 §4) ----------------------------

const COSE_KTY = 1;
const COSE_ALG = 3;
const COSE_EC2_CRV = -1;
const COSE_EC2_X = -2;
const COSE_EC2_Y = -3;
const COSE_RSA_N = -1;
const COSE_RSA_E = -2;
const KTY_EC2 = 2;
const KTY_RSA = 3;
const CRV_P256 = 1;
const P256_COORDINATE_BYTES = 32;
/** An RSA modulus shorter than 2048 bits is refused (NIST SP 800-131A). */
const MIN_RSA_MODULUS_BYTES = 256;

/** COSE algorithm identifiers kofu accepts, in its order of preference (IANA COSE Algorithms). */
export const CoseAlgorithm = { ES256: -7, RS256: -257 } as const;
export type CoseAlgorithm = (typeof CoseAlgorithm)[keyof typeof CoseAlgorithm];

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const RSA_PKCS1_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export interface PasskeyPublicKey {
  readonly algorithm: CoseAlgorithm;
  readonly key: CryptoKey;
}

export async function importCoseKey(cose: Uint8Array): Promise<PasskeyPublicKey> {
  const key = canonicalMap(cose, 'COSE_Key');
  const bytesAt = (label: number, length?: number) => {
    const item = key.get(label);
    if (!(item instanceof Uint8Array) || (length !== undefined && item.length !== length)) throw passkeyRefused(`COSE_Key label ${label}`);
    return item;
  };
  const kty = key.get(COSE_KTY);
  const alg = key.get(COSE_ALG);
  try {
    if (kty === KTY_EC2 && alg === CoseAlgorithm.ES256 && key.get(COSE_EC2_CRV) === CRV_P256) {
      const point = concatBytes(Uint8Array.of(0x04), bytesAt(COSE_EC2_X, P256_COORDINATE_BYTES), bytesAt(COSE_EC2_Y, P256_COORDINATE_BYTES));
      return { algorithm: CoseAlgorithm.ES256, key: await crypto.subtle.importKey('raw', point as Uint8Array<ArrayBuffer>, ECDSA_P256, false, ['verify']) };
    }
    if (kty === KTY_RSA && alg === CoseAlgorithm.RS256) {
      const n = bytesAt(COSE_RSA_N);
      if (n.length < MIN_RSA_MODULUS_BYTES) throw passkeyRefused('RSA key too short');
      const jwk: JsonWebKey = { kty: 'RSA', n: toBase64Url(n), e: toBase64Url(bytesAt(COSE_RSA_E)), alg: 'RS256', ext: true };
      return { algorithm: CoseAlgorithm.RS256, key: await crypto.subtle.importKey('jwk', jwk, RSA_PKCS1_SHA256, false, ['verify']) };
    }
  } catch (cause) {
    if (cause instanceof Error && cause.name === 'StaffAccessError') throw cause;
    throw passkeyRefused('public key cannot be imported', cause);
  }
  throw passkeyRefused(`unsupported key type ${String(kty)} / algorithm ${String(alg)}`);
}

/**
 * WebAuthn ES256 signatures are DER `Ecdsa-Sig-Value` (§6.5.6, SEC 1 §C.5); WebCrypto verifies the
 * fixed-width r‖s form (IEEE P1363). Strict DER: minimal lengths, no surplus leading zeros.
 */
export function derToP1363(der: Uint8Array, coordinateBytes = P256_COORDINATE_BYTES): Uint8Array {
  const SEQUENCE = 0x30;
  const INTEGER = 0x02;
  const fail = () => passkeyRefused('signature is not DER ECDSA');
  if (der.length < 8 || der[0] !== SEQUENCE || der[1] !== der.length - 2 || der[1] >= 0x80) throw fail();
  const out = new Uint8Array(coordinateBytes * 2);
  let at = 2;
  for (let part = 0; part < 2; part++) {
    if (der[at] !== INTEGER) throw fail();
    const length = der[at + 1];
    let value = der.subarray(at + 2, at + 2 + length);
    if (length === 0 || value.length !== length || value[0] & 0x80) throw fail();
    if (value.length > 1 && value[0] === 0 && !(value[1] & 0x80)) throw fail();
    if (value[0] === 0) value = value.subarray(1);
    if (value.length > coordinateBytes) throw fail();
    out.set(value, (part + 1) * coordinateBytes - value.length);
    at += 2 + length;
  }
  if (at !== der.length) throw fail();
  return out;
}

async function signatureValid(publicKey: PasskeyPublicKey, signature: Uint8Array, signed: Uint8Array): Promise<boolean> {
  if (publicKey.algorithm === CoseAlgorithm.ES256) {
    return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey.key, derToP1363(signature) as Uint8Array<ArrayBuffer>, signed as Uint8Array<ArrayBuffer>);
  }
  return crypto.subtle.verify(RSA_PKCS1_SHA256, publicKey.key, signature as Uint8Array<ArrayBuffer>, signed as Uint8Array<ArrayBuffer>);
}

// ---- the two ceremonies -----------------------------------------------------------------------

export interface RegistrationResponse {
  readonly attestationObject: Uint8Array;
  readonly clientDataJSON: Uint8Array;
}

export interface RegisteredPasskey {
  readonly id: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly algorithm: CoseAlgorithm;
  readonly signCount: number;
  /** A synced (multi-device) passkey: its counter stays 0 and it may exist beyond this tablet. */
  readonly backupEligible: boolean;
}

/** §7.1: checks a `navigator.credentials.create` response and returns the credential to store. */
export async function verifyRegistration(response: RegistrationResponse, expected: Expectation): Promise<RegisteredPasskey> {
  checkClientData(parseClientData(response.clientDataJSON), 'webauthn.create', expected);
  const { authData } = parseAttestationObject(response.attestationObject);
  const data = parseAuthenticatorData(authData);
  await checkAuthenticatorData(data, expected.rpId);
  if (!data.credential) throw passkeyRefused('no attested credential');
  const { algorithm } = await importCoseKey(data.credential.publicKey);
  return {
    id: data.credential.id,
    publicKey: data.credential.publicKey,
    algorithm,
    signCount: data.signCount,
    backupEligible: (data.flags & AuthenticatorFlag.backupEligible) !== 0,
  };
}

export interface AssertionResponse {
  readonly credentialId: Uint8Array;
  readonly authenticatorData: Uint8Array;
  readonly clientDataJSON: Uint8Array;
  readonly signature: Uint8Array;
}

export interface StoredPasskeyKey {
  readonly id: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly signCount: number;
}

/** §7.2: checks a `navigator.credentials.get` response against the stored key; returns the new sign counter. */
export async function verifyAssertion(response: AssertionResponse, stored: StoredPasskeyKey, expected: Expectation): Promise<{ signCount: number }> {
  if (!bytesEqual(response.credentialId, stored.id)) throw passkeyRefused('unknown credential');
  const clientDataHash = await sha256(response.clientDataJSON);
  checkClientData(parseClientData(response.clientDataJSON), 'webauthn.get', expected);
  const data = parseAuthenticatorData(response.authenticatorData);
  await checkAuthenticatorData(data, expected.rpId);
  const publicKey = await importCoseKey(stored.publicKey);
  if (!(await signatureValid(publicKey, response.signature, concatBytes(response.authenticatorData, clientDataHash)))) throw passkeyRefused('bad signature');
  // §6.1.1: a counter that does not grow means a cloned authenticator (both 0: it keeps none).
  if ((data.signCount !== 0 || stored.signCount !== 0) && data.signCount <= stored.signCount) throw passkeyRefused('sign counter did not increase');
  return { signCount: data.signCount };
}
