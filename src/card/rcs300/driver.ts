/**
 * Sony RC-S300 over WebUSB through interface #1 (vendor class 0xFF, bulk OUT 0x02 / IN 0x82,
 * 64-byte packets). Interface #0 is CCID class 0x0B, which Chrome blocks for web pages; the
 * vendor interface is what a plain PWA can claim (WPT webusb/protected-interface-classes).
 *
 * Session: EndTransparent → StartTransparent → RF off → RF on → SwitchProtocol ISO 14443-4B, then
 * every T=CL block goes through CommunicateThruEX and the host runs ISO 14443-4 (isodep/): in
 * transparent mode the reader adds no PCBs, R-blocks or WTX answers (EZ Sign doc §9.4).
 *
 * The answers are read object by object (PC/SC Part 3 as a reader firmware implements it,
 * wsrf2009/contactless-driver mod/src/pcsc.c): C0 (status), 92 (valid bits of the last byte),
 * 96 (frame error bits — a damaged frame can come with C0 … 90 00), 97 (the card's frame), and
 * for SwitchProtocol 5F 51 (pseudo-ATR carrying the ATQB protocol info) or 8F 03 (the protocol
 * info itself), from which FSC and FWI are taken.
 *
 * Unknowns (research §7 q.2; docs/readers.md lists the exact bytes to check on a real RC-S300):
 * - which of 5F 51 / 8F 03 the RC-S300 sends; without either, kofu falls back to FSC 64 and the
 *   largest FWI (14), so a slow card is never taken for a removed one;
 * - long answers arrive in one Escape message spanning several 64-byte packets.
 */
import { throwIfAborted } from '../../bytes/errors.ts';
import { readTlv } from '../apdu/tlv.ts';
import { encodeCcid, decodeCcid, PcToRdr, RdrToPc } from '../ccid/messages.ts';
import { receiveCcidMessage, sendCcidMessage } from '../ccid/transfer.ts';
import { frameSizeFromCode, fwtMilliseconds } from '../isodep/blocks.ts';
import { TclHost, type RfLink } from '../isodep/host.ts';
import type { CardConnection, CardReader, ReaderDetails } from '../reader.ts';
import { CardError } from '../errors.ts';
import { systemClock, type Clock } from '../transport/clock.ts';
import { BulkInPipe, closeQuietly, findEndpoint, openAndClaim, type UsbDeviceLike } from '../transport/usb.ts';
import { DataObject, EscapeCommand, ResponseError, TransparentStatus, transceiveCommand } from './protocol.ts';

const INTERFACE = 1;
const DEFAULT_ENDPOINT = 2;
const PACKET_SIZE = 64;
const MAX_MESSAGE = 1024;
const USB_MARGIN_MS = 500;
/** Card parameters when the SwitchProtocol answer carries none (see the header). */
export const RCS300_FALLBACK_FSC = 64;
export const RCS300_FALLBACK_FWI = 14;
/**
 * Pauses around the field reset: off for at least the ISO/IEC 14443-3 reset time (5–10 ms), and
 * 6 ms after RF on before the first frame, as the PC/SC Part 3 firmware waits after turning the
 * antenna on before Type B polling (pcsc.c:995-997 `turn_on_antenna(); Delay1ms(6);`).
 */
export const RF_OFF_PAUSE_MS = 10;
export const RF_ON_PAUSE_MS = 6;

export interface TransparentAnswer {
  /** SW1 SW2 of the C0 status object (9000 = the exchange worked). */
  readonly status: number;
  /** The card's frame from object 97, if any. */
  readonly response: Uint8Array | null;
  /** Byte 0 of object 96 (ResponseError bits), 0 when absent. */
  readonly responseErrors: number;
  /** Object 92: valid bits in the last received byte (0 or 8 = a whole byte), null when absent. */
  readonly validBits: number | null;
  /** ATQB protocol info (3 bytes) from a SwitchProtocol answer (5F 51 pseudo-ATR or 8F 03). */
  readonly protocolInfo: Uint8Array | null;
  /** Tags of objects kofu does not know, for the staff log. */
  readonly unknown: readonly number[];
}

