import { expect } from '@open-wc/testing';
import { isoFromDay } from '../../documents/dates.ts';
import { demoRegistry } from '../../registry/demo.ts';
import { CardSession, defaultAnchors } from '../session.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard, demoTrustAnchor, getDemoCa, getDemoCard } from './demo-cards.ts';
import { sha256, toHex } from '../../bytes/bytes.ts';
import { DirectReader } from '../testing/direct.ts';
import { MemoryCardStateStore } from './state.ts';

/**
 * Golden SHA-256 of the demo certificates (DER). The same values come out of Node's build
 * (tests/node/card-interop.test.mjs) and out of `npm run conformance`: the certificates are
 * deterministic, so every tablet and every demo shows the same serials and fingerprints.
 */
const GOLDEN_CERTIFICATE_SHA256: Readonly<Record<string, string>> = {
  'demo-ca': '2c0d9d0f662f9513caa4df6bc63f93450cfd07391a537ab5aa7ed936282dc849',
  'demo-card-0001': '95f26b3e007d92dac99166db64fb762fbcd87945f6f5778a2a1d76975dd27c07',
  'demo-card-0002': '0a4acf1d3dbfededca6e5159e43ed0e88bdac6397ea9810477c75ee77fa63f04',
  'demo-card-0003': '4dae9579c9b699479240606865f0e066e0d8ad4b612a3775f726d0649736e042',
  'demo-card-0004': 'f486f7dd7d509ca43376c784f2b1c9b38629d1f07b8dbf464d9a81629b06ad01',
  'demo-card-0005': 'a65ebe7860c59a93b832de82b619c8360391aa0bf9d7106ee5a4917d10fa8e34',
};

describe('card/virtual: demo cards match the demo registry', function () {
  this.timeout(30_000);

  it('builds byte-identical certificates everywhere (golden hashes)', async () => {
    expect(toHex(await sha256(new Uint8Array((await getDemoCa()).authCa.rawData)))).to.equal(GOLDEN_CERTIFICATE_SHA256['demo-ca']);
    for (const card of DEMO_RESIDENTS) {
      const demo = await getDemoCard(card);
      expect(toHex(await sha256(new Uint8Array(demo.authCert.rawData))), card.cardId).to.equal(GOLDEN_CERTIFICATE_SHA256[card.cardId]);
    }
  });

  for (const card of DEMO_RESIDENTS) {
    it(`${card.cardId} carries the 券面事項 of ${card.registryResidentId}, readable through the kenhojo AP`, async () => {
      const resident = demoRegistry.residents.find((r) => r.id === card.registryResidentId);
      expect(resident, card.registryResidentId).to.not.equal(undefined);
      const household = demoRegistry.households.find((h) => h.id === resident!.householdId);
      expect(card.name).to.equal(resident!.name);
      expect(card.myNumber).to.equal(resident!.myNumber);
      expect(card.birthDate).to.equal(isoFromDay(resident!.birth).replace(/-/g, ''));
      expect(card.sex).to.equal(resident!.sex === 'M' ? '1' : '2');
      expect(card.address).to.equal(household!.address);

      const virtual = await createVirtualDemoCard(card, new MemoryCardStateStore());
      const session = await CardSession.open(new DirectReader(virtual), { anchors: [...defaultAnchors(), await demoTrustAnchor()], now: () => new Date('2026-11-25T00:00:00Z') });
      const info = await session.readBasicInfo(card.kenhojoPin);
      expect(info).to.deep.include({ name: card.name, address: card.address, birthDate: card.birthDate });
      expect(await session.readMyNumber(card.kenhojoPin)).to.equal(card.myNumber);
      expect((await session.authenticate({ pin: card.authPin, challenge: new Uint8Array(16) })).serialNumber).to.equal(card.authCertSerial);
    });
  }
});
