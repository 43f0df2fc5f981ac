/**
 * The browser's side of passkeys: `navigator.credentials.create/get` with user verification
 * required, and the bytes of their answers for src/staff/webauthn.ts to check. Nothing here
 * trusts the browser's answer; it only carries it.
 */
import type { AssertionResponse, RegistrationResponse } from '../../staff/webauthn.ts';
import { CoseAlgorithm } from '../../staff/webauthn.ts';
import { StaffAccessError } from '../../staff/errors.ts';

/** How long the browser waits for the authenticator (WebAuthn §5.4 `timeout`), in ms. */
const CEREMONY_TIMEOUT_MS = 120_000;

export interface PasskeyRequest {
  readonly rpId: string;
  readonly challenge: Uint8Array;
}

export interface NewPasskeyRequest extends PasskeyRequest {
  /** A random user handle (WebAuthn §14.6.1: no personal data in it). */
  readonly userId: Uint8Array;
  readonly label: string;
  /** Credentials already registered, so one authenticator is not registered twice. */
  readonly exclude: readonly Uint8Array[];
}

export interface ExistingPasskeyRequest extends PasskeyRequest {
  readonly allow: readonly Uint8Array[];
}

/** The two ceremonies; tests answer them with a software authenticator. */
export interface PasskeyClient {
  create(request: NewPasskeyRequest): Promise<RegistrationResponse>;
  get(request: ExistingPasskeyRequest): Promise<AssertionResponse>;
}

const buffer = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;
const descriptor = (id: Uint8Array): PublicKeyCredentialDescriptor => ({ type: 'public-key', id: buffer(id) });

function cancelled(cause: unknown): StaffAccessError {
  return new StaffAccessError('staff.passkey-cancelled', {}, { cause });
}

export function passkeysSupported(): boolean {
  return typeof globalThis.PublicKeyCredential === 'function' && !!globalThis.navigator?.credentials;
}

export const browserPasskeys: PasskeyClient = {
  async create(request) {
    let credential: Credential | null;
    try {
      credential = await navigator.credentials.create({
        publicKey: {
          rp: { id: request.rpId, name: 'kofu' },
          user: { id: buffer(request.userId), name: request.label, displayName: request.label },
          challenge: buffer(request.challenge),
          pubKeyCredParams: [
            { type: 'public-key', alg: CoseAlgorithm.ES256 },
            { type: 'public-key', alg: CoseAlgorithm.RS256 },
          ],
          authenticatorSelection: { userVerification: 'required', residentKey: 'discouraged' },
          attestation: 'none',
          excludeCredentials: request.exclude.map(descriptor),
          timeout: CEREMONY_TIMEOUT_MS,
        },
      });
    } catch (cause) {
      throw cancelled(cause);
    }
    const response = (credential as PublicKeyCredential | null)?.response as AuthenticatorAttestationResponse | undefined;
    if (!response) throw cancelled(undefined);
    return { attestationObject: new Uint8Array(response.attestationObject), clientDataJSON: new Uint8Array(response.clientDataJSON) };
  },

  async get(request) {
    let credential: Credential | null;
    try {
      credential = await navigator.credentials.get({
        publicKey: {
          rpId: request.rpId,
          challenge: buffer(request.challenge),
          allowCredentials: request.allow.map(descriptor),
          userVerification: 'required',
          timeout: CEREMONY_TIMEOUT_MS,
        },
      });
    } catch (cause) {
      throw cancelled(cause);
    }
    const publicKey = credential as PublicKeyCredential | null;
    const response = publicKey?.response as AuthenticatorAssertionResponse | undefined;
    if (!publicKey || !response) throw cancelled(undefined);
    return {
      credentialId: new Uint8Array(publicKey.rawId),
      authenticatorData: new Uint8Array(response.authenticatorData),
      clientDataJSON: new Uint8Array(response.clientDataJSON),
      signature: new Uint8Array(response.signature),
    };
  },
};
