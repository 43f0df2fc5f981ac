import { expect } from '@open-wc/testing';
import { deleteDB } from 'idb';
import { fromHex } from '../bytes/bytes.ts';
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
});
