/**
 * COSE_Sign1 (RFC 9052 §4.2) with ES256 (RFC 9053 §2.1), untagged: kofu's seal, signer
 * certificates, trust lists and log checkpoints are each known to be a COSE_Sign1 from context
 * (RFC 9052 §2 allows omitting tag 18 then), which saves a byte in every printed seal. Reading,
 * the tagged form is accepted too (`COSE_Sign1_Tagged = #6.18(COSE_Sign1)`, RFC 9052 §2): it is the
 * default output of common COSE libraries, and equally valid.
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
/** RFC 8949 §3.1: major type 6 (tag) is the top three bits of the initial byte. */
const CBOR_MAJOR_TYPE_TAG = 6;
/** RFC 9052 §2: the COSE_Sign1 tag, 18; RFC 8949 §4.2.1 shortest form: one initial byte 0xC0 | 18. */
export const COSE_SIGN1_TAG = 18;
const COSE_SIGN1_TAG_BYTE = 0xc0 | COSE_SIGN1_TAG;
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

/** A tag's number from its head (RFC 8949 §3: additional information 0–23 inline, 24–27 in 1–8 more bytes). */
function tagNumber(bytes: Uint8Array): number {
  const info = bytes[0] & 0x1f;
  if (info < 24) return info;
  const length = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
  if (length === undefined || bytes.length < 1 + length) return -1;
  return bytes.subarray(1, 1 + length).reduce((n, b) => n * 256 + b, 0);
}

/** The COSE_Sign1 inside an optional tag 18; any other tag (COSE_Sign 98, COSE_Mac0 17 …) is refused by its number. */
function withoutSign1Tag(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length === 0 || bytes[0] >> 5 !== CBOR_MAJOR_TYPE_TAG) return bytes;
  if (bytes[0] === COSE_SIGN1_TAG_BYTE) return bytes.subarray(1);
  throw new SealError('cose.wrong-tag', { what, tag: tagNumber(bytes) });
}

/** Structural parse only (tagged or untagged); the signature is checked by `verifySign1`. */
export function decodeSign1(bytes: Uint8Array, what: string): Sign1 {
  const top = expectArray(decodeCanonical(withoutSign1Tag(bytes, what), what), what, 'COSE_Sign1', 4);
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
