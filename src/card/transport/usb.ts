/**
 * The part of WebUSB's `USBDevice` (WICG/webusb index.bs) the reader drivers use, as a structural
 * type: the real `USBDevice` satisfies it, and so do the virtual readers in `virtual/`, which is
 * how demo mode and the tests run the very driver code a real reader exercises.
 * (TypeScript's DOM library has no WebUSB types, so they are declared here.)
 */
import { CardError, isCardError } from '../errors.ts';
import type { Clock } from './clock.ts';
import { usbFailure } from './errors.ts';

export type UsbDirection = 'in' | 'out';

export interface UsbEndpointLike {
  readonly endpointNumber: number;
  readonly direction: UsbDirection;
  readonly type: 'bulk' | 'interrupt' | 'isochronous';
  readonly packetSize: number;
}

export interface UsbAlternateLike {
  readonly alternateSetting: number;
  readonly interfaceClass: number;
  readonly interfaceSubclass: number;
  readonly interfaceProtocol: number;
  readonly endpoints: readonly UsbEndpointLike[];
}

export interface UsbInterfaceLike {
  readonly interfaceNumber: number;
  readonly alternate: UsbAlternateLike;
  readonly alternates: readonly UsbAlternateLike[];
  readonly claimed: boolean;
}

export interface UsbConfigurationLike {
  readonly configurationValue: number;
  readonly interfaces: readonly UsbInterfaceLike[];
}

export interface UsbInTransferResultLike {
  readonly status: 'ok' | 'stall' | 'babble';
  readonly data?: DataView;
}

export interface UsbOutTransferResultLike {
  readonly status: 'ok' | 'stall';
  readonly bytesWritten: number;
}

export interface UsbControlSetupLike {
  readonly requestType: 'standard' | 'class' | 'vendor';
  readonly recipient: 'device' | 'interface' | 'endpoint' | 'other';
  readonly request: number;
  readonly value: number;
  readonly index: number;
}

export interface UsbDeviceLike {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName?: string;
  readonly manufacturerName?: string;
  readonly opened: boolean;
  readonly configuration: UsbConfigurationLike | null;
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(configurationValue: number): Promise<void>;
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  transferOut(endpointNumber: number, data: BufferSource): Promise<UsbOutTransferResultLike>;
  transferIn(endpointNumber: number, length: number): Promise<UsbInTransferResultLike>;
  controlTransferIn(setup: UsbControlSetupLike, length: number): Promise<UsbInTransferResultLike>;
  /** Not part of WebUSB: a virtual device's simulated clock, which its driver then uses. */
  readonly clock?: Clock;
}

/** USB ids (research/card-reading.md §2.3: LudovicRousseau/CCID readers/*.txt; Linux port100.c). */
export const SONY_VENDOR_ID = 0x054c;
export const RCS380_PRODUCT_IDS: readonly number[] = [0x06c1, 0x06c3];
export const RCS300_PRODUCT_IDS: readonly number[] = [0x0dc8, 0x0dc9];
export const USB_CLASS_SMART_CARD = 0x0b;
export const USB_CLASS_VENDOR = 0xff;

/** Filters for `navigator.usb.requestDevice`: both Sony readers and any CCID-class device. */
export const READER_USB_FILTERS = [
  ...RCS380_PRODUCT_IDS.map((productId) => ({ vendorId: SONY_VENDOR_ID, productId })),
  ...RCS300_PRODUCT_IDS.map((productId) => ({ vendorId: SONY_VENDOR_ID, productId })),
  { classCode: USB_CLASS_SMART_CARD },
];

/** Rejects after `ms` unless `work` settles first; WebUSB transfers have no timeout of their own. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CardError('card.reader-protocol', { detail: `${what}: no answer within ${ms} ms` })), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Writes one transfer, then a zero-length packet when it ends exactly on a packet boundary: the
 * device only sees the end of a transfer at a short packet (USB 2.0 §5.8.3). nfcpy transport.py
 * `write` does the same (`if len(frame) % getMaxPacketSize() == 0: bulkWrite(ep, b'')`).
 */
export async function bulkOut(device: UsbDeviceLike, endpoint: number, data: Uint8Array, what: string, packetSize?: number): Promise<void> {
  await transferOutChecked(device, endpoint, data, what);
  if (packetSize && data.length > 0 && data.length % packetSize === 0) await transferOutChecked(device, endpoint, new Uint8Array(0), `${what} (ZLP)`);
}

