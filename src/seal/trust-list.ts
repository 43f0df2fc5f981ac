/**
 * The trust list: which municipality roots a verifier trusts, and which signer keys are revoked.
 *
 * Byte layout (docs/formats.md §3): an untagged COSE_Sign1 (RFC 9052 §4.2), ES256, signed by a
 * trust anchor whose public key ships with the app (in a pilot, the municipality's own root):
 *   protected   = {1: -7, 4: anchorKid (8 bytes)}
 *   unprotected = {}
 *   payload     = bstr .cbor {
 *     0: 1 (format version), 1: version (uint, strictly increasing), 2: issuedAt, 3: nextUpdate,
 *     4: [ root, … ], 5: [ revoked, … ] }
 *   root    = {1: municipality, 2: name (tstr), 3: publicKey (bstr 33), 4: notBefore, 5: notAfter, 6: demo (bool), ?7: 公印 image (bstr, PNG)}
 *   revoked = {1: signer kid (bstr 8), 2: revokedAt, 3: municipality}
 * Times are Unix seconds. Canonical CBOR (RFC 8949 §4.2.1) throughout, so the same list always has
 * the same bytes and hash.
 *
 * Revoking a signer "from the root" is publishing a new version with its kid in `revoked`; a
 * verifier only accepts a version higher than the one it holds (no rollback to an older list).
 */
import { bytesEqual, toHex } from '../bytes/bytes.ts';
import { decodeCanonical, encodeCanonical, labelledMap, expectArray, expectBool, expectBytes, expectMap, expectOnlyKeys, expectText, expectUint, isMap, type CborMap, type CborValue } from './cbor.ts';
import { COSE_ALG_ES256, HeaderLabel, decodeSign1, signSign1, verifySign1 } from './cose.ts';
import { COMPRESSED_KEY_BYTES, KEY_ID_BYTES, exportCompressedPublicKey, importPublicKey, keyIdOf } from './ec.ts';
import { SealError, TrustListError, type TrustStatusCode } from './errors.ts';
import { MAX_MUNICIPALITY_CODE, type Validity } from './signer-certificate.ts';

export const TRUST_LIST_FORMAT = 1;
export const MAX_TRUST_LIST_BYTES = 2 * 1024 * 1024;
export const MAX_SEAL_IMAGE_BYTES = 256 * 1024;
export const MAX_ROOTS = 2000;
export const MAX_REVOKED = 100_000;

export interface TrustedRoot extends Validity {
  readonly municipality: number;
  readonly name: string;
  readonly publicKey: Uint8Array;
  /** The demo municipality: trusted only in demo mode. */
  readonly demo: boolean;
  /** 公印 image (PNG bytes) the renderer stamps on restored certificates. */
  readonly sealImage?: Uint8Array;
}

export interface RevokedSigner {
  readonly kid: Uint8Array;
  readonly revokedAt: number;
  readonly municipality: number;
}

export interface TrustListContent {
  readonly version: number;
  readonly issuedAt: number;
  readonly nextUpdate: number;
  readonly roots: readonly TrustedRoot[];
  readonly revoked: readonly RevokedSigner[];
}

export interface TrustList extends TrustListContent {
  /** Signed by a demo anchor: usable in demo mode only. */
  readonly demo: boolean;
  readonly anchorKid: Uint8Array;
  readonly bytes: Uint8Array;
}

/** A key allowed to sign trust lists, compiled into the app or set up in admin mode. */
export interface TrustAnchor {
  readonly publicKey: Uint8Array;
  readonly demo: boolean;
  readonly label?: string;
}

export interface TrustListStatus {
  readonly stale: boolean;
  /** Whole days past nextUpdate (0 when fresh). */
  readonly daysOverdue: number;
  /** What to tell staff, and its params (`trust.stale` takes `daysOverdue` as `days`); the words are in the UI's catalogue. */
  readonly code: TrustStatusCode;
  readonly params: { readonly days?: number };
}

const Key = { format: 0, version: 1, issuedAt: 2, nextUpdate: 3, roots: 4, revoked: 5 } as const;
const RootKey = { municipality: 1, name: 2, publicKey: 3, notBefore: 4, notAfter: 5, demo: 6, sealImage: 7 } as const;
const RevokedKey = { kid: 1, revokedAt: 2, municipality: 3 } as const;
const WHAT = '信頼リスト / trust list';

