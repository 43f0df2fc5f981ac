/** Shared test setup: a non-demo municipality with a root, a certified tablet, and its trust list. */
import { exportCompressedPublicKey } from '../ec.ts';
import { generateRootKeyPair, generateSignerKeyPair } from '../keys.ts';
import { issueSignerCertificate } from '../signer-certificate.ts';
import { openTrustList, signTrustList, type TrustAnchor, type TrustList, type TrustListContent } from '../trust-list.ts';

/** 千代田区 (13101 + check digit 6). */
export const TEST_MUNICIPALITY = 131016;
/** 2026-11-25T00:00:00Z */
export const TEST_NOW = 1_795_564_800;
export const YEAR = 365 * 86_400;

export interface TestMunicipality {
  readonly root: CryptoKeyPair;
  readonly rootPublicKey: Uint8Array;
  readonly signerKeys: CryptoKeyPair;
  readonly certificate: Uint8Array;
  readonly anchor: TrustAnchor;
  readonly content: TrustListContent;
  readonly trustList: TrustList;
}

export async function makeMunicipality(options: { municipality?: number; now?: number } = {}): Promise<TestMunicipality> {
  const municipality = options.municipality ?? TEST_MUNICIPALITY;
  const now = options.now ?? TEST_NOW;
  const root = await generateRootKeyPair();
  const rootPublicKey = await exportCompressedPublicKey(root.publicKey);
  const signerKeys = await generateSignerKeyPair();
  const certificate = await issueSignerCertificate(
    { deviceId: 'T01', municipality, notBefore: now - YEAR, notAfter: now + YEAR, publicKey: signerKeys.publicKey },
    root.privateKey,
  );
  const anchor: TrustAnchor = { publicKey: rootPublicKey, demo: false };
  const content: TrustListContent = {
    version: 1,
    issuedAt: now,
    nextUpdate: now + 30 * 86_400,
    roots: [{ municipality, name: '千代田区', publicKey: rootPublicKey, notBefore: now - 5 * YEAR, notAfter: now + 5 * YEAR, demo: false }],
    revoked: [],
  };
  const trustList = await openTrustList(await signTrustList(content, root), [anchor], { demoMode: false });
  return { root, rootPublicKey, signerKeys, certificate, anchor, content, trustList };
}
