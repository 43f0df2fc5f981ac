/**
 * A CCID host over WebUSB (CCID Rev 1.1), for standard PC/SC readers (class 0x0B). Chrome lets
 * only an Isolated Web App with `usb-unrestricted` claim class 0x0B; elsewhere `claimInterface`
 * rejects with SecurityError, which becomes `card.usb-blocked` naming the readers that work.
 *
 * - the class descriptor is read from GET_DESCRIPTOR(CONFIGURATION) (WebUSB does not expose it);
 * - APDU-level readers only (dwFeatures short or extended APDU): contactless readers run T=CL
 *   themselves; TPDU/character readers would need a T=1 stack kofu does not have;
 * - a reply with bStatus time-extension (0x80) is not the answer: keep reading (libccid
 *   CCID_Receive "time_request"); JPKI signing takes long enough to trigger it;
 * - extended level: commands longer than dwMaxCCIDMessageLength − 10 go in chained XfrBlocks
 *   (wLevelParameter 1, 3…, 2); chained answers (bChainParameter 1/3) are fetched with empty
 *   XfrBlocks carrying wLevelParameter 0x10 (libccid CmdXfrBlockAPDU_extended);
 * - OUT messages that end on a packet boundary are followed by a zero-length packet, and an IN
 *   message may span several transfers (read until 10 + dwLength bytes).
 */
import { concatBytes } from '../../bytes/bytes.ts';
import { throwIfAborted } from '../../bytes/errors.ts';
import { CardError, isCardError } from '../errors.ts';
import type { CardConnection, CardReader } from '../reader.ts';
import { usbFailure } from '../transport/errors.ts';
import { BulkInPipe, closeQuietly, findEndpoint, openAndClaim, USB_CLASS_SMART_CARD, type UsbDeviceLike } from '../transport/usb.ts';
import { receiveCcidMessage, sendCcidMessage } from './transfer.ts';
import {
  Chain,
  CcidError,
  ccidErrorName,
  COMMAND_STATUS_MASK,
  CommandStatus,
  decodeCcid,
  findCcidDescriptor,
  ICC_STATUS_MASK,
  IccStatus,
  PcToRdr,
  RdrToPc,
  simpleCommand,
  xfrBlock,
  type CcidDescriptor,
  type CcidMessage,
} from './messages.ts';

/** How long one bulk-IN wait may take before the reader counts as hung (time extensions reset it). */
const READ_TIMEOUT_MS = 5_000;
/** Time extensions tolerated for one command (a WTX storm beyond this is a hung card). */
const MAX_TIME_EXTENSIONS = 200;
/**
 * GET_DESCRIPTOR (bRequest 6) of the configuration descriptor: wValue is the descriptor type
 * (2, CONFIGURATION) in the high byte and its index (0) in the low byte (USB 2.0 §9.4.3, Table 9-5).
 */
const GET_CONFIGURATION_DESCRIPTOR = { requestType: 'standard', recipient: 'device', request: 6, value: 0x0200, index: 0 } as const;

export interface SlotChange {
  readonly present: boolean;
  readonly changed: boolean;
}

export class CcidReader implements CardReader {
  readonly kind = 'ccid' as const;
  private seq = 0;
  /** Messages exchanged, for transcript tests: direction and bytes. */
  readonly log: Array<{ direction: 'out' | 'in'; data: Uint8Array }> = [];
  /** Time extensions seen so far (for tests and staff diagnostics). */
  timeExtensions = 0;
  /** ATR (or the contactless pseudo-ATR) from the last power-on. */
  atr: Uint8Array = new Uint8Array(0);

  private constructor(
    readonly device: UsbDeviceLike,
    readonly interfaceNumber: number,
    readonly descriptor: CcidDescriptor,
    private readonly outEndpoint: number,
    inEndpoint: number,
    private readonly packetSize: number,
    private readonly interruptEndpoint: number | undefined,
  ) {
    this.pipe = new BulkInPipe(device, inEndpoint, descriptor.maxMessageLength);
  }

  /** The bulk IN endpoint; a read abandoned on timeout is reused, never orphaned. */
  private readonly pipe: BulkInPipe;

  get path(): string {
    return `USB interface #${this.interfaceNumber} (CCID class 0x0B), ${this.descriptor.level}, max message ${this.descriptor.maxMessageLength}`;
  }

  get label(): string {
    return `${this.device.manufacturerName ?? ''} ${this.device.productName ?? 'CCID reader'}`.trim();
  }

