import { expect } from '@open-wc/testing';
import { decode, encode, rfc8949EncodeOptions } from 'cborg';
import fc from 'fast-check';
import { dayFromIso } from './dates.ts';
import { SealContentError, fromSealContent, toSealContent, type SealValue } from './codec.ts';
import { RENDER_VERSION, SUPPORTED_RENDER_VERSIONS, TAX_KINDS, type Certificate, type Issuer, type JuminhyoCertificate, type JuminhyoPerson } from './types.ts';
import { demoRegistry } from '../registry/demo.ts';
import { MemoryRegistry } from '../registry/registry.ts';
import { buildCertificate } from '../registry/issue.ts';
import { allRequests } from '../registry/issue.fixtures.ts';

const cbor = (value: unknown) => encode(value, rfc8949EncodeOptions);
const uncbor = (bytes: Uint8Array) => decode(bytes, { useMaps: true });

// Any Unicode text, including astral characters such as 𠮷 (U+20BB7).
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const day = fc.integer({ min: -40_000, max: 60_000 });
const sex = fc.constantFrom('M' as const, 'F' as const);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const relationship = fc.oneof(fc.constantFrom('世帯主', '妻', '子', '長男', '母'), text);

/** Removes undefined properties, as the issue builder does. */
function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
    return out as T;
  }
  return value;
}

const issuer: fc.Arbitrary<Issuer> = fc.record({
  code: fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')),
  name: text,
  mayorTitle: text,
  mayorName: text,
  sealText: text,
});
const common = { renderVersion: fc.constant(RENDER_VERSION), serial: text, issuedOn: day, issuer };
const person: fc.Arbitrary<JuminhyoPerson> = fc.record({
  name: text,
  kana: opt(text),
  birth: day,
  sex,
  relationship: opt(relationship),
  becameResidentOn: day,
  addressSetOn: day,
  reportedOn: opt(day),
  previousAddress: opt(text),
  honseki: opt(text),
  hittosha: opt(text),
  myNumber: opt(fc.stringMatching(/^\d{12}$/)),
  foreign: opt(fc.record({ nationality: text, category: fc.oneof(fc.constant('中長期在留者'), text), status: text, periodEnd: day, cardNumber: text })),
});
const event = fc.record({ label: fc.oneof(fc.constantFrom('出生', '婚姻', '死亡'), text), date: day, detail: text });
const int = fc.integer({ min: 0, max: 2 ** 40 });

const certificate: fc.Arbitrary<Certificate> = fc.oneof(
  fc.record({ kind: fc.constantFrom('juminhyo' as const, 'kisai' as const), ...common, scope: fc.constantFrom('self' as const, 'household' as const, 'some' as const), address: text, householder: opt(text), persons: fc.array(person, { maxLength: 8 }) }),
  fc.record({
    kind: fc.constant('inkan' as const),
    ...common,
    registrationNumber: text,
    name: text,
    kana: opt(text),
    birth: day,
    sex,
    address: text,
    impression: fc.oneof(
      fc.record({ type: fc.constant('text' as const), text, shape: fc.constantFrom('round' as const, 'square' as const) }),
      fc.record({ type: fc.constant('bitmap' as const), width: fc.integer({ min: 1, max: 64 }), height: fc.integer({ min: 1, max: 64 }), bits: fc.uint8Array({ maxLength: 512 }) }),
    ),
  }),
  fc.record({
    kind: fc.constant('tax' as const),
    ...common,
    taxKind: fc.constantFrom(...TAX_KINDS),
    fiscalYear: fc.integer({ min: 1990, max: 2100 }),
    name: text,
    birth: day,
    address: text,
    figures: fc.record({ salaryRevenue: int, salaryIncome: int, otherIncome: int, totalIncome: int, deductions: int, taxableIncome: int, dependents: fc.nat(20), municipalPerCapita: int, municipalIncomeLevy: int, prefecturalPerCapita: int, prefecturalIncomeLevy: int }),
  }),
  fc.record({
    kind: fc.constant('koseki' as const),
    ...common,
    scope: fc.constantFrom('all' as const, 'individual' as const),
    honseki: text,
    hittosha: text,
    kosekiEvents: fc.array(event, { maxLength: 3 }),
    members: fc.array(fc.record({ name: text, birth: day, sex, father: opt(text), mother: opt(text), relationship, events: fc.array(event, { maxLength: 4 }), removed: opt(fc.constant(true)) }), { maxLength: 5 }),
  }),
  fc.record({
    kind: fc.constant('fuhyo' as const),
    ...common,
    honseki: text,
    hittosha: text,
    members: fc.array(fc.record({ name: text, birth: day, sex, addresses: fc.array(fc.record({ address: text, setOn: day }), { maxLength: 4 }) }), { maxLength: 5 }),
  }),
).map(clean);

