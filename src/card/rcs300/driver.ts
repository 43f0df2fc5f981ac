/**
 * Sony RC-S300 over WebUSB through interface #1 (vendor class 0xFF, bulk OUT 0x02 / IN 0x82,
 * 64-byte packets). Interface #0 is CCID class 0x0B, which Chrome blocks for web pages; the
 * vendor interface is what a plain PWA can claim (WPT webusb/protected-interface-classes).
 *
 * Session: EndTransparent → StartTransparent → RF off → RF on → SwitchProtocol ISO 14443-4B, then
 * every T=CL block goes through CommunicateThruEX and the host runs ISO 14443-4 (isodep/): in
 * transparent mode the reader adds no PCBs, R-blocks or WTX answers (EZ Sign doc §9.4).
 *
 * Unknowns (research §7 q.2), and what kofu assumes until checked on hardware:
 * - SwitchProtocol to layer 4 performs REQB/ATTRIB in the reader; the host never sees the ATQB,
 *   so it assumes FSC = 64 bytes (a card with a larger FSC accepts smaller frames) and FWI 8;
 * - long answers arrive in one Escape message spanning several 64-byte packets.
 */
import { throwIfAborted } from '../../bytes/errors.ts';
import { readTlv } from '../apdu/tlv.ts';
import { encodeCcid, decodeCcid, PcToRdr, RdrToPc } from '../ccid/messages.ts';
import { receiveCcidMessage, sendCcidMessage } from '../ccid/transfer.ts';
import { fwtMilliseconds } from '../isodep/blocks.ts';
import { TclHost, type RfLink } from '../isodep/host.ts';
import type { CardConnection, CardReader } from '../reader.ts';
import { CardError } from '../errors.ts';
import { closeQuietly, findEndpoint, openAndClaim, type UsbDeviceLike } from '../transport/usb.ts';
import { DataObject, EscapeCommand, TransparentStatus, transceiveCommand } from './protocol.ts';

const INTERFACE = 1;
const DEFAULT_ENDPOINT = 2;
const PACKET_SIZE = 64;
const MAX_MESSAGE = 1024;
const USB_MARGIN_MS = 500;
/** Assumed card parameters (see the header). */
export const RCS300_ASSUMED_FSC = 64;
export const RCS300_ASSUMED_FWI = 8;

export interface TransparentAnswer {
  /** SW1 SW2 of the C0 status object (9000 = the exchange worked). */
  readonly status: number;
  /** The card's frame from object 97, if any. */
  readonly response: Uint8Array | null;
}

/** Splits an Escape answer `<data objects> 90 00` into the status object and the 97 object. */
export function parseTransparentAnswer(payload: Uint8Array): TransparentAnswer {
  if (payload.length < 2) throw new CardError('card.reader-protocol', { detail: 'empty RC-S300 answer' });
  const sw = (payload[payload.length - 2] << 8) | payload[payload.length - 1];
  if (sw !== 0x9000) throw new CardError('card.reader-protocol', { detail: `RC-S300 pseudo-APDU answered ${sw.toString(16)}` });
  const objects = payload.subarray(0, payload.length - 2);
  let status: number = TransparentStatus.OK;
  let response: Uint8Array | null = null;
  for (let offset = 0; offset < objects.length; ) {
    const tlv = readTlv(objects, offset);
    if (tlv.tag === DataObject.STATUS && tlv.value.length >= 3) status = (tlv.value[1] << 8) | tlv.value[2];
    if (tlv.tag === DataObject.RESPONSE) response = tlv.value.slice();
    offset = tlv.end;
  }
  return { status, response };
}

export class Rcs300Transport {
  private seq = 0;
  private readonly outEndpoint: number;
  private readonly inEndpoint: number;
  readonly log: Array<{ direction: 'out' | 'in'; data: Uint8Array }> = [];

  constructor(readonly device: UsbDeviceLike) {
    this.outEndpoint = findEndpoint(device, INTERFACE, 'out', 'bulk')?.endpointNumber ?? DEFAULT_ENDPOINT;
    this.inEndpoint = findEndpoint(device, INTERFACE, 'in', 'bulk')?.endpointNumber ?? DEFAULT_ENDPOINT;
  }