  static async open(device: UsbDeviceLike): Promise<CcidReader> {
    try {
      if (!device.opened) await device.open();
      if (!device.configuration) await device.selectConfiguration(1);
    } catch (cause) {
      throw usbFailure(cause, 'open CCID reader');
    }
    const iface = device.configuration?.interfaces.find((candidate) => candidate.alternate.interfaceClass === USB_CLASS_SMART_CARD);
    if (!iface) throw new CardError('card.reader-unsupported', { detail: `${device.productName ?? 'device'} has no CCID interface` });
    await openAndClaim(device, iface.interfaceNumber);
    const descriptor = findCcidDescriptor(await readConfigurationDescriptor(device), iface.interfaceNumber);
    if (!descriptor) {
      await closeQuietly(device, iface.interfaceNumber);
      throw new CardError('card.reader-unsupported', { detail: 'no CCID class descriptor' });
    }
    if (descriptor.level !== 'short-apdu' && descriptor.level !== 'extended-apdu') {
      await closeQuietly(device, iface.interfaceNumber);
      throw new CardError('card.reader-unsupported', { detail: `exchange level ${descriptor.level} (dwFeatures ${descriptor.features.toString(16)}); kofu needs APDU level` });
    }
    const out = findEndpoint(device, iface.interfaceNumber, 'out', 'bulk');
    const inEndpoint = findEndpoint(device, iface.interfaceNumber, 'in', 'bulk');
    if (!out || !inEndpoint) throw new CardError('card.reader-unsupported', { detail: 'CCID interface without bulk endpoints' });
    const interrupt = findEndpoint(device, iface.interfaceNumber, 'in', 'interrupt');
    return new CcidReader(device, iface.interfaceNumber, descriptor, out.endpointNumber, inEndpoint.endpointNumber, out.packetSize, interrupt?.endpointNumber);
  }

  private async send(message: Uint8Array): Promise<void> {
    this.log.push({ direction: 'out', data: message });
    await sendCcidMessage(this.device, this.outEndpoint, this.packetSize, message, 'CCID command');
  }

  private async receive(): Promise<CcidMessage> {
    const bytes = await receiveCcidMessage(this.pipe, 'CCID answer', READ_TIMEOUT_MS);
    this.log.push({ direction: 'in', data: bytes });
    return decodeCcid(bytes);
  }

  /** Sends one command and returns its final answer, looping over time extensions. */
  private async command(build: (seq: number) => Uint8Array, expectType: number, signal?: AbortSignal): Promise<CcidMessage> {
    throwIfAborted(signal);
    // An answer that came too late for the last command must not be taken for this one's.
    if (this.pipe.timedOut) await this.pipe.drain();
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xff;
    await this.send(build(seq));
    let extensions = 0;
    for (;;) {
      const answer = await this.receive();
      if (answer.seq !== seq) throw new CardError('card.reader-protocol', { detail: `CCID answer for bSeq ${answer.seq}, expected ${seq}` });
      const commandStatus = answer.specific[0] & COMMAND_STATUS_MASK;
      if (commandStatus === CommandStatus.TIME_EXTENSION) {
        extensions++;
        this.timeExtensions++;
        if (extensions > MAX_TIME_EXTENSIONS) throw new CardError('card.unresponsive', { detail: `${extensions} CCID time extensions` });
        continue;
      }
      if (answer.type !== expectType) throw new CardError('card.reader-protocol', { detail: `CCID answer type ${answer.type.toString(16)}, expected ${expectType.toString(16)}` });
      if (commandStatus === CommandStatus.FAILED) throw commandFailure(answer);
      return answer;
    }
  }

  /** PC_to_RDR_GetSlotStatus: is a card in the slot? */
  async cardPresent(signal?: AbortSignal): Promise<boolean> {
    const status = await this.command((seq) => simpleCommand(PcToRdr.GET_SLOT_STATUS, 0, seq), RdrToPc.SLOT_STATUS, signal).catch((error: unknown) => {
      if (isCardError(error, 'card.absent')) return null;
      throw error;
    });
    return status !== null && (status.specific[0] & ICC_STATUS_MASK) !== IccStatus.ABSENT;
  }

