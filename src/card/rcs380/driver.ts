/**
 * Sony RC-S380 over WebUSB: one vendor-class interface (0), bulk OUT endpoint 2 and IN endpoint 1
 * (aruneko/WebUSB-RC-S380 RCS380.ts), so any Chromium page may claim it. The reader only moves
 * RF frames; kofu runs ISO 14443-3B activation and ISO 14443-4 on the host (isodep/).
 *
 * Session: ACK + drain → SetCommandType 1 → GetFirmwareVersion → SwitchRF off (nfcpy rcs380.py
 * Chipset.__init__, lines 184-199) → per card: SwitchRF off, pause → InSetRF 106B → InSetProtocol
 * (defaults, Type B) → REQB (WUPB if silent) / ATTRIB through InCommRF → T=CL. Each command is
 * answered first with an ACK frame, then with the response frame (TFI D7, code + 1); the status
 * byte of the set-up commands is checked as nfcpy does.
 *
 * A USB read that times out leaves the reader mid-command: before the next command the driver
 * sends an ACK to abort it and reads off whatever is left (port100.c `port100_abort_cmd`).
 */
import { throwIfAborted } from '../../bytes/errors.ts';
import { activateTypeB, TclHost, type RfLink } from '../isodep/host.ts';
import type { CardConnection, CardReader, ReaderDetails } from '../reader.ts';
import { CardError } from '../errors.ts';
import { systemClock, type Clock } from '../transport/clock.ts';
import { BulkInPipe, bulkOut, closeQuietly, findEndpoint, openAndClaim, type UsbDeviceLike } from '../transport/usb.ts';
import { ACK_FRAME, decodeFrame, encodeCommandFrame, IN_SET_PROTOCOL_DEFAULTS, IN_SET_PROTOCOL_TYPE_B, IN_SET_RF_106B, inCommRfParams, isAck, Port100Command, RfStatus, STATUS_NAMES, TFI_TO_HOST } from './port100.ts';

const INTERFACE = 0;
const DEFAULT_OUT_ENDPOINT = 2;
const DEFAULT_IN_ENDPOINT = 1;
/** Larger than any answer (256-byte RF frame + 7 status bytes + framing). */
const READ_LENGTH = 512;
/** USB latency allowance on top of the RF timeout (nfcpy adds 500 ms to InCommRF). */
const USB_MARGIN_MS = 500;
/** wMaxPacketSize of the bulk endpoints (aruneko/WebUSB-RC-S380; port100.c uses the descriptor). */
const DEFAULT_PACKET_SIZE = 64;
/**
 * Field off before a new activation: ISO/IEC 14443-3 asks the PCD to keep the field off for a
 * reset time of 5–10 ms so that every card, a halted one too, loses power and returns to IDLE.
 */
const FIELD_RESET_MS = 10;

export class Port100Transport {
  private readonly outEndpoint: number;
  private readonly packetSize: number;
  private readonly pipe: BulkInPipe;
  /** Frames exchanged, for transcript tests: [host → reader, reader → host]. */
  readonly log: Array<[Uint8Array, Uint8Array]> = [];

  constructor(readonly device: UsbDeviceLike) {
    const out = findEndpoint(device, INTERFACE, 'out', 'bulk');
    this.outEndpoint = out?.endpointNumber ?? DEFAULT_OUT_ENDPOINT;
    this.packetSize = out?.packetSize ?? DEFAULT_PACKET_SIZE;
    this.pipe = new BulkInPipe(device, findEndpoint(device, INTERFACE, 'in', 'bulk')?.endpointNumber ?? DEFAULT_IN_ENDPOINT, READ_LENGTH);
  }

  /** Set when an answer did not fit the command: the next command resynchronises first. */
  private outOfStep = false;

  /** Sends one command and returns the response parameters (after TFI and code). */
  async command(code: number, params: Uint8Array = new Uint8Array(0), timeoutMs = 100): Promise<Uint8Array> {
    if (this.pipe.timedOut || this.outOfStep) await this.resynchronise();
    this.outOfStep = true; // until this command's answer has arrived whole
    const frame = encodeCommandFrame(code, params);
    const what = `RC-S380 command ${code.toString(16).padStart(2, '0')}`;
    await bulkOut(this.device, this.outEndpoint, frame, what, this.packetSize);
    const ack = await this.pipe.read(what, USB_MARGIN_MS);
    this.log.push([frame, ack]);
    if (!isAck(ack)) throw new CardError('card.reader-protocol', { detail: `${what}: expected ACK, got ${ack.length} bytes` });
    const answer = await this.pipe.read(what, timeoutMs + USB_MARGIN_MS);
    this.log.push([new Uint8Array(0), answer]);
    const decoded = decodeFrame(answer);
    if ('error' in decoded) throw new CardError('card.reader-protocol', { detail: `${what}: ${decoded.error}` });
    const data = decoded.data;
    if (data[0] !== TFI_TO_HOST || data[1] !== code + 1) throw new CardError('card.reader-protocol', { detail: `${what}: answer ${data[0]?.toString(16)} ${data[1]?.toString(16)}` });
    this.outOfStep = false;
    return data.subarray(2);
  }

