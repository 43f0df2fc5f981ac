/**
 * A virtual Sony RC-S300: interface #0 is CCID (class 0x0B — a browser page cannot claim it),
 * interface #1 is the vendor interface the driver uses: Escape messages with Sony's transparent-
 * session pseudo-APDUs, and CommunicateThruEX frames passed to a Type B card through a virtual RF
 * field within the timer object's time.
 *
 * Its answers follow a PC/SC Part 3 reader firmware, written here from wsrf2009/contactless-driver
 * mod/src/pcsc.c and pcsc.h (tags pcsc.h:27-50), not from kofu's driver:
 * - every exchange answers `C0 03 00 90 00` when the reader did its part, then `92 01 <valid
 *   bits>`, `96 02 <error bits> 00` (01 CRC, 02 collision, 04 parity, 08 framing) and `97 <frame>`
 *   (pcsc.c:398-420) — a damaged frame is *not* an error status, only bits in 96;
 * - no answer from the card: `C0 03 <object index> 64 01` (ERROR_NOICCRES, pcsc.c:1139-1141);
 * - SwitchProtocol Type B layer 4 runs the reader's own WUPB/ATTRIB (pcsc.c:985-1011, WUPB
 *   `05 00 18` iso14443_typeB.h:16) and answers `5F 51 0D` + the pseudo-ATR `3B 88 80 01
 *   AppData ProtocolInfo MBLI TCK` (pcsc.c:150-170); layer 3 answers `8F 03 <protocol info>`.
 * What the RC-S300 itself sends here is unverified (docs/readers.md).
 */
import { CcidAssembler, encodeCcid, PcToRdr, RdrToPc } from '../ccid/messages.ts';
import { SONY_VENDOR_ID, USB_CLASS_SMART_CARD, USB_CLASS_VENDOR } from '../transport/usb.ts';
import type { VirtualRfField } from './rf-field.ts';
import { bulkInterface, VirtualUsbDevice } from './usb-device.ts';

const Tag = { TIMER: 0x5f46, TRANSCEIVE: 0x95, VALID_BITS: 0x92, RESPONSE_STATUS: 0x96, RESPONSE: 0x97, STATUS: 0xc0, SWITCH: 0x8f, ATR: 0x5f51 } as const;
const FRAME_ERROR = { CRC: 0x01 } as const;
const SW = { OK: [0x90, 0x00], NO_ICC_RESPONSE: [0x64, 0x01], OBJECT_VALUE: [0x6a, 0x80], INS: [0x6d, 0x00], CONDITIONS: [0x69, 0x85], P1P2: [0x6a, 0x86] } as const;
/** The reader's own Type B activation frames (wsrf2009 iso14443_typeB.c: WUPB N = 1; ATTRIB FSDI 8, CID 0). */
const READER_WUPB = [0x05, 0x00, 0x18];
const ACTIVATION_WAIT_MS = 30;

/** BER-TLV objects of a PC/SC Part 3 command (one- or two-byte tags, short or 81/82 lengths). */
function* objects(bytes: Uint8Array): Generator<[number, Uint8Array]> {
  for (let i = 0; i < bytes.length; ) {
    let tag = bytes[i++];
    if ((tag & 0x1f) === 0x1f) tag = (tag << 8) | bytes[i++];
    let length = bytes[i++];
    if (length === 0x81) length = bytes[i++];
    else if (length === 0x82) {
      length = (bytes[i] << 8) | bytes[i + 1];
      i += 2;
    }
    yield [tag, bytes.subarray(i, i + length)];
    i += length;
  }
}

function object(tag: number, value: ArrayLike<number>): number[] {
  const tagBytes = tag > 0xff ? [tag >> 8, tag & 0xff] : [tag];
  const length = value.length < 0x80 ? [value.length] : value.length < 0x100 ? [0x81, value.length] : [0x82, value.length >> 8, value.length & 0xff];
  return [...tagBytes, ...length, ...Array.from(value)];
}

const VENDOR_ENDPOINT = 2;

export class VirtualRcs300 extends VirtualUsbDevice {
  private readonly assembler = new CcidAssembler();
  private transparent = false;
  private activated = false;
  /** Fault hook: the next N card answers arrive with a CRC error, reported in object 96 only. */
  damagedFrames = 0;
  /** Which SwitchProtocol answer to give: the layer-4 pseudo-ATR (default) or nothing (an unknown firmware). */
  switchAnswer: 'atr' | 'none' = 'atr';

