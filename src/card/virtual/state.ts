/**
 * Where a virtual card keeps what a real card keeps in EEPROM across power cycles: its PIN retry
 * counters. The real counters survive removal and a new session (support.iam-jpki.jp FAQ:
 * "2 failures, walk away, 1 try left next time"), so demo cards persist them through this small
 * interface; `src/store/card-state.ts` implements it over IndexedDB, tests use the memory one.
 */
export type PinCounters = Readonly<Record<string, number>>;

export interface CardStateStore {
  /** The counters saved for `cardId`, or undefined for a card never seen (all tries left). */
  load(cardId: string): Promise<PinCounters | undefined>;
  save(cardId: string, counters: PinCounters): Promise<void>;
}

export class MemoryCardStateStore implements CardStateStore {
  private readonly cards = new Map<string, PinCounters>();
  async load(cardId: string): Promise<PinCounters | undefined> {
    const counters = this.cards.get(cardId);
    return counters && { ...counters };
  }
  async save(cardId: string, counters: PinCounters): Promise<void> {
    this.cards.set(cardId, { ...counters });
  }
}
