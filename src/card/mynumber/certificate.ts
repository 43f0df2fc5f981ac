/**
 * Checks on the JPKI user-authentication certificate: the signature the card made over a
 * challenge, and the certificate's chain to a trust anchor (J-LIS user-auth CA 2015/2023, or
 * the demo CA in demo mode) with validity dates (公的個人認証法 §38: the verifier checks validity).
 * Parsing and signature checks use @peculiar/x509 over WebCrypto.
 */
import * as x509 from '../x509.ts';
import { CardError } from '../errors.ts';

export interface TrustAnchor {
  readonly certificate: x509.X509Certificate;
  /** True for the demo CA: results must be labelled デモ. */
  readonly demo: boolean;
}

export function anchorFrom(pemOrDer: string | Uint8Array, demo: boolean): TrustAnchor {
  const certificate = typeof pemOrDer === 'string' ? new x509.X509Certificate(pemOrDer) : new x509.X509Certificate(pemOrDer as Uint8Array<ArrayBuffer>);
  return { certificate, demo };
}

export interface ChainResult {
  readonly certificate: x509.X509Certificate;
  readonly anchor: TrustAnchor;
}

function checkDates(certificate: x509.X509Certificate, now: Date, what: string): void {
  if (now < certificate.notBefore) throw new CardError('card.cert-not-yet-valid', { detail: `${what} not valid before ${certificate.notBefore.toISOString()}` });
  if (now > certificate.notAfter) throw new CardError('card.cert-expired', { detail: `${what} expired ${certificate.notAfter.toISOString()}` });
}

/** Validates `der` (one level under an anchor, as JPKI issues) at `now`. */
export async function validateAuthCertificate(der: Uint8Array, anchors: readonly TrustAnchor[], now: Date): Promise<ChainResult> {
  let certificate: x509.X509Certificate;
  try {
    certificate = new x509.X509Certificate(der as Uint8Array<ArrayBuffer>);
  } catch (cause) {
    throw new CardError('card.cert-malformed', { detail: 'EF 000A is not an X.509 certificate' }, { cause });
  }
  const candidates = anchors.filter((anchor) => anchor.certificate.subject === certificate.issuer);
  if (candidates.length === 0) throw new CardError('card.cert-untrusted', { detail: `issuer "${certificate.issuer}" is not a trust anchor` });
  for (const anchor of candidates) {
    const good = await certificate.verify({ publicKey: anchor.certificate.publicKey, signatureOnly: true });
    if (!good) continue;
    checkDates(anchor.certificate, now, `CA "${anchor.certificate.subject}"`);
    checkDates(certificate, now, `certificate ${certificate.serialNumber}`);
    return { certificate, anchor };
  }
  throw new CardError('card.cert-bad-signature', { detail: `no anchor named "${certificate.issuer}" verifies the certificate` });
}

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** Verifies the card's RSASSA-PKCS1-v1_5 / SHA-256 signature over `challenge` with the certificate's key. */
export async function verifyChallengeSignature(certificate: x509.X509Certificate, challenge: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const key = await certificate.publicKey.export(RSA_SHA256, ['verify']);
  return crypto.subtle.verify(RSA_SHA256, key, signature as Uint8Array<ArrayBuffer>, challenge as Uint8Array<ArrayBuffer>);
}
