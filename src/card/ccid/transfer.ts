/**
 * Moving whole CCID-framed messages over bulk endpoints: a zero-length packet after an OUT
 * message that ends on a packet boundary, and IN messages reassembled from as many transfers as
 * it takes to reach 10 + dwLength bytes. Shared by the CCID host and the RC-S300 driver.
 */
import { concatBytes } from '../../bytes/bytes.ts';
import { CardError } from '../errors.ts';
import { bulkOut, type BulkInPipe, type UsbDeviceLike } from '../transport/usb.ts';
import { ccidMessageLength } from './messages.ts';

export async function sendCcidMessage(device: UsbDeviceLike, endpoint: number, packetSize: number, message: Uint8Array, what: string): Promise<void> {
  await bulkOut(device, endpoint, message, what, packetSize);
}

export async function receiveCcidMessage(pipe: BulkInPipe, what: string, timeoutMs: number): Promise<Uint8Array> {
  let bytes = await pipe.read(what, timeoutMs);
  for (;;) {
    const total = ccidMessageLength(bytes);
    if (total !== null && bytes.length >= total) return bytes;
    const more = await pipe.read(`${what} (continued)`, timeoutMs);
    if (more.length === 0) throw new CardError('card.reader-protocol', { detail: `${what}: message ended early` });
    bytes = concatBytes(bytes, more);
  }
}
