/**
 * Every certificate type × option combination for every demo resident: the test matrix for the
 * issue builder, the codec and the renderer.
 */
import type { CertificateRequest } from '../documents/options.ts';
import { TAX_KINDS } from '../documents/types.ts';
import { demoRegistry } from './demo.ts';

export interface RequestCase {
  readonly residentId: string;
  readonly request: CertificateRequest;
}

function casesFor(residentId: string): RequestCase[] {
  const me = demoRegistry.residents.find((r) => r.id === residentId)!;
  const others = demoRegistry.residents.filter((r) => r.householdId === me.householdId && r.id !== me.id && r.deceasedOn === undefined);
  const some = [me.id, ...others.slice(0, 1).map((r) => r.id)];
  const out: CertificateRequest[] = [];
  const bools = [false, true];
  for (const scope of ['self', 'household', 'some'] as const) {
    for (const householder of bools) {
      for (const honseki of bools) for (const myNumber of bools) out.push({ kind: 'juminhyo', scope, memberIds: scope === 'some' ? some : undefined, householder, honseki, myNumber });
      out.push({ kind: 'kisai', scope, memberIds: scope === 'some' ? some : undefined, householder, honseki: false, myNumber: false });
    }
  }
  out.push({ kind: 'inkan' });
  for (const taxKind of TAX_KINDS) for (const fiscalYear of [2024, 2025]) out.push({ kind: 'tax', taxKind, fiscalYear });
  out.push({ kind: 'koseki', scope: 'all' }, { kind: 'koseki', scope: 'individual' }, { kind: 'fuhyo' });
  return out.map((request) => ({ residentId, request }));
}

export const allRequests: readonly RequestCase[] = demoRegistry.residents.flatMap((r) => casesFor(r.id));
