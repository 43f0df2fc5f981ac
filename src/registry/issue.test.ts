import { expect } from '@open-wc/testing';
import { dayFromIso } from '../documents/dates.ts';
import type { CertificateRequest } from '../documents/options.ts';
import type { JuminhyoCertificate, KosekiCertificate } from '../documents/types.ts';
import { FUJIMI, SHIOMI, demoRegistry } from './demo.ts';
import { IneligibleError, buildCertificate } from './issue.ts';
import { allRequests } from './issue.fixtures.ts';
import { MemoryRegistry } from './registry.ts';
import { availabilityRefusals } from './rules.ts';
import { isValidMunicipalityCode, isValidMyNumber } from './validate.ts';
import { describeError, describeFailure } from '../ui/shared/error-messages.ts';

const ctx = { serial: 'T-1', issuedOn: dayFromIso('2026-11-25') };
const full = { householder: true, honseki: true, myNumber: true } as const;

async function refusalCodes(residentId: string, request: CertificateRequest): Promise<string[]> {
  try {
    await buildCertificate(new MemoryRegistry(demoRegistry), residentId, request, ctx);
    return [];
  } catch (error) {
    if (error instanceof IneligibleError) return error.refusals.map((r) => r.code);
    throw error;
  }
}

describe('demo registry', () => {
  it('covers the cases the issue lists', () => {
    const { residents, households, municipalities, seals, taxes, koseki } = demoRegistry;
    expect(municipalities.map((m) => m.code)).to.deep.equal([FUJIMI, SHIOMI]);
    for (const m of municipalities) expect(isValidMunicipalityCode(m.code), m.code).to.equal(true);
    expect(residents.length).to.be.at.least(12);
    expect(households.length).to.be.at.least(5);
    const sizes = households.map((h) => residents.filter((r) => r.householdId === h.id && r.deceasedOn === undefined).length);
    expect(sizes).to.include(6);
    expect(residents.some((r) => r.foreign)).to.equal(true);
    expect(residents.some((r) => r.dvSupport)).to.equal(true);
    expect(residents.some((r) => r.movingOutOn !== undefined)).to.equal(true);
    expect(residents.some((r) => r.deceasedOn !== undefined)).to.equal(true);
    expect(residents.some((r) => r.honseki?.municipality === FUJIMI)).to.equal(true);
    expect(residents.some((r) => r.honseki?.municipality === SHIOMI)).to.equal(true);
    expect(seals.length).to.be.at.least(1);
    expect(new Set(taxes.filter((t) => t.residentId === 'r-yoshida-makoto').map((t) => t.fiscalYear)).size).to.equal(2);
    const text = JSON.stringify(demoRegistry);
    for (const ch of ['髙', '﨑', '𠮷']) expect(text).to.contain(ch);
    for (const r of residents) if (r.myNumber) expect(isValidMyNumber(r.myNumber), r.id).to.equal(true);
    for (const r of residents) if (r.honseki) expect(koseki.some((k) => k.id === r.honseki!.kosekiId)).to.equal(true);
  });
});

