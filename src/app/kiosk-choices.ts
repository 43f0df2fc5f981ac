/**
 * What the resident can choose at the kiosk: the six certificates, each with the reasons it cannot
 * be issued now (registry rules, research/card-reading.md §5.3), and the request each one starts
 * from on the options screen.
 */
import { jstDay } from '../documents/dates.ts';
import type { CertificateRequest } from '../documents/options.ts';
import { CERTIFICATE_KINDS, type CertificateKind } from '../documents/types.ts';
import type { Municipality, Resident } from '../registry/model.ts';
import type { Registry } from '../registry/registry.ts';
import { availabilityRefusals, kosekiRefusals, refusal, requesterRefusals, type Refusal } from '../registry/rules.ts';

export interface KindChoice {
  readonly kind: CertificateKind;
  readonly fee: number;
  /** Empty when the kind can be chosen. */
  readonly refusals: readonly Refusal[];
  /** The municipality that issues this kind (戸籍 and 附票: the 本籍地). */
  readonly issuer: string;
}

export interface HouseholdMember {
  readonly id: string;
  readonly name: string;
  readonly relationship: string;
}

/** The six certificates for `resident` (living in `home`) at `now`, in CERTIFICATE_KINDS order. */
export async function kindChoices(registry: Registry, resident: Resident, home: Municipality | undefined, now: Date): Promise<KindChoice[]> {
  const today = jstDay(now);
  const personal = requesterRefusals(resident, today);
  const out: KindChoice[] = [];
  for (const kind of CERTIFICATE_KINDS) {
    let issuer = home;
    const refusals: Refusal[] = [...personal];
    if (kind === 'koseki' || kind === 'fuhyo') {
      const problems = kosekiRefusals(resident);
      refusals.push(...problems);
      if (!problems.length && resident.honseki) {
        const keeper = await registry.municipality((await registry.koseki(resident.honseki.kosekiId))?.municipality ?? resident.honseki.municipality);
        issuer = keeper ?? home;
      }
    }
    if (kind === 'inkan' && !(await registry.seal(resident.id))) {
      refusals.push(refusal('no-seal', {}));
    }
    if (kind === 'tax' && !(await registry.taxRecords(resident.id)).length) {
      refusals.push(refusal('no-tax-record', {}));
    }
    if (!issuer) refusals.push({ code: 'no-municipality', params: {} });
    else refusals.push(...availabilityRefusals(issuer, kind, now));
    out.push({ kind, fee: issuer?.fees[kind] ?? 0, refusals: dedupe(refusals), issuer: issuer ? `${issuer.prefecture}${issuer.name}` : '' });
  }
  return out;
}

function dedupe(refusals: readonly Refusal[]): Refusal[] {
  const seen = new Set<string>();
  return refusals.filter((r) => !seen.has(r.code) && seen.add(r.code));
}

export function defaultRequest(kind: CertificateKind, residentId: string, fiscalYear?: number): CertificateRequest {
  switch (kind) {
    case 'juminhyo':
    case 'kisai':
      return { kind, scope: 'self', memberIds: [residentId], householder: false, honseki: false, myNumber: false };
    case 'inkan':
      return { kind };
    case 'tax':
      return { kind, taxKind: 'shotoku-kazei', fiscalYear: fiscalYear ?? 0 };
    case 'koseki':
      return { kind, scope: 'individual' };
    case 'fuhyo':
      return { kind };
  }
}

/** 住民票記載事項証明書 never carries 本籍 or 個人番号; 住民票コード is never offered at all. */
export function sanitizeRequest(request: CertificateRequest): CertificateRequest {
  if (request.kind === 'kisai') return { ...request, honseki: false, myNumber: false };
  return request;
}