  async connect(signal?: AbortSignal): Promise<CardConnection> {
    // bPowerSelect 0: automatic voltage selection (CCID §6.1.1).
    const atrMessage = await this.command((seq) => simpleCommand(PcToRdr.ICC_POWER_ON, 0, seq), RdrToPc.DATA_BLOCK, signal);
    this.atr = atrMessage.data;
    return {
      transmit: (apdu, transmitSignal) => this.transmit(apdu, transmitSignal),
      disconnect: async () => {
        try {
          await this.command((seq) => simpleCommand(PcToRdr.ICC_POWER_OFF, 0, seq), RdrToPc.SLOT_STATUS);
        } catch {
          // card or reader already gone
        }
      },
    };
  }

  async transmit(apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    try {
      return await this.transmitOnce(apdu, signal);
    } catch (error) {
      // During a transfer a vanished card is a removal, not "no card".
      if (isCardError(error, 'card.absent')) throw new CardError('card.removed', { detail: 'the slot reports no card' });
      throw error;
    }
  }

  private async transmitOnce(apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    const room = this.descriptor.maxMessageLength - 10;
    if (apdu.length > room && this.descriptor.level !== 'extended-apdu') {
      throw new CardError('card.reader-protocol', { detail: `APDU of ${apdu.length} bytes exceeds the short-APDU reader's ${room}` });
    }
    // One XfrBlock when it fits (level 00); otherwise begin (01), continue (03)…, end (02).
    const pieces = Math.max(1, Math.ceil(apdu.length / room));
    let answer: CcidMessage | undefined;
    for (let piece = 0; piece < pieces; piece++) {
      const last = piece === pieces - 1;
      const level = pieces === 1 ? Chain.BEGIN_AND_END : piece === 0 ? Chain.BEGIN : last ? Chain.END : Chain.CONTINUE;
      const data = apdu.subarray(piece * room, (piece + 1) * room);
      answer = await this.command((seq) => xfrBlock(0, seq, data, level), RdrToPc.DATA_BLOCK, signal);
      if (!last && answer.specific[2] !== Chain.NEXT_PART) throw new CardError('card.reader-protocol', { detail: `chained command: reader answered bChainParameter ${answer.specific[2]}` });
    }
    answer = answer!;
    const parts = [answer.data];
    while (answer.specific[2] === Chain.BEGIN || answer.specific[2] === Chain.CONTINUE) {
      answer = await this.command((seq) => xfrBlock(0, seq, new Uint8Array(0), Chain.NEXT_PART), RdrToPc.DATA_BLOCK, signal);
      parts.push(answer.data);
    }
    return concatBytes(...parts);
  }

  /** Waits for the next RDR_to_PC_NotifySlotChange on the interrupt endpoint (slot 0). */
  async nextSlotChange(): Promise<SlotChange> {
    if (this.interruptEndpoint === undefined) throw new CardError('card.reader-unsupported', { detail: 'reader has no interrupt endpoint' });
    for (;;) {
      let bytes: Uint8Array;
      try {
        const result = await this.device.transferIn(this.interruptEndpoint, 8);
        if (result.status !== 'ok' || !result.data) continue;
        bytes = new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength);
      } catch (cause) {
        throw usbFailure(cause, 'CCID interrupt');
      }
      if (bytes[0] === RdrToPc.NOTIFY_SLOT_CHANGE && bytes.length >= 2) return { present: (bytes[1] & 0x01) !== 0, changed: (bytes[1] & 0x02) !== 0 };
    }
  }

  async close(): Promise<void> {
    await closeQuietly(this.device, this.interfaceNumber);
  }
}

function commandFailure(answer: CcidMessage): Error {
  const iccStatus = answer.specific[0] & ICC_STATUS_MASK;
  const error = answer.specific[1];
  if (iccStatus === IccStatus.ABSENT) return new CardError('card.absent', { detail: 'CCID slot reports no ICC' });
  if (error === CcidError.ICC_MUTE) return new CardError('card.removed', { detail: 'CCID: ICC mute' });
  return new CardError('card.reader-protocol', { detail: `CCID command failed: ${ccidErrorName(error)} (bError ${error.toString(16)})` });
}

async function readConfigurationDescriptor(device: UsbDeviceLike): Promise<Uint8Array> {
  const setup = GET_CONFIGURATION_DESCRIPTOR;
  const read = async (length: number) => {
    try {
      const result = await device.controlTransferIn(setup, length);
      if (result.status !== 'ok' || !result.data) throw new CardError('card.reader-protocol', { detail: `GET_DESCRIPTOR: ${result.status}` });
      return new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength);
    } catch (cause) {
      throw usbFailure(cause, 'GET_DESCRIPTOR');
    }
  };
  const head = await read(9);
  const total = head[2] | (head[3] << 8); // wTotalLength
  return read(total);
}
