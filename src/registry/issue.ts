/**
 * Assembles a certificate value from the registry for a requester and their chosen options,
 * after the eligibility rules. The result carries every printed string, so it can be sealed,
 * rendered and verified without the registry.
 */
import { KofuError, type ErrorParams, type ParamsOf } from '../bytes/errors.ts';
import type { RegistryErrorCode, RegistryErrorParams } from './errors.ts';
import type { DayNumber } from '../documents/dates.ts';
import type { CertificateRequest } from '../documents/options.ts';
import { CHARACTERS_RENDER_VERSION, RENDER_VERSION, type Certificate, type Impression, type Issuer, type JuminhyoPerson } from '../documents/types.ts';
import { fromBase64 } from '../bytes/bytes.ts';
import { carriedGlyphs, glyphTableOf, hasVariationSequence, MAX_CARRIED_GLYPH_BYTES } from './glyphs.ts';
import type { Municipality, Resident } from './model.ts';
import type { Registry } from './registry.ts';
import { kosekiRefusals, memberRefusals, refusal, requesterRefusals, type Refusal } from './rules.ts';

export class IneligibleError extends KofuError {
  override readonly name = 'IneligibleError';
  constructor(readonly refusals: readonly Refusal[]) {
    super(refusals[0].code, refusals[0].params as ErrorParams);
  }
}

export class RegistryLookupError extends KofuError<RegistryErrorCode, ParamsOf<RegistryErrorParams, RegistryErrorCode>> {
  override readonly name = 'RegistryLookupError';
}

const notFound = (what: string) => new RegistryLookupError('registry.not-found', { what });

export function issuerOf(m: Municipality): Issuer {
  return { code: m.code, name: `${m.prefecture}${m.name}`, mayorTitle: m.mayorTitle, mayorName: m.mayorName, sealText: m.sealText };
}

export interface IssueContext {
  readonly serial: string;
  readonly issuedOn: DayNumber;
}

/**
 * Throws IneligibleError listing every reason when the request cannot be served. The certificate
 * carries the outlines of its characters the certificate font lacks (src/registry/glyphs.ts).
 */
export async function buildCertificate(registry: Registry, requesterId: string, request: CertificateRequest, context: IssueContext): Promise<Certificate> {
  const cert = await assembleCertificate(registry, requesterId, request, context);
  const glyphs = carriedGlyphs(cert, glyphTableOf(await registry.municipalities(), cert.issuer.code));
  const bytes = glyphs.reduce((sum, g) => sum + g.outline.length, 0);
  if (bytes > MAX_CARRIED_GLYPH_BYTES) throw new IneligibleError([refusal('too-many-glyphs', { count: glyphs.length, bytes, max: MAX_CARRIED_GLYPH_BYTES })]);
  if (!glyphs.length && !hasVariationSequence(cert)) return cert;
  return { ...cert, renderVersion: CHARACTERS_RENDER_VERSION, ...(glyphs.length ? { glyphs } : {}) };
}

