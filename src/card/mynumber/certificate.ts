/**
 * Checks on the JPKI user-authentication certificate: the signature the card made over a
 * challenge, and the certificate's chain to a trust anchor (J-LIS user-auth CA 2015/2023, or
 * the demo CA in demo mode) with validity dates (公的個人認証法 §38: the verifier checks validity).
 * Parsing and signature checks use @peculiar/x509 over WebCrypto.
 */
import * as x509 from '../x509.ts';
import { CardError } from '../apdu/status.ts';

export class CertificateError extends CardError {
  override readonly name = 'CertificateError';
  constructor(code: string, detail: string, options?: { cause?: unknown }) {
    super(
      code,
      code === 'card.cert-expired'
        ? {
            ja: 'カードの利用者証明用電子証明書の有効期限が切れています。市区町村の窓口で更新してください。',
            en: 'The user-authentication certificate on this card has expired. Renew it at your municipal office.',
          }
        : {
            ja: 'このカードの電子証明書を確認できませんでした。係員にお知らせください。',
            en: 'The certificate on this card could not be verified. Please call a member of staff.',
          },
      { ja: `証明書検証失敗: ${detail}`, en: `Certificate check failed: ${detail}` },
      undefined,
      options,
    );
  }
}

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
  if (now < certificate.notBefore) throw new CertificateError('card.cert-not-yet-valid', `${what} not valid before ${certificate.notBefore.toISOString()}`);
  if (now > certificate.notAfter) throw new CertificateError('card.cert-expired', `${what} expired ${certificate.notAfter.toISOString()}`);
}

/** Validates `der` (one level under an anchor, as JPKI issues) at `now`. */
export async function validateAuthCertificate(der: Uint8Array, anchors: readonly TrustAnchor[], now: Date): Promise<ChainResult> {
  let certificate: x509.X509Certificate;
  try {
    certificate = new x509.X509Certificate(der as Uint8Array<ArrayBuffer>);
  } catch (cause) {
    throw new CertificateError('card.cert-malformed', 'EF 000A is not an X.509 certificate', { cause });
  }
  const candidates = anchors.filter((anchor) => anchor.certificate.subject === certificate.issuer);
  if (candidates.length === 0) throw new CertificateError('card.cert-untrusted', `issuer "${certificate.issuer}" is not a trust anchor`);
  for (const anchor of candidates) {
    const good = await certificate.verify({ publicKey: anchor.certificate.publicKey, signatureOnly: true });
    if (!good) continue;
    checkDates(anchor.certificate, now, `CA "${anchor.certificate.subject}"`);
    checkDates(certificate, now, `certificate ${certificate.serialNumber}`);
    return { certificate, anchor };
  }
  throw new CertificateError('card.cert-bad-signature', `no anchor named "${certificate.issuer}" verifies the certificate`);
}

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** Verifies the card's RSASSA-PKCS1-v1_5 / SHA-256 signature over `challenge` with the certificate's key. */
export async function verifyChallengeSignature(certificate: x509.X509Certificate, challenge: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const key = await certificate.publicKey.export(RSA_SHA256, ['verify']);
  return crypto.subtle.verify(RSA_SHA256, key, signature as Uint8Array<ArrayBuffer>, challenge as Uint8Array<ArrayBuffer>);
}
