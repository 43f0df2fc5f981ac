/**
 * How a certificate value lines up with the seal's signed claims (src/seal/seal.ts `SealClaims`):
 * the certificate-type numbers, the options map, the printed serial, and a consistency check the
 * verifier runs after decoding, so a seal whose claims and content disagree is never shown as
 * valid. Kept here, in plain numbers, so documents does not depend on the seal module.
 */
import { toHex } from '../bytes/bytes.ts';
import { jstDay, isoFromDay } from './dates.ts';
import type { SealValue } from './codec.ts';
import { TAX_KINDS, type Certificate, type CertificateKind } from './types.ts';

/**
 * The seal's `CertificateType` numbering (J-LIS order). Literal types, so a code is a valid
 * seal `certType` (src/seal/seal.ts `CertificateTypeCode`) without a cast.
 */
export const CERT_TYPE_CODE = { juminhyo: 1, kisai: 2, inkan: 3, tax: 4, koseki: 5, fuhyo: 6 } as const satisfies Readonly<Record<CertificateKind, number>>;

/** Bytes of the signer key id printed before the serial (6 hex digits). */
export const PRINTED_KID_BYTES = 3;

/**
 * 発行番号 as printed: the first PRINTED_KID_BYTES of the signer's key id in upper-case hex, a
 * hyphen, and the seal's integer serial zero-padded to six digits — `4B2F9A-000001`. Serials
 * count per tablet (per key), so two tablets, or two browser profiles on one, both issue 000001;
 * the key id in front tells their sheets apart, on paper and in the verifier. The QR locator and
 * the seal carry the whole key id, so the locator's size does not change. Without `kid` (the
 * preview, and sheets printed before the key id was): the six digits alone.
 */
export function formatSerial(serial: number, kid?: Uint8Array): string {
  if (!Number.isSafeInteger(serial) || serial < 0) throw new RangeError('serial must be a non-negative integer');
  const digits = String(serial).padStart(6, '0');
  if (!kid) return digits;
  if (kid.length < PRINTED_KID_BYTES) throw new RangeError(`kid must have at least ${PRINTED_KID_BYTES} bytes`);
  return `${toHex(kid.subarray(0, PRINTED_KID_BYTES)).toUpperCase()}-${digits}`;
}

/** Keys of the options map: what the resident chose, for a verifier to list in words. */
export const OptionKey = { scope: 0, householder: 1, honseki: 2, myNumber: 3, taxKind: 4, fiscalYear: 5, persons: 6 } as const;

/** The options map for the claims, read from the certificate itself so the two cannot disagree. */
export function sealOptionsOf(cert: Certificate): Map<number, SealValue> {
  const options = new Map<number, SealValue>();
  switch (cert.kind) {
    case 'juminhyo':
    case 'kisai':
      options.set(OptionKey.scope, ['self', 'household', 'some'].indexOf(cert.scope));
      options.set(OptionKey.householder, cert.householder !== undefined);
      options.set(OptionKey.honseki, cert.persons.some((p) => p.honseki !== undefined));
      options.set(OptionKey.myNumber, cert.persons.some((p) => p.myNumber !== undefined));
      options.set(OptionKey.persons, cert.persons.length);
      break;
    case 'tax':
      options.set(OptionKey.taxKind, TAX_KINDS.indexOf(cert.taxKind));
      options.set(OptionKey.fiscalYear, cert.fiscalYear);
      break;
    case 'koseki':
      options.set(OptionKey.scope, ['all', 'individual'].indexOf(cert.scope));
      break;
    case 'inkan':
    case 'fuhyo':
      break;
  }
  return options;
}

/** The claim fields a certificate determines (all but issuedAt, which only has to fall on issuedOn). */
export interface BoundClaims {
  readonly issuer: number;
  readonly issuedAt: number;
  readonly serial: number;
  readonly certType: number;
  readonly options: ReadonlyMap<unknown, unknown>;
  readonly sheets: number;
  readonly renderVersion: number;
}

/**
 * Every disagreement between the signed claims and the signed content (empty when they agree).
 * `sheets` is what the renderer laid the content out on; `kid` is the seal's signer key id, which
 * the printed serial names (a sheet printed before it did, with the six digits alone, still agrees).
 */
export function bindingProblems(claims: BoundClaims, cert: Certificate, sheets: number, kid?: Uint8Array): string[] {
  const problems: string[] = [];
  const printed = kid ? [formatSerial(claims.serial, kid), formatSerial(claims.serial)] : [formatSerial(claims.serial)];
  if (claims.issuer !== Number(cert.issuer.code)) problems.push(`issuer ${claims.issuer} ≠ ${cert.issuer.code}`);
  if (claims.certType !== CERT_TYPE_CODE[cert.kind]) problems.push(`certType ${claims.certType} ≠ ${cert.kind}`);
  if (claims.renderVersion !== cert.renderVersion) problems.push(`renderVersion ${claims.renderVersion} ≠ ${cert.renderVersion}`);
  if (!printed.includes(cert.serial)) problems.push(`serial ${claims.serial} ≠ ${cert.serial}`);
  if (claims.sheets !== sheets) problems.push(`sheets ${claims.sheets} ≠ ${sheets}`);
  const day = jstDay(new Date(claims.issuedAt * 1000));
  if (day !== cert.issuedOn) problems.push(`issued ${isoFromDay(day)} ≠ ${isoFromDay(cert.issuedOn)}`);
  const expected = sealOptionsOf(cert);
  const same = expected.size === claims.options.size && [...expected].every(([k, v]) => claims.options.get(k) === v);
  if (!same) problems.push('options differ from the content');
  return problems;
}
