/**
 * A virtual contactless CCID reader (modelled on the ACS ACR1252 PICC interface: APDU level,
 * dwMaxCCIDMessageLength 522 — LudovicRousseau/CCID readers/ACS_ACR1252_Reader.txt), with the
 * virtual card in its slot. Like a real contactless CCID reader it runs T=CL itself, so the host
 * sees APDUs. It answers with time extensions (bStatus 0x80) while the card signs, chains long
 * answers at extended level, reports slot changes on its interrupt endpoint, and can play the
 * browser's protected-class refusal.
 */
import { concatBytes, writeUint32LE } from '../../bytes/bytes.ts';
import {
  CCID_DESCRIPTOR_LENGTH,
  CCID_DESCRIPTOR_TYPE,
  CcidAssembler,
  Chain,
  CcidError,
  CommandStatus,
  DescriptorType,
  encodeCcid,
  Features,
  IccStatus,
  PcToRdr,
  RdrToPc,
} from '../ccid/messages.ts';
import { USB_CLASS_SMART_CARD, type UsbControlSetupLike } from '../transport/usb.ts';
import type { ApduResponder } from './card.ts';
import { bulkInterface, VirtualUsbDevice } from './usb-device.ts';

/** The reader's endpoint numbers: bulk-OUT and bulk-IN for messages, interrupt-IN for slot changes (the pipes of CCID Rev 1.1). */
const ENDPOINT = { out: 1, in: 2, interrupt: 3 } as const;
const PACKET_SIZE = 64;

export interface VirtualCcidOptions {
  readonly level?: 'short-apdu' | 'extended-apdu';
  readonly maxMessageLength?: number;
  /** Simulate Chrome for an ordinary page: class 0x0B cannot be claimed (SecurityError). */
  readonly browserBlocksSmartCardClass?: boolean;
  /** Split every answer into transfers of this many bytes (exercises the host's reassembly). */
  readonly inTransferSize?: number;
  /** Time extensions sent before each `80 2A` answer (signing is slow). */
  readonly timeExtensionsForSign?: number;
}

/** PC/SC Part 3 §3.1.3.2.3.1 pseudo-ATR for a Type B card: 3B 88 80 01 + ATQB app data + protocol info + MBLI + TCK. */
export function typeBPseudoAtr(applicationData: Uint8Array, protocolInfo: Uint8Array, mbli = 0): Uint8Array {
  const body = new Uint8Array([0x3b, 0x88, 0x80, 0x01, ...applicationData, ...protocolInfo, mbli << 4]);
  let tck = 0;
  for (let i = 1; i < body.length; i++) tck ^= body[i];
  return concatBytes(body, new Uint8Array([tck]));
}

export class VirtualCcidReader extends VirtualUsbDevice {
  private card: ApduResponder | null;
  private powered = false;
  private readonly level: 'short-apdu' | 'extended-apdu';
  private readonly maxMessageLength: number;
  private readonly assembler = new CcidAssembler();
  private commandParts: Uint8Array[] = [];
  private responseRest: Uint8Array | null = null;
  /** Fault hooks. */
  readonly faults: { removeCardAfterApdus?: number; extraTimeExtensions?: number } = {};

  constructor(
    card: ApduResponder | null,
    private readonly options: VirtualCcidOptions = {},
  ) {
    super({
      vendorId: 0x072f,
      productId: 0x223e,
      productName: 'ACR1252 Dual Reader PICC (virtual)',
      manufacturerName: 'ACS',
      interfaces: [bulkInterface(0, USB_CLASS_SMART_CARD, ENDPOINT.out, ENDPOINT.in, PACKET_SIZE, ENDPOINT.interrupt)],
      protectedClasses: options.browserBlocksSmartCardClass ? [USB_CLASS_SMART_CARD] : [],
    });
    this.card = card;
    this.level = options.level ?? 'extended-apdu';
    this.maxMessageLength = options.maxMessageLength ?? (this.level === 'extended-apdu' ? 522 : 271);
  }

