/**
 * The demo municipality: a root key published on purpose (it is in the source code), trusted only
 * in demo mode. Anyone can forge a demo seal, which is why every demo verdict says デモ and a
 * verifier outside demo mode refuses them (`seal.demo-outside-demo-mode`).
 */
import { ECDSA_P256, exportCompressedPublicKey } from './ec.ts';
import { issueSignerCertificate } from './signer-certificate.ts';
import { signTrustList, type TrustAnchor, type TrustListContent } from './trust-list.ts';

/** Prefecture code 99 does not exist, so the demo code cannot collide with a real municipality. */
export const DEMO_MUNICIPALITY_CODE = 999_997;
export const DEMO_MUNICIPALITY_NAME = 'デモ市（Demo City）';
/** 2026-01-01T00:00:00Z … 2036-01-01T00:00:00Z. */
export const DEMO_ROOT_NOT_BEFORE = 1_767_225_600;
export const DEMO_ROOT_NOT_AFTER = 2_082_758_400;
/** Demo trust lists say they are due for update 30 days after they are made. */
export const DEMO_TRUST_LIST_LIFETIME_SECONDS = 30 * 86_400;

/** Generated once with WebCrypto for kofu's demo; public by design. */
const DEMO_ROOT_JWK: JsonWebKey = {
  kty: 'EC',
  crv: 'P-256',
  x: 'HzLXP5agHp7L6NpIjtr2nn75oZ6105c9HJAAXO7Qjqw',
  y: '1ONmvFF4NnWF8p84u9xIBK6D313PmhNcmvZScKjgNT4',
  d: 'eW1pwCjEf-F33vCZI-PP6DBXzSj55GnaedlrugLlOLE',
};

export async function demoRootKeyPair(): Promise<CryptoKeyPair> {
  const privateKey = await crypto.subtle.importKey('jwk', DEMO_ROOT_JWK, ECDSA_P256, false, ['sign']);
  const { d: _d, ...publicJwk } = DEMO_ROOT_JWK;
  const publicKey = await crypto.subtle.importKey('jwk', publicJwk, ECDSA_P256, true, ['verify']);
  return { privateKey, publicKey };
}

export async function demoTrustAnchor(): Promise<TrustAnchor> {
  return { publicKey: await exportCompressedPublicKey((await demoRootKeyPair()).publicKey), demo: true, label: DEMO_MUNICIPALITY_NAME };
}

export async function demoTrustListContent(nowSeconds: number, version = 1): Promise<TrustListContent> {
  const root = await demoRootKeyPair();
  return {
    version,
    issuedAt: nowSeconds,
    nextUpdate: nowSeconds + DEMO_TRUST_LIST_LIFETIME_SECONDS,
    roots: [
      {
        municipality: DEMO_MUNICIPALITY_CODE,
        name: DEMO_MUNICIPALITY_NAME,
        publicKey: await exportCompressedPublicKey(root.publicKey),
        notBefore: DEMO_ROOT_NOT_BEFORE,
        notAfter: DEMO_ROOT_NOT_AFTER,
        demo: true,
      },
    ],
    revoked: [],
  };
}

/** The demo trust list, signed by the demo root acting as its own anchor. */
export async function demoTrustList(nowSeconds: number, version = 1): Promise<Uint8Array> {
  return signTrustList(await demoTrustListContent(nowSeconds, version), await demoRootKeyPair());
}

/** Certifies a demo tablet's key for one year from `nowSeconds`. */
export async function issueDemoSignerCertificate(publicKey: CryptoKey, deviceId: string, nowSeconds: number): Promise<Uint8Array> {
  return issueSignerCertificate(
    { deviceId, municipality: DEMO_MUNICIPALITY_CODE, notBefore: nowSeconds - 86_400, notAfter: Math.min(nowSeconds + 365 * 86_400, DEMO_ROOT_NOT_AFTER), publicKey },
    (await demoRootKeyPair()).privateKey,
  );
}