describe('seal content codec', () => {
  it('round-trips any certificate through deterministic CBOR', () => {
    fc.assert(
      fc.property(certificate, (cert) => {
        const bytes = cbor(toSealContent(cert));
        const back = fromSealContent(uncbor(bytes));
        expect(back).to.deep.equal(cert);
        // Deterministic: the decoded value encodes to the same bytes.
        expect([...cbor(toSealContent(back))]).to.deep.equal([...bytes]);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts decoded maps as plain objects with numeric keys too', () => {
    const cert = fc.sample(certificate, { numRuns: 1, seed: 7 })[0];
    const toObject = (v: unknown): unknown =>
      v instanceof Map ? Object.fromEntries([...v].map(([k, x]) => [String(k), toObject(x)])) : Array.isArray(v) ? v.map(toObject) : v;
    expect(fromSealContent(toObject(toSealContent(cert)))).to.deep.equal(cert);
  });

  it('rejects unknown keys, wrong types, spelled-out dictionary words and unknown render versions', () => {
    const cert = fc.sample(certificate.filter((c) => c.kind === 'tax'), { numRuns: 1, seed: 3 })[0];
    const content = toSealContent(cert);
    const withExtra = new Map(content).set(99, 1);
    expect(() => fromSealContent(withExtra)).to.throw(SealContentError);
    expect(() => fromSealContent(new Map(content).set(2, 5))).to.throw(SealContentError);
    expect(() => fromSealContent(new Map(content).set(1, Math.max(...SUPPORTED_RENDER_VERSIONS) + 1)))
      .to.throw(SealContentError)
      .with.property('code', 'seal-content.render-version');
    // Version 2 (carried outlines) is read; version 1 with outlines is not a certificate any issuer wrote.
    const glyphs = [new Map<number, SealValue>([[0, '𠮷'], [1, new Uint8Array([1, 0, 0])]])];
    expect(fromSealContent(new Map(content).set(1, 2).set(30, glyphs)).glyphs).to.have.length(1);
    expect(() => fromSealContent(new Map(content).set(30, glyphs))).to.throw().with.property('code', 'seal-content.invalid');
    expect(() => fromSealContent(new Map([[0, 42]]))).to.throw(SealContentError);
    expect(() => fromSealContent('nope')).to.throw(SealContentError);
    const person = new Map<number, unknown>([[0, 'a'], [2, 0], [3, 0], [4, '妻'], [5, 0], [6, 0]]);
    const juminhyo = new Map<number, unknown>([[0, 0], [1, RENDER_VERSION], [2, 's'], [3, 0], [4, new Map<number, unknown>([[0, 1], [1, 'x'], [2, 'x'], [3, 'x'], [4, 'x']])], [5, 0], [6, 'addr'], [8, [person]]]);
    expect(() => fromSealContent(juminhyo)).to.throw(SealContentError).with.nested.property('params.problem', 'dictionary word spelled out');
    person.set(4, 1);
    expect((fromSealContent(juminhyo) as JuminhyoCertificate).persons[0].relationship).to.equal('妻');
  });

  it('keeps the demo certificates within the seal budget (1 person ≤ 450 B, 6 persons ≤ 1,900 B)', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const ctx = { serial: 'R8-000123', issuedOn: dayFromIso('2026-11-25') };
    const full = { householder: true, honseki: true, myNumber: true } as const;
    const one = await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'self', ...full }, ctx);
    const six = await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', ...full }, ctx);
    const oneBytes = cbor(toSealContent(one)).length;
    const sixBytes = cbor(toSealContent(six)).length;
    console.log(`seal content: 住民票 1 person ${oneBytes} B, 6 persons ${sixBytes} B`);
    expect((six as JuminhyoCertificate).persons).to.have.length(6);
    expect(oneBytes).to.be.at.most(450);
    expect(sixBytes).to.be.at.most(1900);
  });

  it('round-trips every demo certificate the kiosk can issue', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    for (const { residentId, request } of allRequests) {
      let cert: Certificate;
      try {
        cert = await buildCertificate(registry, residentId, request, { serial: 'X-1', issuedOn: dayFromIso('2026-11-25') });
      } catch {
        continue; // refusals are tested in the registry suite
      }
      expect(fromSealContent(uncbor(cbor(toSealContent(cert))))).to.deep.equal(cert);
    }
  });
});
