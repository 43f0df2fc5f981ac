/**
 * IndexedDB home of the demo cards' PIN retry counters (store `cardState`, key = card id), so
 * that a demo card behaves like a real one: two wrong PINs, a page reload, and one try is left.
 * Implements the card domain's `CardStateStore`.
 */
import type { CardStateStore, PinCounters } from '../card/virtual/state.ts';
import type { KofuDatabase } from './database.ts';
import { StoreName } from './schema.ts';

export class IndexedDbCardStateStore implements CardStateStore {
  constructor(private readonly db: KofuDatabase) {}

  async load(cardId: string): Promise<PinCounters | undefined> {
    return (await this.db.get(StoreName.cardState, cardId)) as PinCounters | undefined;
  }

  /** One read-write transaction: IndexedDB runs overlapping ones one after the other, across tabs too. */
  async update(cardId: string, initial: PinCounters, change: (counters: PinCounters) => PinCounters): Promise<PinCounters> {
    const tx = this.db.transaction(StoreName.cardState, 'readwrite');
    const saved = (await tx.store.get(cardId)) as PinCounters | undefined;
    const next = { ...change({ ...initial, ...saved }) };
    await tx.store.put(next, cardId);
    await tx.done;
    return next;
  }

  /** Staff action in demo mode: give every demo card its full tries back. */
  async resetAll(): Promise<void> {
    await this.db.clear(StoreName.cardState);
  }
}
