/**
 * COSE_Sign1 (RFC 9052 §4.2) with ES256 (RFC 9053 §2.1), untagged: kofu's seal, signer
 * certificates, trust lists and log checkpoints are each known to be a COSE_Sign1 from context
 * (RFC 9052 §2 allows omitting tag 18 then), which saves a byte in every printed seal.
 *
 *   COSE_Sign1 = [ protected: bstr .cbor header_map, unprotected: header_map, payload: bstr, signature: bstr ]
 *   Sig_structure = [ "Signature1", body_protected, external_aad (h''), payload ]   (RFC 9052 §4.4)
 *
 * The ECDSA signature is r ‖ s, 64 bytes, not DER (RFC 9053 §2.1).
 */
import { decodeCanonical, encodeCanonical, expectArray, expectBytes, expectMap, type CborMap } from './cbor.ts';
import { ES256_SIGNATURE_BYTES, signEs256, verifyEs256 } from './ec.ts';
import { SealError } from './errors.ts';

/** RFC 9052 §3.1 common header parameters. */
export const HeaderLabel = { alg: 1, crit: 2, kid: 4 } as const;
/** RFC 9053 §2.1: ECDSA w/ SHA-256. */
export const COSE_ALG_ES256 = -7;
/**
 * kofu's signer certificate, in the unprotected header. Labels below −65536 are Private Use
 * (RFC 9052 §11.1, COSE Header Parameters registry). Unprotected is enough: the certificate is
 * signed by the root, and the protected `kid` binds the seal to the certificate's key.
 */
export const HEADER_SIGNER_CERTIFICATE = -65537;
const SIGNATURE1_CONTEXT = 'Signature1';
const EMPTY = new Uint8Array(0);

export interface Sign1 {
  /** The protected header exactly as transmitted: it is what the signature covers. */
  readonly protectedBytes: Uint8Array;
  readonly protectedHeader: CborMap;
  readonly unprotectedHeader: CborMap;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
}

export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array, externalAad: Uint8Array = EMPTY): Uint8Array {
  return encodeCanonical([SIGNATURE1_CONTEXT, protectedBytes, externalAad, payload]);
}

export async function signSign1(protectedHeader: CborMap, unprotectedHeader: CborMap, payload: Uint8Array, privateKey: CryptoKey): Promise<Uint8Array> {
  const protectedBytes = encodeCanonical(protectedHeader);
  const signature = await signEs256(privateKey, sigStructure(protectedBytes, payload));
  return encodeCanonical([protectedBytes, unprotectedHeader, payload, signature]);
}

/** Structural parse only; the signature is checked by `verifySign1`. */
export function decodeSign1(bytes: Uint8Array, what: string): Sign1 {
  const top = expectArray(decodeCanonical(bytes, what), what, 'COSE_Sign1', 4);
  const protectedBytes = expectBytes(top[0], what, 'protected');
  const unprotectedHeader = expectMap(top[1], what, 'unprotected');
  const payload = expectBytes(top[2], what, 'payload');
  const signature = expectBytes(top[3], what, 'signature', ES256_SIGNATURE_BYTES);
  const protectedHeader = expectMap(decodeCanonical(protectedBytes, `${what} (protected header)`), what, 'protected');
  if (protectedHeader.get(HeaderLabel.alg) !== COSE_ALG_ES256) {
    throw new SealError('cose.unsupported-algorithm', { what });
  }
  if (protectedHeader.has(HeaderLabel.crit)) {
    throw new SealError('cose.unknown-critical', { what });
  }
  return { protectedBytes, protectedHeader, unprotectedHeader, payload, signature };
}

export async function verifySign1(sign1: Sign1, publicKey: CryptoKey): Promise<boolean> {
  return verifyEs256(publicKey, sign1.signature, sigStructure(sign1.protectedBytes, sign1.payload));
}
