/**
 * Common machinery of the virtual USB readers: the `UsbDeviceLike` surface (open, configuration,
 * claim, bulk and interrupt transfers), an IN queue per endpoint that a transferIn waits on as a
 * real one does, and the USB-level faults: unplug (every call then rejects with NotFoundError, as
 * Chrome does for a disconnected device), a damaged next IN packet and answers that never come.
 *
 * OUT transfers are cut into wMaxPacketSize packets as the bus does, and the device sees the end
 * of a transfer only at a short packet (USB 2.0 §5.8.3): a write of exactly N × 64 bytes stays
 * incomplete until the host sends a zero-length packet, as on real hardware.
 */
import type { Clock } from '../transport/clock.ts';
import type { UsbConfigurationLike, UsbControlSetupLike, UsbDeviceLike, UsbInTransferResultLike, UsbInterfaceLike, UsbOutTransferResultLike } from '../transport/usb.ts';

type Waiter = { resolve: (data: Uint8Array) => void; reject: (error: unknown) => void };

export interface VirtualUsbDescription {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly manufacturerName: string;
  readonly interfaces: readonly UsbInterfaceLike[];
  /** Interface classes the simulated browser refuses to claim (Chrome: 0x0B for ordinary pages). */
  readonly protectedClasses?: readonly number[];
}

const disconnected = () => new DOMException('The device was disconnected.', 'NotFoundError');

export abstract class VirtualUsbDevice implements UsbDeviceLike {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly manufacturerName: string;
  opened = false;
  configuration: UsbConfigurationLike | null = null;
  private readonly claimedInterfaces = new Set<number>();
  private readonly queues = new Map<number, Uint8Array[]>();
  private readonly waiters = new Map<number, Waiter[]>();
  private unplugged = false;
  private garbleNext = 0;
  private dropAnswers = 0;
  private readonly partialOut = new Map<number, Uint8Array[]>();
  /** Every bulk/interrupt transfer, for transcripts. */
  readonly usbLog: Array<{ direction: 'out' | 'in'; endpoint: number; data: Uint8Array }> = [];
  /** The simulated clock the device's driver uses (set by readers with an RF field). */
  clock?: Clock;

  constructor(private readonly description: VirtualUsbDescription) {
    this.vendorId = description.vendorId;
    this.productId = description.productId;
    this.productName = description.productName;
    this.manufacturerName = description.manufacturerName;
  }

  /** Fault: the cable is pulled. Pending and later transfers reject with NotFoundError. */
  unplug(): void {
    this.unplugged = true;
    this.opened = false;
    for (const list of this.waiters.values()) for (const waiter of list.splice(0)) waiter.reject(disconnected());
  }

  /** Fault: the next `count` IN packets arrive with one byte flipped. */
  garbleNextPackets(count = 1): void {
    this.garbleNext = count;
  }

  /** Fault: the device swallows its next `count` IN messages (a reader that hangs mid-command). */
  dropNextAnswers(count = 1): void {
    this.dropAnswers = count;
  }

  /** One complete OUT transfer (its packets up to and including the short one). */
  protected abstract handleOut(endpoint: number, data: Uint8Array): Promise<void>;

  /** Hands a packet to the host on IN endpoint `endpoint`. */
  protected queueIn(endpoint: number, data: Uint8Array): void {
    if (this.dropAnswers > 0) {
      this.dropAnswers--;
      return;
    }
    const waiter = this.waiters.get(endpoint)?.shift();
    if (waiter) waiter.resolve(data);
    else {
      const queue = this.queues.get(endpoint) ?? [];
      queue.push(data);
      this.queues.set(endpoint, queue);
    }
  }

  protected clearIn(endpoint: number): void {
    this.queues.get(endpoint)?.splice(0);
  }

  private check(): void {
    if (this.unplugged) throw disconnected();
  }

  async open(): Promise<void> {
    this.check();
    this.opened = true;
  }

  async close(): Promise<void> {
    this.check();
    this.opened = false;
    this.claimedInterfaces.clear();
    this.cancelPendingTransfers();
  }

  /** Chrome aborts transfers still pending when the interface is released or the device closed. */
  private cancelPendingTransfers(): void {
    for (const list of this.waiters.values()) for (const waiter of list.splice(0)) waiter.reject(new DOMException('The transfer was cancelled.', 'AbortError'));
  }

  async selectConfiguration(configurationValue: number): Promise<void> {
    this.check();
    if (!this.opened) throw new DOMException('The device must be opened first.', 'InvalidStateError');
    if (configurationValue !== 1) throw new DOMException('The configuration value provided is not supported by the device.', 'NotFoundError');
    this.configuration = { configurationValue: 1, interfaces: this.description.interfaces };
  }