  constructor(readonly field: VirtualRfField, productId = 0x0dc9) {
    super({
      vendorId: SONY_VENDOR_ID,
      productId,
      productName: 'RC-S300/P',
      manufacturerName: 'Sony',
      interfaces: [bulkInterface(0, USB_CLASS_SMART_CARD, 1, 1, 64, 3), bulkInterface(1, USB_CLASS_VENDOR, VENDOR_ENDPOINT, VENDOR_ENDPOINT, 64)],
      protectedClasses: [USB_CLASS_SMART_CARD],
    });
    this.clock = field.clock;
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

  private answer(sw: readonly number[], objectIndex = 0, extra: number[] = []): Uint8Array {
    const ok = sw[0] === 0x90 && sw[1] === 0x00;
    return new Uint8Array([...object(Tag.STATUS, [ok ? 0 : objectIndex, sw[0], sw[1]]), ...extra, 0x90, 0x00]);
  }

  private async pseudoApdu(apdu: Uint8Array): Promise<Uint8Array> {
    if (apdu[0] !== 0xff || apdu[1] !== 0x50) return new Uint8Array(SW.INS);
    const p2 = apdu[3];
    if (p2 === 0x00) {
      const command = apdu[5];
      if (command === 0x81) this.transparent = true;
      if (command === 0x82) {
        this.transparent = false;
        this.activated = false;
        this.field.setField(false);
      }
      if (command === 0x83) {
        this.activated = false;
        this.field.setField(false);
      }
      if (command === 0x84) this.field.setField(true);
      return this.answer(SW.OK);
    }
    if (!this.transparent) return new Uint8Array(SW.CONDITIONS);
    if (p2 === 0x02) return this.switchProtocol(apdu.subarray(5, 5 + apdu[4]));
    if (p2 === 0x01) {
      const lc = (apdu[5] << 8) | apdu[6];
      let frame: Uint8Array | null = null;
      let timerMicros: number | null = null;
      for (const [tag, value] of objects(apdu.subarray(7, 7 + lc))) {
        if (tag === Tag.TIMER && value.length === 4) timerMicros = (value[0] | (value[1] << 8) | (value[2] << 16) | (value[3] << 24)) >>> 0;
        if (tag === Tag.TRANSCEIVE) frame = value.slice();
      }
      // The timer object is mandatory (ESP32 USB-host CCID notes on the RC-S300).
      if (timerMicros === null || !frame) return this.answer(SW.OBJECT_VALUE, 1);
      if (!this.activated) return this.answer(SW.NO_ICC_RESPONSE, 2);
      const outcome = await this.field.exchange(frame, timerMicros / 1000);
      if (outcome.kind === 'timeout') return this.answer(SW.NO_ICC_RESPONSE, 2);
      const damaged = outcome.kind === 'crc-error' || this.damagedFrames > 0;
      if (outcome.kind !== 'crc-error' && this.damagedFrames > 0) this.damagedFrames--;
      const received = outcome.kind === 'frame' ? outcome.frame : new Uint8Array([0x02, 0x6f]);
      return this.answer(SW.OK, 0, [...object(Tag.VALID_BITS, [0x00]), ...object(Tag.RESPONSE_STATUS, [damaged ? FRAME_ERROR.CRC : 0x00, 0x00]), ...object(Tag.RESPONSE, received)]);
    }
    return new Uint8Array(SW.P1P2);
  }

  /** `8F 02 01 04`: Type B, layer 4 — the reader wakes and activates the card itself. */
  private async switchProtocol(objectsBytes: Uint8Array): Promise<Uint8Array> {
    const [[tag, value] = [0, new Uint8Array(0)]] = [...objects(objectsBytes)];
    if (tag !== Tag.SWITCH || value.length !== 2 || value[0] !== 0x01 || (value[1] !== 0x03 && value[1] !== 0x04)) return this.answer(SW.OBJECT_VALUE, 1);
    const atqbOutcome = await this.field.exchange(new Uint8Array(READER_WUPB), ACTIVATION_WAIT_MS);
    if (atqbOutcome.kind !== 'frame' || atqbOutcome.frame.length < 12 || atqbOutcome.frame[0] !== 0x50) return this.answer(SW.NO_ICC_RESPONSE, 1);
    const atqb = atqbOutcome.frame;
    if (value[1] === 0x03) return this.answer(SW.OK, 0, object(Tag.SWITCH, atqb.subarray(9, 12)));
    // ATTRIB: PUPI, Param1 00, Param2 08 (FSDI 256, 106 kbit/s), Param3 01, Param4 00 (CID 0).
    const attrib = await this.field.exchange(new Uint8Array([0x1d, ...atqb.subarray(1, 5), 0x00, 0x08, 0x01, 0x00]), ACTIVATION_WAIT_MS);
    if (attrib.kind !== 'frame') return this.answer(SW.NO_ICC_RESPONSE, 1);
    this.activated = true;
    if (this.switchAnswer === 'none') return this.answer(SW.OK);
    const atr = [0x3b, 0x88, 0x80, 0x01, ...atqb.subarray(5, 12), attrib.frame[0] & 0xf0];
    atr.push(atr.slice(1).reduce((x, b) => x ^ b, 0)); // TCK
    return this.answer(SW.OK, 0, object(Tag.ATR, atr));
  }
}