async function assembleCertificate(registry: Registry, requesterId: string, request: CertificateRequest, context: IssueContext): Promise<Certificate> {
  const requester = await registry.resident(requesterId);
  if (!requester) throw notFound(requesterId);
  const home = await registry.municipality(requester.municipality);
  if (!home) throw notFound(requester.municipality);
  const refusals = requesterRefusals(requester, context.issuedOn);
  if (refusals.length) throw new IneligibleError(refusals);
  const base = { renderVersion: RENDER_VERSION, serial: context.serial, issuedOn: context.issuedOn };

  switch (request.kind) {
    case 'juminhyo':
    case 'kisai': {
      const household = await registry.household(requester.householdId);
      if (!household) throw notFound(requester.householdId);
      const all = await registry.householdMembers(household.id);
      let members: Resident[];
      if (request.scope === 'self') members = [requester];
      // 消除者 (deceased or moved-out records) are never printed at a kiosk.
      else if (request.scope === 'household') members = all.filter((m) => m.deceasedOn === undefined);
      else {
        const ids = request.memberIds ?? [];
        if (!ids.length) throw new IneligibleError([refusal('no-members', {})]);
        members = [];
        for (const id of ids) {
          const m = await registry.resident(id);
          if (!m) throw notFound(id);
          members.push(m);
        }
        members.sort((a, b) => all.indexOf(all.find((x) => x.id === a.id)!) - all.indexOf(all.find((x) => x.id === b.id)!));
      }
      const memberProblems = request.scope === 'self' ? [] : memberRefusals(requester, members, all);
      if (memberProblems.length) throw new IneligibleError(memberProblems);
      const juminhyoOnly = request.kind === 'juminhyo';
      const persons: JuminhyoPerson[] = [];
      for (const m of members) {
        let honseki: string | undefined;
        let hittosha: string | undefined;
        if (juminhyoOnly && request.honseki && m.honseki && !m.foreign) {
          const k = await registry.koseki(m.honseki.kosekiId);
          if (!k) throw notFound(m.honseki.kosekiId);
          honseki = k.honseki;
          hittosha = k.hittosha;
        }
        persons.push(
          strip({
            name: m.name,
            kana: m.kana,
            birth: m.birth,
            sex: m.sex,
            relationship: request.householder ? m.relationship : undefined,
            becameResidentOn: m.becameResidentOn,
            addressSetOn: m.addressSetOn,
            reportedOn: m.reportedOn,
            previousAddress: m.previousAddress,
            honseki,
            hittosha,
            myNumber: juminhyoOnly && request.myNumber ? m.myNumber : undefined,
            foreign: m.foreign ? { ...m.foreign } : undefined,
          }),
        );
      }
      const head = all.find((m) => m.id === household.headId);
      return strip({
        kind: request.kind,
        ...base,
        issuer: issuerOf(home),
        scope: request.scope,
        address: household.address,
        householder: request.householder ? head?.name : undefined,
        persons,
      });
    }
    case 'inkan': {
      const seal = await registry.seal(requester.id);
      if (!seal) throw new IneligibleError([refusal('no-seal', {})]);
      const household = await registry.household(requester.householdId);
      const impression: Impression =
        seal.impression.type === 'text'
          ? { ...seal.impression }
          : { type: 'bitmap', width: seal.impression.width, height: seal.impression.height, bits: fromBase64(seal.impression.bitsBase64) };
      return { kind: 'inkan', ...base, issuer: issuerOf(home), registrationNumber: seal.registrationNumber, name: requester.name, kana: requester.kana, birth: requester.birth, sex: requester.sex, address: household?.address ?? '', impression };
    }
    case 'tax': {
      const record = (await registry.taxRecords(requester.id)).find((t) => t.fiscalYear === request.fiscalYear);
      if (!record) throw new IneligibleError([refusal('no-tax-record', { fiscalYear: request.fiscalYear })]);
      const f = record.figures;
      if (request.taxKind === 'hikazei' && f.municipalPerCapita + f.municipalIncomeLevy + f.prefecturalPerCapita + f.prefecturalIncomeLevy > 0) {
        throw new IneligibleError([refusal('not-hikazei', {})]);
      }
      return { kind: 'tax', ...base, issuer: issuerOf(home), taxKind: request.taxKind, fiscalYear: record.fiscalYear, name: requester.name, birth: requester.birth, address: record.addressOnJan1, figures: { ...f } };
    }
    case 'koseki':
    case 'fuhyo': {
      const problems = kosekiRefusals(requester);
      if (problems.length) throw new IneligibleError(problems);
      const k = await registry.koseki(requester.honseki!.kosekiId);
      if (!k) throw notFound(requester.honseki!.kosekiId);
      const keeper = await registry.municipality(k.municipality);
      if (!keeper) throw notFound(k.municipality);
      if (!k.members.some((m) => m.residentId === requester.id)) {
        throw new IneligibleError([refusal('not-in-koseki', {})]);
      }
      if (request.kind === 'koseki') {
        const members = request.scope === 'all' ? k.members : k.members.filter((m) => m.residentId === requester.id);
        return {
          kind: 'koseki',
          ...base,
          issuer: issuerOf(keeper),
          scope: request.scope,
          honseki: k.honseki,
          hittosha: k.hittosha,
          kosekiEvents: k.events.map((e) => ({ ...e })),
          members: members.map((m) => strip({ name: m.name, birth: m.birth, sex: m.sex, father: m.father, mother: m.mother, relationship: m.relationship, events: m.events.map((e) => ({ ...e })), removed: m.removed || undefined })),
        };
      }
      return {
        kind: 'fuhyo',
        ...base,
        issuer: issuerOf(keeper),
        honseki: k.honseki,
        hittosha: k.hittosha,
        members: k.members.filter((m) => !m.removed).map((m) => ({ name: m.name, birth: m.birth, sex: m.sex, addresses: m.addressHistory.map((a) => ({ ...a })) })),
      };
    }
  }
}

/** Drops undefined properties so a certificate equals its decoded seal content field for field. */
function strip<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}