export function encodeTrustListPayload(content: TrustListContent): Uint8Array {
  return encodeCanonical(
    labelledMap(Key, {
      format: TRUST_LIST_FORMAT,
      version: content.version,
      issuedAt: content.issuedAt,
      nextUpdate: content.nextUpdate,
      roots: content.roots.map((root) => labelledMap(RootKey, root, ['sealImage'])),
      revoked: content.revoked.map((revoked) => labelledMap(RevokedKey, revoked)),
    }),
  );
}

/** Signs a trust list with an anchor key (admin mode). */
export async function signTrustList(content: TrustListContent, anchor: CryptoKeyPair): Promise<Uint8Array> {
  const anchorKid = await keyIdOf(await exportCompressedPublicKey(anchor.publicKey));
  return signSign1(
    new Map<number, number | Uint8Array>([[HeaderLabel.alg, COSE_ALG_ES256], [HeaderLabel.kid, anchorKid]]),
    new Map(),
    encodeTrustListPayload(content),
    anchor.privateKey,
  );
}

function decodePayload(payload: Uint8Array): TrustListContent {
  const map = expectMap(decodeCanonical(payload, WHAT), WHAT, 'payload');
  expectOnlyKeys(map, Object.values(Key), WHAT);
  if (map.get(Key.format) !== TRUST_LIST_FORMAT) {
    throw new TrustListError('trust.unknown-format', {});
  }
  const rootsArray = expectArray(map.get(Key.roots), WHAT, 'roots');
  const revokedArray = expectArray(map.get(Key.revoked), WHAT, 'revoked');
  if (rootsArray.length > MAX_ROOTS || revokedArray.length > MAX_REVOKED) throw new SealError('cbor.bad-shape', { problem: 'too-many-entries' });
  const roots = rootsArray.map((item): TrustedRoot => {
    const r = expectMap(item, WHAT, 'root');
    expectOnlyKeys(r, Object.values(RootKey), WHAT);
    const sealImage = r.has(RootKey.sealImage) ? expectBytes(r.get(RootKey.sealImage), WHAT, 'sealImage') : undefined;
    if (sealImage && sealImage.length > MAX_SEAL_IMAGE_BYTES) throw new SealError('cbor.bad-shape', { problem: 'seal-image-too-large' });
    return {
      municipality: expectUint(r.get(RootKey.municipality), WHAT, 'municipality', MAX_MUNICIPALITY_CODE),
      name: expectText(r.get(RootKey.name), WHAT, 'name', 64),
      publicKey: expectBytes(r.get(RootKey.publicKey), WHAT, 'publicKey', COMPRESSED_KEY_BYTES),
      notBefore: expectUint(r.get(RootKey.notBefore), WHAT, 'notBefore'),
      notAfter: expectUint(r.get(RootKey.notAfter), WHAT, 'notAfter'),
      demo: expectBool(r.get(RootKey.demo), WHAT, 'demo'),
      ...(sealImage ? { sealImage } : {}),
    };
  });
  const revoked = revokedArray.map((item): RevokedSigner => {
    const r = expectMap(item, WHAT, 'revoked');
    expectOnlyKeys(r, Object.values(RevokedKey), WHAT);
    return {
      kid: expectBytes(r.get(RevokedKey.kid), WHAT, 'kid', KEY_ID_BYTES),
      revokedAt: expectUint(r.get(RevokedKey.revokedAt), WHAT, 'revokedAt'),
      municipality: expectUint(r.get(RevokedKey.municipality), WHAT, 'municipality', MAX_MUNICIPALITY_CODE),
    };
  });
  return {
    version: expectUint(map.get(Key.version), WHAT, 'version'),
    issuedAt: expectUint(map.get(Key.issuedAt), WHAT, 'issuedAt'),
    nextUpdate: expectUint(map.get(Key.nextUpdate), WHAT, 'nextUpdate'),
    roots,
    revoked,
  };
}

