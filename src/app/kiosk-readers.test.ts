import { expect } from '@open-wc/testing';
import { DEMO_RESIDENTS, MemoryCardStateStore } from '../card/index.ts';
import { createVirtualDemoCard } from '../card/virtual/demo-cards.ts';
import { VirtualCcidReader } from '../card/virtual/ccid-device.ts';
import { VirtualTypeBPicc } from '../card/virtual/picc.ts';
import { VirtualRcs380 } from '../card/virtual/rcs380-device.ts';
import { VirtualRfField } from '../card/virtual/rf-field.ts';
import { allowedReaders } from './kiosk.ts';

/** Replaces `navigator.usb` with one whose getDevices() answers `devices` (what a WebUsbAllowDevicesForUrls policy grants). */
function fakeUsb(devices: unknown[]): () => void {
  const own = Object.getOwnPropertyDescriptor(navigator, 'usb');
  Object.defineProperty(navigator, 'usb', {
    configurable: true,
    value: { getDevices: async () => devices, requestDevice: () => Promise.reject(new DOMException('no chooser in this test', 'NotFoundError')) },
  });
  return () => (own ? Object.defineProperty(navigator, 'usb', own) : delete (navigator as { usb?: unknown }).usb);
}

describe('allowed readers (WebUsbAllowDevicesForUrls)', () => {
  it('lists the supported readers the browser already allows — not a CCID reader outside an Isolated Web App, nor other devices — and opens one with no prompt', async () => {
    const card = await createVirtualDemoCard(DEMO_RESIDENTS[0], new MemoryCardStateStore());
    const rcs380 = new VirtualRcs380(new VirtualRfField(new VirtualTypeBPicc(card)));
    const ccid = new VirtualCcidReader(card);
    const keyboard = { vendorId: 0x046d, productId: 0xc31c, productName: 'Keyboard', manufacturerName: 'Logitech', configuration: null, opened: false };
    const restore = fakeUsb([keyboard, rcs380, ccid]);
    try {
      const readers = await allowedReaders();
      expect(readers.map((r) => [r.name, r.id])).to.deep.equal([['SONY RC-S380/P', '054c:06c3']]);
      const reader = await readers[0].open();
      try {
        expect(reader.kind).to.equal('rcs380');
        const connection = await reader.connect();
        await connection.disconnect();
      } finally {
        await reader.close();
      }
    } finally {
      restore();
    }
  });

  it('no WebUSB, or getDevices failing: no allowed readers (the demo cards and the chooser remain)', async () => {
    let restore = fakeUsb([]);
    try {
      Object.defineProperty(navigator, 'usb', { configurable: true, value: { getDevices: () => Promise.reject(new DOMException('blocked', 'SecurityError')) } });
      expect(await allowedReaders()).to.deep.equal([]);
    } finally {
      restore();
    }
    restore = fakeUsb([]);
    try {
      Object.defineProperty(navigator, 'usb', { configurable: true, value: undefined });
      expect(await allowedReaders()).to.deep.equal([]);
    } finally {
      restore();
    }
  });
});