/** PC/SC Part 3 pseudo-ATR of a Type B card: 3B 8n 80 01 AppData(4) ProtocolInfo(3) MBLI TCK. */
function protocolInfoFromAtr(atr: Uint8Array): Uint8Array | null {
  if (atr.length < 12 || atr[0] !== 0x3b || (atr[1] & 0x0f) < 8 || atr[2] !== 0x80 || atr[3] !== 0x01) return null;
  return atr.slice(8, 11);
}

/** Splits an Escape answer `<data objects> 90 00` into its objects. */
export function parseTransparentAnswer(payload: Uint8Array): TransparentAnswer {
  if (payload.length < 2) throw new CardError('card.reader-protocol', { detail: 'empty RC-S300 answer' });
  const sw = (payload[payload.length - 2] << 8) | payload[payload.length - 1];
  if (sw !== 0x9000) throw new CardError('card.reader-protocol', { detail: `RC-S300 pseudo-APDU answered ${sw.toString(16)}` });
  const objects = payload.subarray(0, payload.length - 2);
  let status: number = TransparentStatus.OK;
  let response: Uint8Array | null = null;
  let responseErrors = 0;
  let validBits: number | null = null;
  let protocolInfo: Uint8Array | null = null;
  const unknown: number[] = [];
  for (let offset = 0; offset < objects.length; ) {
    const tlv = readTlv(objects, offset);
    offset = tlv.end;
    switch (tlv.tag) {
      case DataObject.STATUS:
        if (tlv.value.length < 3) throw new CardError('card.reader-protocol', { detail: `RC-S300 status object of ${tlv.value.length} bytes` });
        status = (tlv.value[1] << 8) | tlv.value[2];
        break;
      case DataObject.RESPONSE:
        response = tlv.value.slice();
        break;
      case DataObject.RESPONSE_STATUS:
        responseErrors = tlv.value[0] ?? 0;
        break;
      case DataObject.VALID_BITS:
        validBits = tlv.value[0] ?? null;
        break;
      case DataObject.ATR:
        protocolInfo ??= protocolInfoFromAtr(tlv.value);
        break;
      case DataObject.SWITCH_PROTOCOL:
        if (tlv.value.length === 3) protocolInfo = tlv.value.slice();
        break;
      default:
        unknown.push(tlv.tag);
    }
  }
  return { status, response, responseErrors, validBits, protocolInfo, unknown };
}

/** The frame errors of an answer, in words, or null when the frame arrived whole. */
export function frameDamage(answer: TransparentAnswer): string | null {
  const names = Object.entries(ResponseError).filter(([, bit]) => answer.responseErrors & bit).map(([name]) => name.toLowerCase());
  if (answer.responseErrors && names.length === 0) names.push(`status ${answer.responseErrors.toString(16)}`);
  // T=CL frames are whole bytes: a last byte with 1–7 valid bits is a broken frame.
  if (answer.validBits !== null && answer.validBits % 8 !== 0) names.push(`${answer.validBits} valid bits in the last byte`);
  return names.length > 0 ? names.join(', ') : null;
}

export class Rcs300Transport {
  private seq = 0;
  private readonly outEndpoint: number;
  private readonly pipe: BulkInPipe;
  readonly log: Array<{ direction: 'out' | 'in'; data: Uint8Array }> = [];

  constructor(readonly device: UsbDeviceLike) {
    this.outEndpoint = findEndpoint(device, INTERFACE, 'out', 'bulk')?.endpointNumber ?? DEFAULT_ENDPOINT;
    this.pipe = new BulkInPipe(device, findEndpoint(device, INTERFACE, 'in', 'bulk')?.endpointNumber ?? DEFAULT_ENDPOINT, MAX_MESSAGE);
  }

