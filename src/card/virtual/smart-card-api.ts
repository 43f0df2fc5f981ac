/**
 * A stand-in for `navigator.smartCard` backed by a virtual card, shaped like the Web Smart Card
 * API (WICG/web-smart-card): one reader, SmartCardError-like rejections with `responseCode`.
 * It lets the PC/SC path run the same application code in tests and demos.
 */
import type { SmartCardConnectionLike, SmartCardContextLike, SmartCardResourceManagerLike } from '../transport/smart-card.ts';
import type { ApduResponder } from './card.ts';

function smartCardError(responseCode: string): Error {
  const error = new DOMException(`SmartCardError: ${responseCode}`, 'SmartCardError') as DOMException & { responseCode: string };
  Object.defineProperty(error, 'responseCode', { value: responseCode });
  return error;
}

export class VirtualSmartCardManager implements SmartCardResourceManagerLike {
  card: ApduResponder | null;
  constructor(
    card: ApduResponder | null,
    readonly readerName = 'Virtual PC/SC Reader 00 00',
  ) {
    this.card = card;
  }

  async establishContext(): Promise<SmartCardContextLike> {
    const manager = this;
    return {
      async listReaders() {
        return [manager.readerName];
      },
      async connect(readerName) {
        if (readerName !== manager.readerName) throw smartCardError('unknown-reader');
        const card = manager.card;
        if (!card) throw smartCardError('no-smartcard');
        card.reset();
        const connection: SmartCardConnectionLike = {
          async transmit(sendBuffer) {
            if (manager.card !== card) throw smartCardError('removed-card');
            const bytes = ArrayBuffer.isView(sendBuffer) ? new Uint8Array(sendBuffer.buffer, sendBuffer.byteOffset, sendBuffer.byteLength) : new Uint8Array(sendBuffer);
            const response = await card.processApdu(bytes.slice());
            return response.slice().buffer;
          },
          async disconnect() {
            card.reset();
          },
        };
        return { connection, activeProtocol: 't1' };
      },
    };
  }
}
