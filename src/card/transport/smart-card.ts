/**
 * The Web Smart Card API (WICG/web-smart-card; `navigator.smartCard`, Isolated Web Apps only):
 * PC/SC through the OS driver, so any reader the OS knows gives plain APDUs — no reader
 * protocol and no T=CL in kofu. The types below are the subset kofu uses (TypeScript's DOM
 * library does not declare the API). SmartCardError.responseCode values map to kofu's errors.
 */
import { throwIfAborted } from '../../bytes/errors.ts';
import type { CardConnection, CardReader } from '../reader.ts';
import { CardError } from '../errors.ts';

export interface SmartCardConnectionLike {
  transmit(sendBuffer: BufferSource, options?: { protocol?: 't0' | 't1' | 'raw' }): Promise<ArrayBuffer>;
  disconnect(disposition?: 'leave' | 'reset' | 'unpower' | 'eject'): Promise<void>;
}

export interface SmartCardContextLike {
  listReaders(): Promise<string[]>;
  connect(
    readerName: string,
    accessMode: 'shared' | 'exclusive' | 'direct',
    options?: { preferredProtocols?: Array<'t0' | 't1' | 'raw'>; signal?: AbortSignal },
  ): Promise<{ connection: SmartCardConnectionLike; activeProtocol?: 't0' | 't1' | 'raw' }>;
}

export interface SmartCardResourceManagerLike {
  establishContext(): Promise<SmartCardContextLike>;
}

/** `navigator.smartCard` where the browser offers it (an Isolated Web App with the `smart-card` policy). */
export function smartCardManager(): SmartCardResourceManagerLike | undefined {
  return (globalThis.navigator as unknown as { smartCard?: SmartCardResourceManagerLike } | undefined)?.smartCard;
}

/** Maps a SmartCardError (by its responseCode) to kofu's typed errors. */
export function smartCardFailure(cause: unknown, what: string): CardError {
  if (cause instanceof CardError) return cause;
  const code = (cause as { responseCode?: string } | null)?.responseCode;
  switch (code) {
    case 'no-smartcard':
      return new CardError('card.absent', { detail: `${what}: no-smartcard` });
    case 'removed-card':
    case 'reset-card':
    case 'unpowered-card':
    case 'unresponsive-card':
      return new CardError('card.removed', { detail: `${what}: ${code}` });
    case 'reader-unavailable':
    case 'unknown-reader':
    case 'no-service':
      return new CardError('card.reader-unplugged', { detail: `${what}: ${code}` });
    default:
      return new CardError('card.reader-protocol', { detail: `${what}: ${code ?? (cause instanceof Error ? cause.message : String(cause))}` }, { cause });
  }
}

export class WebSmartCardReader implements CardReader {
  readonly kind = 'smart-card-api' as const;

  constructor(
    private readonly context: SmartCardContextLike,
    readonly readerName: string,
  ) {}

  readonly path = 'Web Smart Card API (PC/SC through the OS driver)';

  get label(): string {
    return `${this.readerName} (PC/SC)`;
  }

  /** Establishes a context and picks the reader: the named one, or the first the OS lists. */
  static async open(manager: SmartCardResourceManagerLike, readerName?: string): Promise<WebSmartCardReader> {
    let context: SmartCardContextLike;
    let readers: string[];
    try {
      context = await manager.establishContext();
      readers = await context.listReaders();
    } catch (cause) {
      throw smartCardFailure(cause, 'establishContext/listReaders');
    }
    const name = readerName ?? readers[0];
    if (!name || !readers.includes(name)) throw new CardError('card.reader-unplugged', { detail: `PC/SC lists ${readers.length ? readers.join(', ') : 'no readers'}` });
    return new WebSmartCardReader(context, name);
  }

  async connect(signal?: AbortSignal): Promise<CardConnection> {
    throwIfAborted(signal);
    let connection: SmartCardConnectionLike;
    try {
      ({ connection } = await this.context.connect(this.readerName, 'shared', { preferredProtocols: ['t1', 't0'] }));
    } catch (cause) {
      throw smartCardFailure(cause, 'connect');
    }
    return {
      async transmit(apdu: Uint8Array, transmitSignal?: AbortSignal) {
        throwIfAborted(transmitSignal);
        try {
          return new Uint8Array(await connection.transmit(apdu as Uint8Array<ArrayBuffer>));
        } catch (cause) {
          throw smartCardFailure(cause, 'transmit');
        }
      },
      async disconnect() {
        try {
          await connection.disconnect('reset');
        } catch {
          // already gone
        }
      },
    };
  }

  async close(): Promise<void> {}
}
