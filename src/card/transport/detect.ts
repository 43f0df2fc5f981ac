/**
 * What this browser lets kofu use, and the driver for a chosen USB device. This is the edge
 * where `navigator` is read; everything below it takes the objects as arguments.
 */
import { CcidReader } from '../ccid/driver.ts';
import { Rcs300Reader } from '../rcs300/driver.ts';
import { Rcs380Reader } from '../rcs380/driver.ts';
import type { CardReader } from '../reader.ts';
import { CardError } from '../errors.ts';
import { usbFailure } from './errors.ts';
import { smartCardManager } from './smart-card.ts';
import { RCS300_PRODUCT_IDS, RCS380_PRODUCT_IDS, READER_USB_FILTERS, SONY_VENDOR_ID, USB_CLASS_SMART_CARD, type UsbDeviceLike } from './usb.ts';

export interface BrowserCapabilities {
  /** WebUSB exists (Chromium desktop and Android): RC-S380 and RC-S300 work. */
  readonly webUsb: boolean;
  /** Running as an Isolated Web App: the only place CCID class 0x0B may be claimed. */
  readonly isolatedContext: boolean;
  /** `navigator.smartCard` (Web Smart Card API) is present. */
  readonly smartCardApi: boolean;
  /** Web NFC (Chrome for Android): only a "card tapped" hint, never card data. */
  readonly webNfc: boolean;
}

export function browserCapabilities(scope: typeof globalThis = globalThis): BrowserCapabilities {
  const nav = scope.navigator as unknown as Record<string, unknown> | undefined;
  return {
    webUsb: !!nav && 'usb' in nav,
    // Isolated Web Apps are served from the isolated-app: scheme (WICG/isolated-web-apps).
    isolatedContext: scope.location?.protocol === 'isolated-app:',
    smartCardApi: !!nav && 'smartCard' in nav,
    webNfc: 'NDEFReader' in scope,
  };
}

export type UsbReaderKind = 'rcs380' | 'rcs300' | 'ccid' | 'unknown';

export function classifyUsbDevice(device: Pick<UsbDeviceLike, 'vendorId' | 'productId' | 'configuration'>): UsbReaderKind {
  if (device.vendorId === SONY_VENDOR_ID && RCS380_PRODUCT_IDS.includes(device.productId)) return 'rcs380';
  if (device.vendorId === SONY_VENDOR_ID && RCS300_PRODUCT_IDS.includes(device.productId)) return 'rcs300';
  if (device.configuration?.interfaces.some((iface) => iface.alternate.interfaceClass === USB_CLASS_SMART_CARD)) return 'ccid';
  return 'unknown';
}

/** Opens the right driver for `device` (an already permitted USBDevice or a virtual one). */
export async function openUsbReader(device: UsbDeviceLike): Promise<CardReader> {
  if (!device.configuration) {
    try {
      if (!device.opened) await device.open();
      await device.selectConfiguration(1);
    } catch (cause) {
      throw usbFailure(cause, 'open USB device');
    }
  }
  switch (classifyUsbDevice(device)) {
    case 'rcs380':
      return Rcs380Reader.open(device);
    case 'rcs300':
      // Interface #1 (vendor class) — never #0 (CCID), which Chrome blocks for pages.
      return Rcs300Reader.open(device);
    case 'ccid':
      return CcidReader.open(device);
    default:
      throw new CardError('card.reader-unsupported', { detail: `${device.vendorId.toString(16).padStart(4, '0')}:${device.productId.toString(16).padStart(4, '0')}` });
  }
}

interface UsbLike {
  requestDevice(options: { filters: unknown[] }): Promise<UsbDeviceLike>;
  getDevices(): Promise<UsbDeviceLike[]>;
}

function usb(): UsbLike | undefined {
  return (globalThis.navigator as unknown as { usb?: UsbLike } | undefined)?.usb;
}

export interface UsbDeviceSummary {
  readonly name: string;
  /** vvvv:pppp in hex. */
  readonly id: string;
  readonly kind: UsbReaderKind;
}

/** The USB devices this site may already use, for the staff screen (no prompt, nothing opened). */
export async function listPermittedReaders(): Promise<UsbDeviceSummary[]> {
  return (await permittedUsbDevices()).map(describeUsbDevice);
}

/** A USB device's name, vvvv:pppp id and reader kind, as the screens show it. */
export function describeUsbDevice(device: UsbDeviceLike): UsbDeviceSummary {
  return {
    name: [device.manufacturerName, device.productName].filter(Boolean).join(' ') || 'USB device',
    id: `${device.vendorId.toString(16).padStart(4, '0')}:${device.productId.toString(16).padStart(4, '0')}`,
    kind: classifyUsbDevice(device),
  };
}

/** Readers the user already allowed (no prompt). */
export async function permittedUsbDevices(): Promise<UsbDeviceLike[]> {
  return (await usb()?.getDevices()) ?? [];
}

/** Shows the browser's device chooser (needs a user gesture) and opens the chosen reader. */
export async function requestUsbReader(): Promise<CardReader> {
  const api = usb();
  if (!api) throw new CardError('card.reader-unsupported', { detail: 'this browser has no WebUSB' });
  let device: UsbDeviceLike;
  try {
    device = await api.requestDevice({ filters: READER_USB_FILTERS });
  } catch (cause) {
    // The chooser rejects with NotFoundError when the person closes it without choosing.
    if ((cause as { name?: string } | null)?.name === 'NotFoundError') throw new CardError('card.no-reader-chosen', {});
    throw usbFailure(cause, 'requestDevice');
  }
  return openUsbReader(device);
}

export { smartCardManager };
