/**
 * The demo municipality: a root key published on purpose (it is in the source code), trusted only
 * in demo mode. Anyone can forge a demo seal, which is why every demo verdict says デモ and a
 * verifier outside demo mode refuses them (`seal.demo-outside-demo-mode`).
 */
import { ECDSA_P256, exportCompressedPublicKey } from './ec.ts';
import { issueSignerCertificate } from './signer-certificate.ts';
import { signTrustList, type TrustAnchor, type TrustListContent } from './trust-list.ts';

/**
 * The demo municipalities are those of the demo registry (src/registry/demo.ts): 藤見市 992011 and
 * 汐見町 994219. Prefecture code 99 does not exist, so they cannot collide with a real
 * municipality; both codes carry a valid check digit. Each has its own root key pair, published
 * on purpose; both roots are in the demo trust list, which 藤見市's root signs (the demo anchor).
 */
export interface DemoMunicipality {
  readonly code: number;
  readonly name: string;
  /** Generated once with WebCrypto / Node for kofu's demo; public by design. */
  readonly jwk: JsonWebKey;
}

export const DEMO_MUNICIPALITIES: readonly DemoMunicipality[] = [
  {
    code: 992_011,
    name: '藤見市（デモ / Fujimi demo city）',
    jwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'HzLXP5agHp7L6NpIjtr2nn75oZ6105c9HJAAXO7Qjqw',
      y: '1ONmvFF4NnWF8p84u9xIBK6D313PmhNcmvZScKjgNT4',
      d: 'eW1pwCjEf-F33vCZI-PP6DBXzSj55GnaedlrugLlOLE',
    },
  },
  {
    code: 994_219,
    name: '汐見町（デモ / Shiomi demo town）',
    jwk: {
      kty: 'EC',
      crv: 'P-256',
      x: '45xCenRaXk2pP5hHkguZYO9kJ0ZtshDPFHvcQTQfOQ8',
      y: '3pUIvv7hfGTOYbWK2_saHAvxMky2Ve4aoMPrEBCLI1Q',
      d: 's6EA5TUpySJFYsEi72L65DcNsf1l2Q0kcdUB6orAils',
    },
  },
];

/** The primary demo municipality (藤見市): its root also signs the demo trust list. */
export const DEMO_MUNICIPALITY_CODE = DEMO_MUNICIPALITIES[0].code;
export const DEMO_MUNICIPALITY_NAME = DEMO_MUNICIPALITIES[0].name;
export const DEMO_MUNICIPALITY_CODES: readonly number[] = DEMO_MUNICIPALITIES.map((m) => m.code);
/** 2026-01-01T00:00:00Z … 2036-01-01T00:00:00Z. */
export const DEMO_ROOT_NOT_BEFORE = 1_767_225_600;
export const DEMO_ROOT_NOT_AFTER = 2_082_758_400;
/** Demo trust lists say they are due for update 30 days after they are made. */
export const DEMO_TRUST_LIST_LIFETIME_SECONDS = 30 * 86_400;

export function isDemoMunicipality(code: number): boolean {
  return DEMO_MUNICIPALITY_CODES.includes(code);
}

function demoMunicipality(code: number): DemoMunicipality {
  const found = DEMO_MUNICIPALITIES.find((m) => m.code === code);
  if (!found) throw new RangeError(`${code} is not a demo municipality`);
  return found;
}

/** The root key pair of a demo municipality (default: 藤見市, the list signer). */
export async function demoRootKeyPair(municipality: number = DEMO_MUNICIPALITY_CODE): Promise<CryptoKeyPair> {
  const jwk = demoMunicipality(municipality).jwk;
  const privateKey = await crypto.subtle.importKey('jwk', jwk, ECDSA_P256, false, ['sign']);
  const { d: _d, ...publicJwk } = jwk;
  const publicKey = await crypto.subtle.importKey('jwk', publicJwk, ECDSA_P256, true, ['verify']);
  return { privateKey, publicKey };
}

export async function demoTrustAnchor(): Promise<TrustAnchor> {
  return { publicKey: await exportCompressedPublicKey((await demoRootKeyPair()).publicKey), demo: true, label: DEMO_MUNICIPALITY_NAME };
}

export async function demoTrustListContent(nowSeconds: number, version = 1): Promise<TrustListContent> {
  const roots = [];
  for (const m of DEMO_MUNICIPALITIES) {
    roots.push({
      municipality: m.code,
      name: m.name,
      publicKey: await exportCompressedPublicKey((await demoRootKeyPair(m.code)).publicKey),
      notBefore: DEMO_ROOT_NOT_BEFORE,
      notAfter: DEMO_ROOT_NOT_AFTER,
      demo: true,
    });
  }
  return { version, issuedAt: nowSeconds, nextUpdate: nowSeconds + DEMO_TRUST_LIST_LIFETIME_SECONDS, roots, revoked: [] };
}

/** The demo trust list, signed by the demo root acting as its own anchor. */
export async function demoTrustList(nowSeconds: number, version = 1): Promise<Uint8Array> {
  return signTrustList(await demoTrustListContent(nowSeconds, version), await demoRootKeyPair());
}

/** Certifies a demo tablet's key for one year from `nowSeconds`, under one demo municipality's root. */
export async function issueDemoSignerCertificate(publicKey: CryptoKey, deviceId: string, nowSeconds: number, municipality: number = DEMO_MUNICIPALITY_CODE): Promise<Uint8Array> {
  return issueSignerCertificate(
    { deviceId, municipality, notBefore: nowSeconds - 86_400, notAfter: Math.min(nowSeconds + 365 * 86_400, DEMO_ROOT_NOT_AFTER), publicKey },
    (await demoRootKeyPair(municipality)).privateKey,
  );
}
