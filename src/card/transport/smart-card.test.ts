import { expect } from '@open-wc/testing';
import { CardSession, defaultAnchors } from '../session.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard, demoTrustAnchor } from '../virtual/demo-cards.ts';
import { VirtualSmartCardManager } from '../virtual/smart-card-api.ts';
import { MemoryCardStateStore } from '../virtual/state.ts';
import { CardError } from '../errors.ts';
import { WebSmartCardReader } from './smart-card.ts';

describe('card/transport: Web Smart Card API path', function () {
  this.timeout(30_000);

  it('authenticates and reads the basic items over PC/SC APDUs', async () => {
    const resident = DEMO_RESIDENTS[0];
    const manager = new VirtualSmartCardManager(await createVirtualDemoCard(resident, new MemoryCardStateStore()));
    const reader = await WebSmartCardReader.open(manager);
    expect(reader.label).to.contain('Virtual PC/SC Reader');
    const session = await CardSession.open(reader, { anchors: [...defaultAnchors(), await demoTrustAnchor()], now: () => new Date('2026-11-25T00:00:00Z') });
    const result = await session.authenticate({ pin: resident.authPin, challenge: new Uint8Array(32) });
    expect(result.demo).to.equal(true);
    expect((await session.readBasicInfo(resident.kenhojoPin)).name).to.equal(resident.name);
    await session.close();
  });

  it('maps SmartCardError response codes to typed errors', async () => {
    const card = await createVirtualDemoCard(DEMO_RESIDENTS[0], new MemoryCardStateStore());
    const manager = new VirtualSmartCardManager(null);
    const reader = await WebSmartCardReader.open(manager);
    expect(await reader.connect().catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.absent');
    manager.card = card;
    const connection = await reader.connect();
    manager.card = null;
    expect(await connection.transmit(new Uint8Array([0, 0xa4, 0, 0])).catch((e: unknown) => e)).to.be.instanceOf(CardError).and.have.property('code', 'card.removed');
  });
});
