/**
 * Where a virtual card keeps what a real card keeps in EEPROM across power cycles: its PIN retry
 * counters. The real counters survive removal and a new session (support.iam-jpki.jp FAQ:
 * "2 failures, walk away, 1 try left next time"), so demo cards persist them through this small
 * interface; `src/store/card-state.ts` implements it over IndexedDB, tests use the memory one.
 *
 * Two tabs on one tablet hold two card objects over the same store, like two readers over one
 * EEPROM. So the store, not the card object, holds the count: every VERIFY reads it afresh, and a
 * try is spent by `update`, which reads, changes and writes in one transaction — a card object
 * never writes back a count it read earlier.
 */
export type PinCounters = Readonly<Record<string, number>>;

export interface CardStateStore {
  /** The counters saved for `cardId`, or undefined for a card never seen (all tries left). */
  load(cardId: string): Promise<PinCounters | undefined>;
  /**
   * Reads the saved counters (`initial` for a card never seen), applies `change` and saves what it
   * returns, all in one transaction; resolves to the saved counters. `change` must be synchronous.
   */
  update(cardId: string, initial: PinCounters, change: (counters: PinCounters) => PinCounters): Promise<PinCounters>;
}

export class MemoryCardStateStore implements CardStateStore {
  private readonly cards = new Map<string, PinCounters>();
  async load(cardId: string): Promise<PinCounters | undefined> {
    const counters = this.cards.get(cardId);
    return counters && { ...counters };
  }
  async update(cardId: string, initial: PinCounters, change: (counters: PinCounters) => PinCounters): Promise<PinCounters> {
    const next = { ...change({ ...initial, ...this.cards.get(cardId) }) };
    this.cards.set(cardId, next);
    return { ...next };
  }
}