  /** A command whose answer is one status byte; anything but 0 (SUCCESS) is an error. */
  async statusCommand(code: number, params: Uint8Array = new Uint8Array(0)): Promise<void> {
    const answer = await this.command(code, params);
    if (answer.length < 1 || answer[0] !== 0) {
      const status = answer[0];
      const name = status === undefined ? 'no status byte' : (STATUS_NAMES[status] ?? `status ${status.toString(16)}`);
      throw new CardError('card.reader-protocol', { detail: `RC-S380 command ${code.toString(16).padStart(2, '0')}: ${name}` });
    }
  }

  /**
   * An ACK from the host cancels the command in progress (port100.c `port100_abort_cmd`); then
   * whatever the reader still had queued is read off (nfcpy Chipset.__init__ "Clear any response
   * data that may be leftover", rcs380.py:186-193).
   */
  async resynchronise(): Promise<void> {
    await bulkOut(this.device, this.outEndpoint, ACK_FRAME, 'RC-S380 ACK', this.packetSize);
    await this.pipe.drain();
    this.outOfStep = false;
  }
}

/** InCommRF as an RF link: status 0 → the card's frame; timeout → `card.rf-timeout`, CRC and others → `card.rf-error`. */
export class Port100RfLink implements RfLink {
  constructor(private readonly transport: Port100Transport) {}

  async exchange(frame: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array> {
    throwIfAborted(signal);
    const answer = await this.transport.command(Port100Command.IN_COMM_RF, inCommRfParams(timeoutMs, frame), timeoutMs);
    if (answer.length < 5) throw new CardError('card.reader-protocol', { detail: `InCommRF answer of ${answer.length} bytes` });
    const status = (answer[0] | (answer[1] << 8) | (answer[2] << 16) | (answer[3] << 24)) >>> 0;
    if (status & RfStatus.RECEIVE_TIMEOUT) throw new CardError('card.rf-timeout', { detail: `InCommRF status ${status.toString(16)}` });
    if (status !== RfStatus.OK) throw new CardError('card.rf-error', { detail: `InCommRF status ${status.toString(16)}` });
    // One byte after the status (received bits of the last byte), then the card's frame.
    return answer.subarray(5);
  }
}

export class Rcs380Reader implements CardReader {
  readonly kind = 'rcs380' as const;
  readonly label = 'Sony RC-S380';
  readonly path = 'USB interface #0 (vendor class 0xFF), port100, T=CL by kofu';
  private readonly transport: Port100Transport;
  private readonly clock: Clock;
  private firmware?: string;
  private card?: ReaderDetails['card'];

  private constructor(readonly device: UsbDeviceLike) {
    this.transport = new Port100Transport(device);
    this.clock = device.clock ?? systemClock;
  }

  get log(): ReadonlyArray<[Uint8Array, Uint8Array]> {
    return this.transport.log;
  }

  static async open(device: UsbDeviceLike): Promise<Rcs380Reader> {
    await openAndClaim(device, INTERFACE);
    const reader = new Rcs380Reader(device);
    const t = reader.transport;
    await t.resynchronise();
    await t.statusCommand(Port100Command.SET_COMMAND_TYPE, new Uint8Array([0x01]));
    reader.firmware = firmwareVersion(await t.command(Port100Command.GET_FIRMWARE_VERSION));
    await t.statusCommand(Port100Command.SWITCH_RF, new Uint8Array([0x00]));
    return reader;
  }

  /** Firmware version (GetFirmwareVersion) and the last activated card's FSC/FWI. */
  details(): ReaderDetails {
    return { firmware: this.firmware, card: this.card };
  }

  async connect(signal?: AbortSignal): Promise<CardConnection> {
    const t = this.transport;
    throwIfAborted(signal);
    this.card = undefined;
    await t.statusCommand(Port100Command.SWITCH_RF, new Uint8Array([0x00]));
    await this.clock.sleep(FIELD_RESET_MS);
    await t.statusCommand(Port100Command.IN_SET_RF, IN_SET_RF_106B);
    await t.statusCommand(Port100Command.IN_SET_PROTOCOL, IN_SET_PROTOCOL_DEFAULTS);
    await t.statusCommand(Port100Command.IN_SET_PROTOCOL, IN_SET_PROTOCOL_TYPE_B);
    const link = new Port100RfLink(t);
    const activation = await activateTypeB(link, 8, signal);
    this.card = { fsc: activation.fsc, fwi: activation.atqb.fwi };
    const host = new TclHost(link, { fsc: activation.fsc, fwtMs: activation.fwtMs, fsd: 256 });
    return {
      transmit: (command, transmitSignal) => host.transmit(command, transmitSignal),
      disconnect: async () => {
        await host.deselect();
        try {
          await t.command(Port100Command.SWITCH_RF, new Uint8Array([0x00]));
        } catch {
          // the reader may be gone
        }
      },
    };
  }

  async close(): Promise<void> {
    try {
      await this.transport.command(Port100Command.SWITCH_RF, new Uint8Array([0x00]));
    } catch {
      // unplugged
    }
    await closeQuietly(this.device, INTERFACE);
  }
}

/** GetFirmwareVersion answers the version LE16, minor first: `11 01` is 1.11 (nfcpy rcs380.py:359-360). */
export function firmwareVersion(answer: Uint8Array): string | undefined {
  if (answer.length < 2) return undefined;
  return `${answer[1].toString(16)}.${answer[0].toString(16).padStart(2, '0')}`;
}