  insertCard(card: ApduResponder): void {
    this.card = card;
    this.powered = false;
    this.queueIn(ENDPOINT.interrupt, new Uint8Array([RdrToPc.NOTIFY_SLOT_CHANGE, 0x03]));
  }

  removeCard(): void {
    this.card?.reset();
    this.card = null;
    this.powered = false;
    this.queueIn(ENDPOINT.interrupt, new Uint8Array([RdrToPc.NOTIFY_SLOT_CHANGE, 0x02]));
  }

  /** Orders a storm of `count` time extensions before the next answer. */
  timeExtensionStorm(count: number): void {
    this.faults.extraTimeExtensions = count;
  }

  protected override controlIn(setup: UsbControlSetupLike): Uint8Array | null {
    if (setup.request !== 6 || setup.value !== 0x0200) return null;
    return this.configurationDescriptor();
  }

  private configurationDescriptor(): Uint8Array {
    const features = 0x000000be | (this.level === 'extended-apdu' ? Features.EXTENDED_APDU : Features.SHORT_APDU) | 0x00000400;
    const ccid = new Uint8Array(CCID_DESCRIPTOR_LENGTH);
    ccid[0] = CCID_DESCRIPTOR_LENGTH;
    ccid[1] = CCID_DESCRIPTOR_TYPE;
    ccid[2] = 0x10; // bcdCCID 1.10
    ccid[3] = 0x01;
    ccid[4] = 0; // bMaxSlotIndex
    ccid[5] = 0x01; // 5 V
    writeUint32LE(0x00000003, ccid, 6); // T=0, T=1
    writeUint32LE(254, ccid, 28); // dwMaxIFSD
    writeUint32LE(features, ccid, 40);
    writeUint32LE(this.maxMessageLength, ccid, 44);
    ccid[48] = 0xff;
    ccid[49] = 0xff;
    const iface = new Uint8Array([9, DescriptorType.INTERFACE, 0, 0, 3, USB_CLASS_SMART_CARD, 0, 0, 0]);
    const endpoint = (address: number, attributes: number, size: number) => new Uint8Array([7, DescriptorType.ENDPOINT, address, attributes, size, 0, attributes === 3 ? 16 : 0]);
    const body = concatBytes(iface, ccid, endpoint(ENDPOINT.out, 2, PACKET_SIZE), endpoint(0x80 | ENDPOINT.in, 2, PACKET_SIZE), endpoint(0x80 | ENDPOINT.interrupt, 3, 8));
    const total = 9 + body.length;
    return concatBytes(new Uint8Array([9, DescriptorType.CONFIGURATION, total & 0xff, total >> 8, 1, 1, 0, 0x80, 50]), body);
  }

  protected async handleOut(endpoint: number, packet: Uint8Array): Promise<void> {
    if (endpoint !== ENDPOINT.out) return;
    const message = this.assembler.push(packet);
    if (!message) return;
    for (const answer of await this.execute(message)) this.deliver(answer);
  }

  private deliver(message: Uint8Array): void {
    const size = this.options.inTransferSize;
    if (!size) return this.queueIn(ENDPOINT.in, message);
    for (let offset = 0; offset < message.length; offset += size) this.queueIn(ENDPOINT.in, message.slice(offset, offset + size));
  }

  private iccStatus(): number {
    if (!this.card) return IccStatus.ABSENT;
    return this.powered ? IccStatus.ACTIVE : IccStatus.INACTIVE;
  }

  private reply(type: number, seq: number, status: number, error = 0, third = 0, data: Uint8Array = new Uint8Array(0)): Uint8Array {
    return encodeCcid({ type, slot: 0, seq, specific: [status | this.iccStatus(), error, third], data });
  }