/**
 * Parses a trust list file and checks its signature against the anchors. A list signed by a demo
 * anchor is refused outside demo mode. Throws TrustListError or SealError (malformed CBOR/COSE).
 */
export async function openTrustList(bytes: Uint8Array, anchors: readonly TrustAnchor[], options: { readonly demoMode: boolean }): Promise<TrustList> {
  if (bytes.length > MAX_TRUST_LIST_BYTES) {
    throw new TrustListError('trust.too-large', { source: 'file' });
  }
  const sign1 = decodeSign1(bytes, WHAT);
  expectOnlyKeys(sign1.protectedHeader, [HeaderLabel.alg, HeaderLabel.kid], WHAT);
  expectOnlyKeys(sign1.unprotectedHeader, [], WHAT);
  const anchorKid = expectBytes(sign1.protectedHeader.get(HeaderLabel.kid), WHAT, 'kid', KEY_ID_BYTES);
  let matched: TrustAnchor | undefined;
  for (const anchor of anchors) {
    if (bytesEqual(await keyIdOf(anchor.publicKey), anchorKid) && (await verifySign1(sign1, await importPublicKey(anchor.publicKey)))) {
      matched = anchor;
      break;
    }
  }
  if (!matched) {
    throw new TrustListError('trust.unknown-signer', { kid: toHex(anchorKid) });
  }
  if (matched.demo && !options.demoMode) {
    throw new TrustListError('trust.demo-outside-demo-mode', {});
  }
  return { ...decodePayload(sign1.payload), demo: matched.demo, anchorKid, bytes };
}

/** A root a trust list names, as read before the list's signature is checked. */
export type ListedRoot = Pick<TrustedRoot, 'publicKey' | 'name' | 'municipality'>;

/**
 * The roots a trust list names (the first `limit`), read without checking its signature: the
 * candidates for its publisher, whose key openTrustList, given as the only anchor, then proves or
 * not. Empty for bytes that are not a trust list.
 */
export function publisherCandidates(bytes: Uint8Array, limit = 100): ListedRoot[] {
  if (bytes.length > MAX_TRUST_LIST_BYTES) return [];
  try {
    const payload = decodeCanonical(decodeSign1(bytes, WHAT).payload, WHAT);
    const roots = isMap(payload) ? payload.get(Key.roots) : undefined;
    if (!Array.isArray(roots)) return [];
    return roots.slice(0, limit).flatMap((r: CborValue) => {
      if (!isMap(r)) return [];
      const publicKey = r.get(RootKey.publicKey);
      return publicKey instanceof Uint8Array ? [{ publicKey, name: String(r.get(RootKey.name) ?? ''), municipality: Number(r.get(RootKey.municipality) ?? 0) }] : [];
    });
  } catch {
    return [];
  }
}

/** Refuses a list that is not newer than the cached one: an attacker must not roll back revocations. */
export function checkTrustListUpdate(current: TrustList | undefined, candidate: TrustList): void {
  if (current && candidate.version <= current.version) {
    throw new TrustListError('trust.not-newer', { candidate: candidate.version, current: current.version });
  }
}

export function trustListStatus(list: TrustListContent, nowSeconds: number): TrustListStatus {
  if (nowSeconds <= list.nextUpdate) {
    return { stale: false, daysOverdue: 0, code: 'trust.up-to-date', params: {} };
  }
  const days = Math.floor((nowSeconds - list.nextUpdate) / 86_400);
  return { stale: true, daysOverdue: days, code: 'trust.stale', params: { days } };
}

export function isRevoked(list: TrustListContent, kid: Uint8Array): RevokedSigner | undefined {
  return list.revoked.find((r) => bytesEqual(r.kid, kid));
}

/** A new version of `list` that revokes `kid`: the root's "revoke this tablet" action. */
export function withRevokedSigner(list: TrustListContent, signer: { kid: Uint8Array; municipality: number }, nowSeconds: number): TrustListContent {
  if (isRevoked(list, signer.kid)) return { ...list, version: list.version + 1, issuedAt: nowSeconds };
  return {
    ...list,
    version: list.version + 1,
    issuedAt: nowSeconds,
    revoked: [...list.revoked, { kid: signer.kid, revokedAt: nowSeconds, municipality: signer.municipality }],
  };
}
