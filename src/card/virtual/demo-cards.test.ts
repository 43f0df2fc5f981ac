import { expect } from '@open-wc/testing';
import { isoFromDay } from '../../documents/dates.ts';
import { demoRegistry } from '../../registry/demo.ts';
import { CardSession, defaultAnchors } from '../session.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard, demoTrustAnchor } from './demo-cards.ts';
import { DirectReader } from './direct.ts';
import { MemoryCardStateStore } from './state.ts';

describe('card/virtual: demo cards match the demo registry', function () {
  this.timeout(30_000);

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