  /** One Escape exchange: PC_to_RDR_Escape(pseudo-APDU) → RDR_to_PC_Escape(answer). */
  async escape(pseudoApdu: Uint8Array, timeoutMs = 100): Promise<TransparentAnswer> {
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xff;
    const message = encodeCcid({ type: PcToRdr.ESCAPE, slot: 0, seq, specific: [0, 0, 0], data: pseudoApdu });
    this.log.push({ direction: 'out', data: message });
    await sendCcidMessage(this.device, this.outEndpoint, PACKET_SIZE, message, 'RC-S300 Escape');
    const bytes = await receiveCcidMessage(this.device, this.inEndpoint, MAX_MESSAGE, 'RC-S300 Escape answer', timeoutMs + USB_MARGIN_MS);
    this.log.push({ direction: 'in', data: bytes });
    const answer = decodeCcid(bytes);
    if (answer.type !== RdrToPc.ESCAPE || answer.seq !== seq) throw new CardError('card.reader-protocol', { detail: `RC-S300 answer type ${answer.type.toString(16)} seq ${answer.seq}, expected 83 seq ${seq}` });
    return parseTransparentAnswer(answer.data);
  }
}

/** CommunicateThruEX as an RF link. */
export class Rcs300RfLink implements RfLink {
  constructor(private readonly transport: Rcs300Transport) {}

  async exchange(frame: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array> {
    throwIfAborted(signal);
    const answer = await this.transport.escape(transceiveCommand(frame, Math.round(timeoutMs * 1000)), timeoutMs);
    if (answer.status === TransparentStatus.TIMEOUT) throw new CardError('card.rf-timeout', { detail: 'CommunicateThruEX: no answer' });
    if (answer.status !== TransparentStatus.OK) throw new CardError('card.rf-error', { detail: `CommunicateThruEX status ${answer.status.toString(16)}` });
    if (!answer.response) throw new CardError('card.rf-error', { detail: 'CommunicateThruEX without response object' });
    return answer.response;
  }
}

export class Rcs300Reader implements CardReader {
  readonly kind = 'rcs300' as const;
  readonly label = 'Sony RC-S300';
  readonly path = 'USB interface #1 (vendor class 0xFF), Escape + transparent session, T=CL by kofu';
  private readonly transport: Rcs300Transport;

  private constructor(readonly device: UsbDeviceLike) {
    this.transport = new Rcs300Transport(device);
  }

  get log(): ReadonlyArray<{ direction: 'out' | 'in'; data: Uint8Array }> {
    return this.transport.log;
  }

  static async open(device: UsbDeviceLike): Promise<Rcs300Reader> {
    await openAndClaim(device, INTERFACE);
    return new Rcs300Reader(device);
  }

  async connect(signal?: AbortSignal): Promise<CardConnection> {
    const t = this.transport;
    throwIfAborted(signal);
    await t.escape(EscapeCommand.END_TRANSPARENT); // a previous page may have left a session open
    for (const step of [EscapeCommand.START_TRANSPARENT, EscapeCommand.RF_OFF, EscapeCommand.RF_ON]) {
      const answer = await t.escape(step);
      if (answer.status !== TransparentStatus.OK) throw new CardError('card.reader-protocol', { detail: `RC-S300 session setup: status ${answer.status.toString(16)}` });
    }
    const switched = await t.escape(EscapeCommand.SWITCH_TO_ISO14443_4B);
    if (switched.status !== TransparentStatus.OK) throw new CardError('card.absent', { detail: `SwitchProtocol 14443-4B: status ${switched.status.toString(16)}` });
    const host = new TclHost(new Rcs300RfLink(t), { fsc: RCS300_ASSUMED_FSC, fwtMs: fwtMilliseconds(RCS300_ASSUMED_FWI) });
    return {
      transmit: (command, transmitSignal) => host.transmit(command, transmitSignal),
      disconnect: async () => {
        await host.deselect();
        try {
          await t.escape(EscapeCommand.RF_OFF);
          await t.escape(EscapeCommand.END_TRANSPARENT);
        } catch {
          // reader gone
        }
      },
    };
  }

  async close(): Promise<void> {
    try {
      await this.transport.escape(EscapeCommand.END_TRANSPARENT);
    } catch {
      // unplugged
    }
    await closeQuietly(this.device, INTERFACE);
  }
}