async function transferOutChecked(device: UsbDeviceLike, endpoint: number, data: Uint8Array, what: string): Promise<void> {
  let result: UsbOutTransferResultLike;
  try {
    result = await device.transferOut(endpoint, data as Uint8Array<ArrayBuffer>);
  } catch (cause) {
    throw usbFailure(cause, what);
  }
  if (result.status !== 'ok' || result.bytesWritten !== data.length) throw new CardError('card.reader-protocol', { detail: `${what}: transferOut ${result.status}, ${result.bytesWritten}/${data.length} bytes` });
}

function inResultBytes(result: UsbInTransferResultLike, what: string): Uint8Array {
  if (result.status !== 'ok' || !result.data) throw new CardError('card.reader-protocol', { detail: `${what}: transferIn ${result.status}` });
  return new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength).slice();
}

export async function bulkIn(device: UsbDeviceLike, endpoint: number, length: number, what: string, timeoutMs: number): Promise<Uint8Array> {
  let result: UsbInTransferResultLike;
  try {
    result = await withTimeout(device.transferIn(endpoint, length), timeoutMs, what);
  } catch (cause) {
    throw usbFailure(cause, what);
  }
  return inResultBytes(result, what);
}

/**
 * A bulk IN endpoint read through at most one `transferIn` at a time. WebUSB cannot cancel a
 * transferIn, so one that timed out stays pending and would swallow the next packet the device
 * sends; here it is kept and becomes the next read instead. `timedOut` tells the driver that the
 * device may still answer the abandoned command: it should abort it and `drain` first (Linux
 * port100.c `port100_abort_cmd`: send an ACK, kill the IN urb; nfcpy rcs380.py Chipset.__init__:
 * read off leftover data until a read times out).
 */
export class BulkInPipe {
  private pending: Promise<UsbInTransferResultLike> | null = null;
  /** A read timed out since the last `drain`: the device and the host may be out of step. */
  timedOut = false;

  constructor(
    private readonly device: UsbDeviceLike,
    private readonly endpoint: number,
    private readonly length: number,
  ) {}

  async read(what: string, timeoutMs: number): Promise<Uint8Array> {
    if (!this.pending) {
      this.pending = this.device.transferIn(this.endpoint, this.length);
      this.pending.catch(() => undefined); // an abandoned read may be cancelled by close(); nobody waits then
    }
    const transfer = this.pending;
    let result: UsbInTransferResultLike;
    try {
      result = await withTimeout(transfer, timeoutMs, what);
    } catch (cause) {
      if (isCardError(cause, 'card.reader-protocol')) this.timedOut = true;
      else this.pending = null;
      throw usbFailure(cause, what);
    }
    this.pending = null;
    return inResultBytes(result, what);
  }

  /** Reads and discards until nothing arrives for `quietMs` (nfcpy uses 10 ms). Returns what it dropped. */
  async drain(quietMs = 10, maxReads = 16): Promise<Uint8Array[]> {
    const dropped: Uint8Array[] = [];
    for (let i = 0; i < maxReads; i++) {
      try {
        dropped.push(await this.read('drain', quietMs));
      } catch (error) {
        if (!isCardError(error, 'card.reader-protocol')) throw error;
        break;
      }
    }
    this.timedOut = false;
    return dropped;
  }
}

/** Opens the device, selects configuration 1 if none is active, and claims `interfaceNumber`. */
export async function openAndClaim(device: UsbDeviceLike, interfaceNumber: number): Promise<void> {
  const what = `claim interface ${interfaceNumber} of ${device.productName ?? 'USB device'}`;
  try {
    if (!device.opened) await device.open();
    if (!device.configuration) await device.selectConfiguration(1);
    await device.claimInterface(interfaceNumber);
  } catch (cause) {
    throw usbFailure(cause, what);
  }
}

export function findEndpoint(device: UsbDeviceLike, interfaceNumber: number, direction: UsbDirection, type: UsbEndpointLike['type']): UsbEndpointLike | undefined {
  const iface = device.configuration?.interfaces.find((candidate) => candidate.interfaceNumber === interfaceNumber);
  return iface?.alternate.endpoints.find((endpoint) => endpoint.direction === direction && endpoint.type === type);
}

/** Closes quietly: used on the way out of errors, when the device may already be gone. */
export async function closeQuietly(device: UsbDeviceLike, interfaceNumber: number): Promise<void> {
  try {
    await device.releaseInterface(interfaceNumber);
  } catch {
    // already released or unplugged
  }
  try {
    await device.close();
  } catch {
    // already closed or unplugged
  }
}
