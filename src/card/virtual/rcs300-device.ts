/**
 * A virtual Sony RC-S300: interface #0 is CCID (class 0x0B — a browser page cannot claim it),
 * interface #1 is the vendor interface the driver uses: Escape messages with Sony's transparent-
 * session pseudo-APDUs, and CommunicateThruEX frames passed to a Type B card through a virtual RF
 * field. SwitchProtocol to ISO 14443-4B activates the card (REQB/ATTRIB, FSD 256) inside the
 * reader; the host adds the T=CL layer itself. See rcs300/driver.ts for the assumptions.
 */
import { concatBytes } from '../../bytes/bytes.ts';
import { encodeLength, readTlv } from '../apdu/tlv.ts';
import { CcidAssembler, encodeCcid, PcToRdr, RdrToPc } from '../ccid/messages.ts';
import { encodeAttrib, parseAtqb, REQB } from '../isodep/blocks.ts';
import { DataObject, TransparentP2, TransparentStatus } from '../rcs300/protocol.ts';
import { SONY_VENDOR_ID, USB_CLASS_SMART_CARD, USB_CLASS_VENDOR } from '../transport/usb.ts';
import type { VirtualRfField } from './rf-field.ts';
import { bulkInterface, VirtualUsbDevice } from './usb-device.ts';

const VENDOR_ENDPOINT = 2;

export class VirtualRcs300 extends VirtualUsbDevice {
  private readonly assembler = new CcidAssembler();
  private transparent = false;
  private activated = false;

  constructor(readonly field: VirtualRfField, productId = 0x0dc9) {
    super({
      vendorId: SONY_VENDOR_ID,
      productId,
      productName: 'RC-S300/P',
      manufacturerName: 'Sony',
      interfaces: [bulkInterface(0, USB_CLASS_SMART_CARD, 1, 1, 64, 3), bulkInterface(1, USB_CLASS_VENDOR, VENDOR_ENDPOINT, VENDOR_ENDPOINT, 64)],
      protectedClasses: [USB_CLASS_SMART_CARD],
    });
  }

  protected async handleOut(endpoint: number, packet: Uint8Array): Promise<void> {
    if (endpoint !== VENDOR_ENDPOINT) return;
    const message = this.assembler.push(packet);
    if (!message) return;
    if (message.type !== PcToRdr.ESCAPE) {
      this.queueIn(VENDOR_ENDPOINT, encodeCcid({ type: RdrToPc.SLOT_STATUS, slot: 0, seq: message.seq, specific: [0x40, 0x00, 0], data: new Uint8Array(0) }));
      return;
    }
    const payload = await this.pseudoApdu(message.data);
    this.queueIn(VENDOR_ENDPOINT, encodeCcid({ type: RdrToPc.ESCAPE, slot: 0, seq: message.seq, specific: [0, 0, 0], data: payload }));
  }

  private answer(status: number, response?: Uint8Array): Uint8Array {
    const statusObject = new Uint8Array([DataObject.STATUS, 0x03, status === TransparentStatus.OK ? 0x00 : 0x01, status >> 8, status & 0xff]);
    const responseObject = response ? concatBytes(new Uint8Array([DataObject.RESPONSE]), encodeLength(response.length), response) : new Uint8Array(0);
    return concatBytes(statusObject, responseObject, new Uint8Array([0x90, 0x00]));
  }

  private async pseudoApdu(apdu: Uint8Array): Promise<Uint8Array> {
    if (apdu[0] !== 0xff || apdu[1] !== 0x50) return new Uint8Array([0x6d, 0x00]);
    const p2 = apdu[3];
    if (p2 === TransparentP2.MANAGE) {
      const object = apdu[5];
      if (object === 0x81) this.transparent = true;
      if (object === 0x82) {
        this.transparent = false;
        this.activated = false;
        this.field.setField(false);
      }
      if (object === 0x83) {
        this.activated = false;
        this.field.setField(false);
      }
      if (object === 0x84) this.field.setField(true);
      return this.answer(TransparentStatus.OK);
    }
    if (!this.transparent) return new Uint8Array([0x69, 0x85]);
    if (p2 === TransparentP2.SWITCH_PROTOCOL) {
      // 8F 02 01 04: Type B, layer 4 → the reader runs REQB and ATTRIB itself.
      const atqbOutcome = await this.field.exchange(REQB);
      const atqb = atqbOutcome.kind === 'frame' ? parseAtqb(atqbOutcome.frame) : null;
      if (!atqb) return this.answer(TransparentStatus.TIMEOUT);
      const attrib = await this.field.exchange(encodeAttrib(atqb.pupi, 8));
      if (attrib.kind !== 'frame') return this.answer(TransparentStatus.TIMEOUT);
      this.activated = true;
      return this.answer(TransparentStatus.OK);
    }
    if (p2 === TransparentP2.TRANSCEIVE) {
      const lc = (apdu[5] << 8) | apdu[6];
      const objects = apdu.subarray(7, 7 + lc);
      let frame: Uint8Array | null = null;
      let timer = false;
      for (let offset = 0; offset < objects.length; ) {
        const tlv = readTlv(objects, offset);
        if (tlv.tag === DataObject.TIMER) timer = true;
        if (tlv.tag === DataObject.TRANSCEIVE) frame = tlv.value;
        offset = tlv.end;
      }
      // The timer object is mandatory (ESP32 USB-host CCID notes on the RC-S300).
      if (!timer || !frame) return new Uint8Array([0x6a, 0x80]);
      if (!this.activated) return this.answer(TransparentStatus.TIMEOUT);
      const outcome = await this.field.exchange(frame);
      if (outcome.kind === 'timeout') return this.answer(TransparentStatus.TIMEOUT);
      if (outcome.kind === 'crc-error') return this.answer(TransparentStatus.TRANSMISSION);
      return this.answer(TransparentStatus.OK, outcome.frame);
    }
    return new Uint8Array([0x6a, 0x86]);
  }
}