  private async execute(message: { type: number; seq: number; specific: readonly [number, number, number]; data: Uint8Array }): Promise<Uint8Array[]> {
    const { type, seq } = message;
    switch (type) {
      case PcToRdr.GET_SLOT_STATUS:
        return [this.reply(RdrToPc.SLOT_STATUS, seq, this.card ? CommandStatus.OK : CommandStatus.FAILED, this.card ? 0 : CcidError.ICC_MUTE)];
      case PcToRdr.ICC_POWER_ON: {
        if (!this.card) return [this.reply(RdrToPc.DATA_BLOCK, seq, CommandStatus.FAILED, CcidError.ICC_MUTE)];
        this.card.reset();
        this.powered = true;
        const atr = typeBPseudoAtr(new Uint8Array(4), new Uint8Array([0x00, 0x81, 0x80]));
        return [this.reply(RdrToPc.DATA_BLOCK, seq, CommandStatus.OK, 0, 0, atr)];
      }
      case PcToRdr.ICC_POWER_OFF:
        this.card?.reset();
        this.powered = false;
        return [this.reply(RdrToPc.SLOT_STATUS, seq, CommandStatus.OK, 0, 0x01)];
      case PcToRdr.XFR_BLOCK:
        return this.xfrBlock(seq, message.specific[1] | (message.specific[2] << 8), message.data);
      default:
        return [this.reply(RdrToPc.SLOT_STATUS, seq, CommandStatus.FAILED, CcidError.CMD_NOT_SUPPORTED)];
    }
  }

  private async xfrBlock(seq: number, level: number, data: Uint8Array): Promise<Uint8Array[]> {
    const room = this.maxMessageLength - 10;
    if (level === Chain.NEXT_PART) {
      if (!this.responseRest) return [this.reply(RdrToPc.DATA_BLOCK, seq, CommandStatus.FAILED, CcidError.CMD_NOT_SUPPORTED)];
      return [this.responsePart(seq, room)];
    }
    if (this.faults.removeCardAfterApdus !== undefined && this.faults.removeCardAfterApdus-- <= 0) {
      this.faults.removeCardAfterApdus = undefined;
      this.removeCard();
    }
    if (!this.card || !this.powered) return [this.reply(RdrToPc.DATA_BLOCK, seq, CommandStatus.FAILED, CcidError.ICC_MUTE)];
    if (level === Chain.BEGIN || level === Chain.CONTINUE) {
      if (this.level !== 'extended-apdu') return [this.reply(RdrToPc.DATA_BLOCK, seq, CommandStatus.FAILED, CcidError.CMD_NOT_SUPPORTED)];
      if (level === Chain.BEGIN) this.commandParts = [];
      this.commandParts.push(data);
      return [this.reply(RdrToPc.DATA_BLOCK, seq, CommandStatus.OK, 0, Chain.NEXT_PART)];
    }
    let apdu = data;
    if (level === Chain.END) {
      apdu = concatBytes(...this.commandParts, data);
      this.commandParts = [];
    }
    const response = await this.card.processApdu(apdu);
    const extensions: Uint8Array[] = [];
    const signing = apdu[0] === 0x80 && apdu[1] === 0x2a;
    const count = (signing ? (this.options.timeExtensionsForSign ?? 2) : 0) + (this.faults.extraTimeExtensions ?? 0);
    this.faults.extraTimeExtensions = 0;
    // bStatus 0x80 with bError = BWI multiplier: "the card needs more time" (CCID §6.2.6).
    for (let i = 0; i < count; i++) extensions.push(this.reply(RdrToPc.DATA_BLOCK, seq, CommandStatus.TIME_EXTENSION, 0x01));
    this.responseRest = response;
    return [...extensions, this.responsePart(seq, room, true)];
  }

  private responsePart(seq: number, room: number, first = false): Uint8Array {
    const rest = this.responseRest!;
    const part = rest.subarray(0, room);
    const more = rest.length > room;
    this.responseRest = more ? rest.slice(room) : null;
    const chain = !more ? (first ? Chain.BEGIN_AND_END : Chain.END) : first ? Chain.BEGIN : Chain.CONTINUE;
    return this.reply(RdrToPc.DATA_BLOCK, seq, CommandStatus.OK, 0, chain, part);
  }
}