describe('issuing certificates from the registry', () => {
  it('builds every type × option combination or refuses it with a reason', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    let built = 0;
    let refused = 0;
    for (const { residentId, request } of allRequests) {
      try {
        await buildCertificate(registry, residentId, request, ctx);
        built++;
      } catch (error) {
        expect(error, `${residentId} ${JSON.stringify(request)}`).to.be.instanceOf(IneligibleError);
        expect(describeError((error as IneligibleError), 'ja')).to.have.length.greaterThan(5);
        refused++;
      }
    }
    expect(built).to.be.greaterThan(150);
    expect(refused).to.be.greaterThan(0);
  });

  it('lists the living household, never the deceased, and only the chosen options', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const all = (await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', ...full }, ctx)) as JuminhyoCertificate;
    expect(all.persons.map((p) => p.name)).to.not.include('髙橋　正');
    expect(all.persons).to.have.length(6);
    expect(all.householder).to.equal('髙橋　一郎');
    expect(all.persons[0].honseki).to.equal('西海県汐見町大字浜崎123番地');
    expect(all.persons[0].myNumber).to.match(/^\d{12}$/);
    const plain = (await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'self', householder: false, honseki: false, myNumber: false }, ctx)) as JuminhyoCertificate;
    expect(plain.persons).to.have.length(1);
    for (const key of ['householder']) expect(plain).to.not.have.property(key);
    for (const key of ['relationship', 'honseki', 'hittosha', 'myNumber']) expect(plain.persons[0]).to.not.have.property(key);
    const kisai = (await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'kisai', scope: 'self', ...full }, ctx)) as JuminhyoCertificate;
    expect(kisai.persons[0]).to.not.have.property('myNumber');
    expect(kisai.persons[0]).to.not.have.property('honseki');
    expect(JSON.stringify(all)).to.not.match(/住民票コード/);
  });

  it('refuses under-15s, people moving out, DV support, the deceased, and households with a 転出予定者', async () => {
    const jumin: CertificateRequest = { kind: 'juminhyo', scope: 'self', householder: false, honseki: false, myNumber: false };
    expect(await refusalCodes('r-takahashi-shota', jumin)).to.include('under-15');
    expect(await refusalCodes('r-takahashi-misaki', jumin)).to.include('under-15');
    expect(await refusalCodes('r-teshigawara-chiyo', jumin)).to.include('moving-out');
    expect(await refusalCodes('r-sato-akemi', jumin)).to.include('dv-support');
    expect(await refusalCodes('r-takahashi-tadashi', jumin)).to.include('deceased');
    const movedToday = { ...demoRegistry, residents: demoRegistry.residents.map((r) => (r.id === 'r-newman-emily' ? { ...r, becameResidentOn: ctx.issuedOn } : r)) };
    const refused = await buildCertificate(new MemoryRegistry(movedToday), 'r-newman-emily', jumin, ctx).catch((e: IneligibleError) => e.refusals.map((r) => r.code));
    expect(refused).to.deep.equal(['moved-in-today']);
    expect(await refusalCodes('r-teshigawara-saemon', { ...jumin, scope: 'household' })).to.include('household-moving-out');
    expect(await refusalCodes('r-teshigawara-saemon', jumin)).to.deep.equal([]);
    // 佐藤陽菜 (17) may not list her mother, who is under a DV support measure.
    expect(await refusalCodes('r-sato-hina', { ...jumin, scope: 'some', memberIds: ['r-sato-hina', 'r-sato-akemi'] })).to.include('member-dv-support');
    expect(await refusalCodes('r-takahashi-ichiro', { ...jumin, scope: 'some', memberIds: ['r-takahashi-tadashi'] })).to.include('member-deceased');
    expect(await refusalCodes('r-takahashi-ichiro', { ...jumin, scope: 'some', memberIds: ['r-yoshida-yumi'] })).to.include('not-same-household');
  });

  it('follows the 本籍地 path: registered residents get the 戸籍 of another municipality, others are told to register', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const koseki = (await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'koseki', scope: 'all' }, ctx)) as KosekiCertificate;
    expect(koseki.issuer.code).to.equal(SHIOMI);
    expect(koseki.members.map((m) => m.name)).to.deep.equal(['髙橋　一郎', '花子', '健太', '美咲', '翔太']);
    const single = (await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'koseki', scope: 'individual' }, ctx)) as KosekiCertificate;
    expect(single.members).to.have.length(1);
    expect(await refusalCodes('r-takahashi-hanako', { kind: 'koseki', scope: 'all' })).to.include('koseki-registration-needed');
    expect(await refusalCodes('r-yoshida-yumi', { kind: 'koseki', scope: 'all' })).to.deep.equal([]);
    expect(await refusalCodes('r-newman-emily', { kind: 'fuhyo' })).to.include('no-koseki');
  });

  it('needs a registered seal and a tax record; 非課税 only when no tax was levied', async () => {
    expect(await refusalCodes('r-yoshida-makoto', { kind: 'inkan' })).to.deep.equal([]);
    expect(await refusalCodes('r-yoshida-yumi', { kind: 'inkan' })).to.include('no-seal');
    expect(await refusalCodes('r-yoshida-makoto', { kind: 'tax', taxKind: 'kazei', fiscalYear: 2024 })).to.deep.equal([]);
    expect(await refusalCodes('r-yoshida-makoto', { kind: 'tax', taxKind: 'kazei', fiscalYear: 2023 })).to.include('no-tax-record');
    expect(await refusalCodes('r-yoshida-makoto', { kind: 'tax', taxKind: 'hikazei', fiscalYear: 2025 })).to.include('not-hikazei');
    expect(await refusalCodes('r-takahashi-hanako', { kind: 'tax', taxKind: 'hikazei', fiscalYear: 2025 })).to.deep.equal([]);
  });

  it('links card certificates to residents', async () => {
    const registry = new MemoryRegistry(demoRegistry);
    const fingerprint = 'AB'.repeat(32);
    await registry.linkCard('r-yoshida-makoto', fingerprint);
    expect((await registry.residentByCard(fingerprint.toLowerCase()))?.id).to.equal('r-yoshida-makoto');
    expect(await registry.residentByCard('00'.repeat(32))).to.equal(undefined);
  });
});

