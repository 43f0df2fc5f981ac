/**
 * A software authenticator for tests: makes the bytes a CTAP2 authenticator and the browser
 * would hand back for `navigator.credentials.create/get` (WebAuthn §6.1, §6.5, §5.8.1), over a
 * WebCrypto key pair, so the checks in webauthn.ts can be exercised field by field. Test-only:
 * nothing in production imports it.
 */
import { concatBytes, sha256 } from '../../bytes/bytes.ts';
import { encodeCanonical, type CborValue } from '../../seal/cbor.ts';
import { AuthenticatorFlag, CoseAlgorithm, toBase64Url, type AssertionResponse, type Expectation, type RegistrationResponse } from '../webauthn.ts';

export const TEST_RP = { rpId: 'kofu.example', origin: 'https://kofu.example' } as const;

export function expectation(challenge: Uint8Array): Expectation {
  return { challenge, ...TEST_RP };
}

export interface Overrides {
  readonly type?: string;
  readonly origin?: string;
  readonly challenge?: Uint8Array;
  readonly rpId?: string;
  readonly flags?: number;
  readonly signCount?: number;
}

/** P1363 r‖s → DER Ecdsa-Sig-Value, as authenticators send ES256 signatures. */
export function p1363ToDer(raw: Uint8Array): Uint8Array {
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    let body = bytes.subarray(start);
    if (body[0] & 0x80) body = concatBytes(Uint8Array.of(0), body);
    return concatBytes(Uint8Array.of(0x02, body.length), body);
  };
  const body = concatBytes(integer(raw.subarray(0, 32)), integer(raw.subarray(32)));
  return concatBytes(Uint8Array.of(0x30, body.length), body);
}

const UP_UV = AuthenticatorFlag.userPresent | AuthenticatorFlag.userVerified;

export class TestAuthenticator {
  readonly credentialId = crypto.getRandomValues(new Uint8Array(16));
  signCount = 0;
  private constructor(
    private readonly keys: CryptoKeyPair,
    readonly algorithm: CoseAlgorithm,
    /** Counts up per assertion (a security key) or stays at 0 (a synced passkey). */
    private readonly counting: boolean,
  ) {}

  static async es256(options: { counting?: boolean } = {}): Promise<TestAuthenticator> {
    const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    return new TestAuthenticator(keys, CoseAlgorithm.ES256, options.counting ?? true);
  }

  static async rs256(): Promise<TestAuthenticator> {
    const keys = await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    return new TestAuthenticator(keys, CoseAlgorithm.RS256, true);
  }

  async coseKey(): Promise<Uint8Array> {
    const jwk = await crypto.subtle.exportKey('jwk', this.keys.publicKey);
    const bytes = (b64url: string | undefined) => Uint8Array.from(atob(b64url!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const map =
      this.algorithm === CoseAlgorithm.ES256
        ? new Map<number, CborValue>([[1, 2], [3, -7], [-1, 1], [-2, bytes(jwk.x)], [-3, bytes(jwk.y)]])
        : new Map<number, CborValue>([[1, 3], [3, -257], [-1, bytes(jwk.n)], [-2, bytes(jwk.e)]]);
    return encodeCanonical(map);
  }

  private clientData(type: string, challenge: Uint8Array, o: Overrides): Uint8Array {
    return new TextEncoder().encode(JSON.stringify({ type: o.type ?? type, challenge: toBase64Url(o.challenge ?? challenge), origin: o.origin ?? TEST_RP.origin, crossOrigin: false }));
  }

  private async authData(flags: number, signCount: number, rpId: string, attested?: Uint8Array): Promise<Uint8Array> {
    const counter = new Uint8Array(4);
    new DataView(counter.buffer).setUint32(0, signCount, false);
    return concatBytes(await sha256(new TextEncoder().encode(rpId)), Uint8Array.of(flags), counter, attested ?? new Uint8Array(0));
  }

  async register(challenge: Uint8Array, o: Overrides = {}): Promise<RegistrationResponse> {
    const idLength = Uint8Array.of(0, this.credentialId.length);
    const attested = concatBytes(new Uint8Array(16), idLength, this.credentialId, await this.coseKey());
    const authData = await this.authData(o.flags ?? UP_UV | AuthenticatorFlag.attestedCredentialData, o.signCount ?? 0, o.rpId ?? TEST_RP.rpId, attested);
    const attestationObject = encodeCanonical(new Map<string, CborValue>([['fmt', 'none'], ['attStmt', new Map()], ['authData', authData]]));
    return { attestationObject, clientDataJSON: this.clientData('webauthn.create', challenge, o) };
  }

  async assert(challenge: Uint8Array, o: Overrides = {}): Promise<AssertionResponse> {
    if (this.counting) this.signCount++;
    const authenticatorData = await this.authData(o.flags ?? UP_UV, o.signCount ?? this.signCount, o.rpId ?? TEST_RP.rpId);
    const clientDataJSON = this.clientData('webauthn.get', challenge, o);
    const signed = concatBytes(authenticatorData, await sha256(clientDataJSON));
    const signature =
      this.algorithm === CoseAlgorithm.ES256
        ? p1363ToDer(new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, this.keys.privateKey, signed as Uint8Array<ArrayBuffer>)))
        : new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', this.keys.privateKey, signed as Uint8Array<ArrayBuffer>));
    return { credentialId: this.credentialId, authenticatorData, clientDataJSON, signature };
  }
}
