/**
 * A "reader" that hands APDUs straight to a virtual card: the shortest path, for the card-session
 * tests. Test-only: demo mode uses the virtual USB readers instead, so that the real driver code
 * runs.
 */
import type { CardConnection, CardReader } from '../reader.ts';
import { throwIfAborted } from '../../bytes/errors.ts';
import type { ApduResponder } from '../virtual/card.ts';

export class DirectReader implements CardReader {
  readonly kind = 'direct' as const;
  readonly label = 'virtual card (direct)';
  readonly path = 'in-page APDUs';
  constructor(private readonly card: ApduResponder) {}

  async connect(): Promise<CardConnection> {
    this.card.reset();
    const card = this.card;
    return {
      async transmit(command: Uint8Array, signal?: AbortSignal) {
        throwIfAborted(signal);
        return card.processApdu(command);
      },
      async disconnect() {
        card.reset();
      },
    };
  }

  async close(): Promise<void> {}
}