describe('service hours', () => {
  const fujimi = demoRegistry.municipalities[0];
  const shiomi = demoRegistry.municipalities[1];
  // JST = UTC+9: build instants from JST wall-clock times.
  const jst = (iso: string) => new Date(`${iso}+09:00`);
  const codes = (m: typeof fujimi, kind: 'juminhyo' | 'koseki', iso: string) => availabilityRefusals(m, kind, jst(iso)).map((r) => r.code);

  it('opens 6:30–23:00 every day', () => {
    expect(codes(fujimi, 'juminhyo', '2026-11-25T06:29:59')).to.deep.equal(['outside-hours']);
    expect(codes(fujimi, 'juminhyo', '2026-11-25T06:30:00')).to.deep.equal([]);
    expect(codes(fujimi, 'juminhyo', '2026-11-29T22:59:00')).to.deep.equal([]); // a Sunday
    expect(codes(fujimi, 'juminhyo', '2026-11-25T23:00:00')).to.deep.equal(['outside-hours']);
  });

  it('closes from 12/29 to 1/3 across the new year', () => {
    expect(codes(fujimi, 'juminhyo', '2026-12-28T12:00:00')).to.deep.equal([]);
    expect(codes(fujimi, 'juminhyo', '2026-12-29T12:00:00')).to.deep.equal(['closed-period']);
    expect(codes(fujimi, 'juminhyo', '2027-01-01T12:00:00')).to.deep.equal(['closed-period']);
    const closed = availabilityRefusals(fujimi, 'juminhyo', jst('2027-01-01T12:00:00'))[0];
    expect(describeFailure(closed.code, closed.params, 'ja')).to.equal('12月29日から1月3日まではサービスを休止しています。');
    expect(codes(fujimi, 'juminhyo', '2027-01-03T22:00:00')).to.deep.equal(['closed-period']);
    expect(codes(fujimi, 'juminhyo', '2027-01-04T06:30:00')).to.deep.equal([]);
    expect(codes({ ...fujimi, closedDates: ['2026-11-25'] }, 'juminhyo', '2026-11-25T12:00:00')).to.deep.equal(['maintenance']);
  });

  it('limits 戸籍 to weekday office hours where the municipality says so', () => {
    expect(codes(shiomi, 'koseki', '2026-11-25T10:00:00')).to.deep.equal([]); // Wednesday
    expect(codes(shiomi, 'koseki', '2026-11-25T17:00:00')).to.deep.equal(['outside-koseki-hours']);
    expect(codes(shiomi, 'koseki', '2026-11-28T10:00:00')).to.deep.equal(['outside-koseki-hours']); // Saturday
    expect(codes(shiomi, 'juminhyo', '2026-11-28T10:00:00')).to.deep.equal([]);
    expect(codes(fujimi, 'koseki', '2026-11-28T21:00:00')).to.deep.equal([]);
  });

  describe('carried glyphs', () => {
    it('carries exactly the outlines of the certificate’s characters the registry holds, sorted', async () => {
      const registry = new MemoryRegistry(demoRegistry);
      const tsuji = await buildCertificate(registry, 'r-tsuji-katsuo', { kind: 'juminhyo', scope: 'self', ...full }, ctx);
      expect(tsuji.glyphs!.map((g) => g.cluster)).to.deep.equal(['\u8FBB\u{E0102}', '\uE000']);
      const yoshida = await buildCertificate(registry, 'r-yoshida-makoto', { kind: 'inkan' }, ctx);
      expect(yoshida.glyphs!.map((g) => g.cluster)).to.deep.equal(['\u{20BB7}']);
      const plain = await buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'self', ...full }, ctx);
      expect(plain.glyphs).to.equal(undefined);
      // Render version 2 only where the character rules draw something version 1 did not.
      expect([tsuji.renderVersion, yoshida.renderVersion, plain.renderVersion]).to.deep.equal([2, 2, 1]);
    });

    it('refuses a certificate whose outlines pass the cap, sending the resident to the counter', async () => {
      const [fujimi, shiomi] = demoRegistry.municipalities;
      const heavy = fujimi.glyphs!.map((g) => (g.cluster === '\uE000' ? { ...g, outline: btoa(String.fromCharCode(...new Uint8Array(2100))) } : g));
      const registry = new MemoryRegistry({ ...demoRegistry, municipalities: [{ ...fujimi, glyphs: heavy }, shiomi] });
      let error: unknown;
      try {
        await buildCertificate(registry, 'r-tsuji-katsuo', { kind: 'juminhyo', scope: 'self', ...full }, ctx);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(IneligibleError);
      expect((error as IneligibleError).refusals[0]).to.deep.include({ code: 'too-many-glyphs' });
      expect(describeError(error, 'ja')).to.contain('窓口');
    });
  });
});