  /** One Escape exchange: PC_to_RDR_Escape(pseudo-APDU) → RDR_to_PC_Escape(answer). */
  async escape(pseudoApdu: Uint8Array, timeoutMs = 100): Promise<TransparentAnswer> {
    // A late answer to an abandoned exchange must not be taken for this one's.
    if (this.pipe.timedOut) await this.pipe.drain();
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xff;
    const message = encodeCcid({ type: PcToRdr.ESCAPE, slot: 0, seq, specific: [0, 0, 0], data: pseudoApdu });
    this.log.push({ direction: 'out', data: message });
    await sendCcidMessage(this.device, this.outEndpoint, PACKET_SIZE, message, 'RC-S300 Escape');
    const bytes = await receiveCcidMessage(this.pipe, 'RC-S300 Escape answer', timeoutMs + USB_MARGIN_MS);
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
    if (answer.status === TransparentStatus.NO_ICC_RESPONSE) throw new CardError('card.rf-timeout', { detail: 'CommunicateThruEX: no answer' });
    if (answer.status !== TransparentStatus.OK) throw new CardError('card.rf-error', { detail: `CommunicateThruEX status ${answer.status.toString(16)}` });
    const damage = frameDamage(answer);
    if (damage) throw new CardError('card.rf-error', { detail: `CommunicateThruEX: damaged frame (${damage})` });
    if (!answer.response) throw new CardError('card.rf-error', { detail: 'CommunicateThruEX without response object' });
    return answer.response;
  }
}

export class Rcs300Reader implements CardReader {
  readonly kind = 'rcs300' as const;
  readonly label = 'Sony RC-S300';
  readonly path = 'USB interface #1 (vendor class 0xFF), Escape + transparent session, T=CL by kofu';
  private readonly transport: Rcs300Transport;
  private readonly clock: Clock;
  private card?: ReaderDetails['card'];

  private constructor(readonly device: UsbDeviceLike) {
    this.transport = new Rcs300Transport(device);
    this.clock = device.clock ?? systemClock;
  }

  /** The card's FSC/FWI from the last SwitchProtocol answer (the RC-S300 reports no firmware version here). */
  details(): ReaderDetails {
    return { card: this.card };
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
    this.card = undefined;
    await t.escape(EscapeCommand.END_TRANSPARENT); // a previous page may have left a session open
    const steps: Array<[Uint8Array, number]> = [
      [EscapeCommand.START_TRANSPARENT, 0],
      [EscapeCommand.RF_OFF, RF_OFF_PAUSE_MS],
      [EscapeCommand.RF_ON, RF_ON_PAUSE_MS],
    ];
    for (const [step, pauseMs] of steps) {
      const answer = await t.escape(step);
      if (answer.status !== TransparentStatus.OK) throw new CardError('card.reader-protocol', { detail: `RC-S300 session setup: status ${answer.status.toString(16)}` });
      if (pauseMs) await this.clock.sleep(pauseMs);
    }
    const switched = await t.escape(EscapeCommand.SWITCH_TO_ISO14443_4B);
    if (switched.status !== TransparentStatus.OK) throw new CardError('card.absent', { detail: `SwitchProtocol 14443-4B: status ${switched.status.toString(16)}` });
    const card = cardParameters(switched.protocolInfo);
    this.card = card.fromCard ? { fsc: card.fsc, fwi: card.fwi } : { fsc: card.fsc, fwi: card.fwi, assumed: true };
    const host = new TclHost(new Rcs300RfLink(t), { fsc: card.fsc, fwtMs: fwtMilliseconds(card.fwi) });
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

/**
 * FSC and FWI from the ATQB protocol info (ISO 14443-3 §7.9.4: byte 2 = FSCI | protocol type,
 * byte 3 = FWI | ADC | FO), as nfcpy tag/tt4.py:553-562 reads them from SENSB_RES; RFU codes
 * are clamped the same way (FSCI > 8 → 8, FWI > 14 → 4).
 */
export function cardParameters(protocolInfo: Uint8Array | null): { fsc: number; fwi: number; fromCard: boolean } {
  if (!protocolInfo) return { fsc: RCS300_FALLBACK_FSC, fwi: RCS300_FALLBACK_FWI, fromCard: false };
  const fsci = protocolInfo[1] >> 4;
  const fwi = protocolInfo[2] >> 4;
  return { fsc: frameSizeFromCode(Math.min(fsci, 8)), fwi: fwi > 14 ? 4 : fwi, fromCard: true };
}

