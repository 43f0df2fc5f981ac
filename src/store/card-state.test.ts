import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { fromHex, toHex } from '../bytes/bytes.ts';
import { DEMO_RESIDENTS, createVirtualDemoCard } from '../card/virtual/demo-cards.ts';
import { IndexedDbCardStateStore } from './card-state.ts';
import { openDatabase } from './database.ts';
import { StoreName, backupStores } from './schema.ts';

describe('store/card-state: demo card PIN counters in IndexedDB', function () {
  this.timeout(30_000);
  const name = `kofu-card-state-${Date.now()}`;
  after(async () => deleteDB(name));

  it('keeps a wrong-PIN count across a reload of the database', async () => {
    const resident = DEMO_RESIDENTS[0];
    let db = await openDatabase({ name });
    let card = await createVirtualDemoCard(resident, new IndexedDbCardStateStore(db));
    await card.processApdu(fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01'));
    await card.processApdu(fromHex('00 A4 02 0C 02 00 18'));
    await card.processApdu(fromHex('00 20 00 80 04 39 39 39 39'));
    db.close();
    db = await openDatabase({ name });
    card = await createVirtualDemoCard(resident, new IndexedDbCardStateStore(db));
    expect(card.triesLeft('jpki', 0x18)).to.equal(2);
    await new IndexedDbCardStateStore(db).resetAll();
    card = await createVirtualDemoCard(resident, new IndexedDbCardStateStore(db));
    expect(card.triesLeft('jpki', 0x18)).to.equal(3);
    expect(backupStores).to.include(StoreName.cardState);
    db.close();
  });

  /** SELECT JPKI AP, SELECT EF 0018: what the kiosk sends before a VERIFY. */
  const selectAuthPin = async (card: Awaited<ReturnType<typeof createVirtualDemoCard>>) => {
    await card.processApdu(fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01'));
    await card.processApdu(fromHex('00 A4 02 0C 02 00 18'));
  };
  const WRONG_PIN = fromHex('00 20 00 80 04 39 39 39 39');
  const STATUS = fromHex('00 20 00 80');

  it('two tabs (two card objects over one store) share one count: the third wrong PIN locks the card', async () => {
    const db = await openDatabase({ name });
    const resident = DEMO_RESIDENTS[1];
    const store = new IndexedDbCardStateStore(db);
    await store.resetAll();
    // Both tabs opened the card before either spent a try.
    const [first, second] = [await createVirtualDemoCard(resident, store), await createVirtualDemoCard(resident, store)];
    await selectAuthPin(first);
    await selectAuthPin(second);
    expect(toHex(await first.processApdu(WRONG_PIN))).to.equal('63c2');
    expect(toHex(await second.processApdu(STATUS)), 'the other tab sees the try spent').to.equal('63c2');
    expect(toHex(await second.processApdu(WRONG_PIN))).to.equal('63c1');
    expect(toHex(await first.processApdu(WRONG_PIN)), 'the stale tab does not write 2 back').to.equal('63c0');
    expect(toHex(await second.processApdu(WRONG_PIN))).to.equal('6984');
    expect((await store.load(resident.cardId))?.['jpki/0018']).to.equal(0);
    await store.resetAll();
    db.close();
  });

  it('four tabs sending a wrong PIN at once spend three tries and lock the card, not one', async () => {
    const db = await openDatabase({ name });
    const resident = DEMO_RESIDENTS[1];
    const store = new IndexedDbCardStateStore(db);
    await store.resetAll();
    const tabs = await Promise.all(Array.from({ length: 4 }, () => createVirtualDemoCard(resident, store)));
    for (const tab of tabs) await selectAuthPin(tab);
    const answers = (await Promise.all(tabs.map((tab) => tab.processApdu(WRONG_PIN)))).map((answer) => toHex(answer)).sort();
    expect(answers).to.deep.equal(['63c0', '63c1', '63c2', '6984']);
    expect((await store.load(resident.cardId))?.['jpki/0018']).to.equal(0);
    await store.resetAll();
    db.close();
  });
});