  async claimInterface(interfaceNumber: number): Promise<void> {
    this.check();
    const iface = this.configuration?.interfaces.find((candidate) => candidate.interfaceNumber === interfaceNumber);
    if (!this.opened || !iface) throw new DOMException('The interface number provided is not supported by the device in its current configuration.', 'NotFoundError');
    if (this.description.protectedClasses?.includes(iface.alternate.interfaceClass)) {
      throw new DOMException('The requested interface implements a protected class.', 'SecurityError');
    }
    this.claimedInterfaces.add(interfaceNumber);
  }

  async releaseInterface(interfaceNumber: number): Promise<void> {
    this.check();
    this.claimedInterfaces.delete(interfaceNumber);
    this.cancelPendingTransfers();
  }

  private packetSize(endpoint: number): number {
    for (const iface of this.configuration?.interfaces ?? []) {
      const found = iface.alternate.endpoints.find((e) => e.endpointNumber === endpoint && e.direction === 'out');
      if (found) return found.packetSize;
    }
    return 64;
  }

  private assertClaimedEndpoint(endpoint: number, direction: 'in' | 'out'): void {
    const owner = this.configuration?.interfaces.find((iface) => iface.alternate.endpoints.some((e) => e.endpointNumber === endpoint && e.direction === direction));
    if (!owner || !this.claimedInterfaces.has(owner.interfaceNumber)) {
      throw new DOMException('The specified endpoint is not part of a claimed and selected alternate interface.', 'NotFoundError');
    }
  }

  async transferOut(endpoint: number, data: BufferSource): Promise<UsbOutTransferResultLike> {
    this.check();
    this.assertClaimedEndpoint(endpoint, 'out');
    const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice() : new Uint8Array(data).slice();
    this.usbLog.push({ direction: 'out', endpoint, data: bytes });
    const packetSize = this.packetSize(endpoint);
    const parts = this.partialOut.get(endpoint) ?? [];
    for (let offset = 0; ; offset += packetSize) {
      const packet = bytes.subarray(offset, offset + packetSize);
      parts.push(packet);
      if (packet.length < packetSize) {
        this.partialOut.delete(endpoint);
        const transfer = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
        let at = 0;
        for (const part of parts) {
          transfer.set(part, at);
          at += part.length;
        }
        await this.handleOut(endpoint, transfer);
        break;
      }
      if (offset + packetSize >= bytes.length) {
        this.partialOut.set(endpoint, parts); // ended on a packet boundary: wait for more or a ZLP
        break;
      }
    }
    return { status: 'ok', bytesWritten: bytes.length };
  }

  async transferIn(endpoint: number, length: number): Promise<UsbInTransferResultLike> {
    this.check();
    this.assertClaimedEndpoint(endpoint, 'in');
    const queued = this.queues.get(endpoint)?.shift();
    let data = queued ?? (await new Promise<Uint8Array>((resolve, reject) => {
      const list = this.waiters.get(endpoint) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(endpoint, list);
    }));
    if (data.length > length) return { status: 'babble', data: new DataView(data.buffer, 0, length) };
    if (this.garbleNext > 0 && data.length > 0) {
      this.garbleNext--;
      data = data.slice();
      data[data.length >> 1] ^= 0x5a;
    }
    this.usbLog.push({ direction: 'in', endpoint, data });
    return { status: 'ok', data: new DataView(data.buffer, data.byteOffset, data.byteLength) };
  }

  async controlTransferIn(setup: UsbControlSetupLike, length: number): Promise<UsbInTransferResultLike> {
    this.check();
    const data = this.controlIn(setup);
    if (!data) return { status: 'stall' };
    const out = data.slice(0, length);
    return { status: 'ok', data: new DataView(out.buffer) };
  }

  /** Standard GET_DESCRIPTOR answers; subclasses supply the configuration descriptor. */
  protected controlIn(_setup: UsbControlSetupLike): Uint8Array | null {
    return null;
  }
}

export function bulkInterface(interfaceNumber: number, interfaceClass: number, outEndpoint: number, inEndpoint: number, packetSize = 64, interruptEndpoint?: number): UsbInterfaceLike {
  const alternate = {
    alternateSetting: 0,
    interfaceClass,
    interfaceSubclass: 0,
    interfaceProtocol: 0,
    endpoints: [
      { endpointNumber: outEndpoint, direction: 'out' as const, type: 'bulk' as const, packetSize },
      { endpointNumber: inEndpoint, direction: 'in' as const, type: 'bulk' as const, packetSize },
      ...(interruptEndpoint === undefined ? [] : [{ endpointNumber: interruptEndpoint, direction: 'in' as const, type: 'interrupt' as const, packetSize: 8 }]),
    ],
  };
  return { interfaceNumber, alternate, alternates: [alternate], claimed: false };
}
