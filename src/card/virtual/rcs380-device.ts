/**
 * A virtual Sony RC-S380 ("NFC Port-100"), written from the published facts and not from kofu's
 * driver, so that a wrong constant in the driver cannot pass unnoticed: its frame codec, command
 * codes, status values and accepted settings are its own, each with its source. It acknowledges
 * each command with an ACK, moves InCommRF frames through a virtual RF field to a Type B card
 * within the InCommRF timeout, and an ACK from the host cancels a pending command.
 *
 * Sources (nfcpy at 8a19526, src/nfc/clf/rcs380.py unless named):
 * - frame `00 00 FF FF FF LEN(LE16) LCS DATA DCS 00`, ACK `00 00 FF 00 FF 00`: Frame, lines 60-90;
 *   Linux drivers/nfc/port100.c port100_checksum / port100_data_checksum ("value + checksum = 0");
 * - command codes: Chipset.CMD, lines 149-176; answer code = command + 1, TFI D6 / D7: send_command;
 * - status byte SUCCESS 0 / PARAMETER_ERROR 1 / … / COMMANDTYPE_ERROR 7: StatusError, lines 132-135;
 * - InSetRF 106B = `03 07 0F 07`: in_set_rf settings table, line 234;
 * - InSetProtocol keys 0x00–0x13 (initial_guard_time … guard_time, 0x0D rfu): in_set_protocol KEYS;
 *   Type B needs add_sof/check_sof/add_eof/check_eof = 1 (sense_ttb, lines 471-472) and CRC on;
 * - InCommRF: timeout LE16 in 0.1 ms units (in_comm_rf, lines 263-264), answer = status LE32 +
 *   one byte + frame; status bits CommunicationError (PROTOCOL 1, CRC 4, RECEIVE_TIMEOUT 0x80);
 * - GetFirmwareVersion answers minor, major (Device.__init__, lines 359-360).
 */
import { SONY_VENDOR_ID, USB_CLASS_VENDOR } from '../transport/usb.ts';
import type { VirtualRfField } from './rf-field.ts';
import { bulkInterface, VirtualUsbDevice } from './usb-device.ts';

const OUT = 2;
const IN = 1;

const ACK = [0x00, 0x00, 0xff, 0x00, 0xff, 0x00];
const HOST_TFI = 0xd6;
const DEVICE_TFI = 0xd7;
const Command = { IN_SET_RF: 0x00, IN_SET_PROTOCOL: 0x02, IN_COMM_RF: 0x04, SWITCH_RF: 0x06, GET_FIRMWARE_VERSION: 0x20, GET_COMMAND_TYPE: 0x28, SET_COMMAND_TYPE: 0x2a } as const;
const Status = { SUCCESS: 0x00, PARAMETER_ERROR: 0x01, COMMANDTYPE_ERROR: 0x07 } as const;
const CommError = { PROTOCOL: 0x01, CRC: 0x04, RECEIVE_TIMEOUT: 0x80 } as const;
/** InSetRF send/receive settings the device accepts: only 106 kbit/s Type B is modelled. */
const RF_106B = [0x03, 0x07, 0x0f, 0x07];
/** InSetProtocol keys (nfcpy KEYS): 0x00–0x13 except 0x0D (rfu). */
const ProtocolKey = { ADD_CRC: 0x01, CHECK_CRC: 0x02, ADD_SOF: 0x09, CHECK_SOF: 0x0a, ADD_EOF: 0x0b, CHECK_EOF: 0x0c, RFU: 0x0d, LAST: 0x13 } as const;
export const VIRTUAL_RCS380_FIRMWARE = [0x11, 0x01];

const sum = (bytes: ArrayLike<number>) => Array.from(bytes).reduce((a, b) => a + b, 0);
const complement = (value: number) => (0x100 - (value & 0xff)) & 0xff;

function frame(data: number[]): Uint8Array {
  const len = [data.length & 0xff, data.length >> 8];
  return new Uint8Array([0x00, 0x00, 0xff, 0xff, 0xff, ...len, complement(sum(len)), ...data, complement(sum(data)), 0x00]);
}

/** The data of a well-formed extended frame, or null. */
function unframe(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length < 10 || bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 0xff || bytes[3] !== 0xff || bytes[4] !== 0xff) return null;
  const length = bytes[5] | (bytes[6] << 8);
  if (((bytes[5] + bytes[6] + bytes[7]) & 0xff) !== 0 || bytes.length < 10 + length) return null;
  const data = bytes.subarray(8, 8 + length);
  return ((sum(data) + bytes[8 + length]) & 0xff) === 0 ? data : null;
}

export class VirtualRcs380 extends VirtualUsbDevice {
  private commandType = 0;
  private rf: number[] | null = null;
  private readonly protocol = new Map<number, number>();
  /** Commands answered so far, by code (for tests). */
  readonly commands: number[] = [];
  /** Fault hook: the next command is acknowledged but never answered (a reader hung mid-command). */
  hangNextCommand = false;
  /** Fault hook: the next command with this code answers PARAMETER_ERROR. */
  rejectNext: number | null = null;

  constructor(readonly field: VirtualRfField, productId = 0x06c3) {
    super({
      vendorId: SONY_VENDOR_ID,
      productId,
      productName: 'RC-S380/P',
      manufacturerName: 'SONY',
      interfaces: [bulkInterface(0, USB_CLASS_VENDOR, OUT, IN)],
    });
    this.clock = field.clock;
  }

  protected async handleOut(endpoint: number, data: Uint8Array): Promise<void> {
    if (endpoint !== OUT) return;
    if (data.length === ACK.length && data.every((b, i) => b === ACK[i])) {
      this.clearIn(IN); // the host cancelled whatever was pending
      return;
    }
    const body = unframe(data);
    if (!body || body[0] !== HOST_TFI) return; // a real reader stays silent on a broken frame
    const code = body[1];
    this.commands.push(code);
    this.queueIn(IN, new Uint8Array(ACK));
    const rejected = this.rejectNext === code;
    if (rejected) this.rejectNext = null;
    const answer = rejected ? [Status.PARAMETER_ERROR] : await this.execute(code, body.subarray(2));
    if (this.hangNextCommand) {
      this.hangNextCommand = false;
      return;
    }
    this.queueIn(IN, frame([DEVICE_TFI, code + 1, ...answer]));
  }

  private async execute(code: number, params: Uint8Array): Promise<number[]> {
    switch (code) {
      case Command.SET_COMMAND_TYPE:
        if (params.length !== 1 || params[0] > 3) return [Status.PARAMETER_ERROR];
        this.commandType = params[0];
        return [Status.SUCCESS];
      case Command.GET_COMMAND_TYPE:
        return [0, 0, 0, 0, 0, 0, 0, 0x03];
      case Command.GET_FIRMWARE_VERSION:
        return VIRTUAL_RCS380_FIRMWARE;
      case Command.SWITCH_RF:
        if (params.length !== 1 || params[0] > 1) return [Status.PARAMETER_ERROR];
        this.field.setField(params[0] === 1);
        if (params[0] === 0) this.rf = null;
        return [Status.SUCCESS];
      case Command.IN_SET_RF:
        if (this.commandType !== 1) return [Status.COMMANDTYPE_ERROR];
        if (params.length !== 4 || !params.every((b, i) => b === RF_106B[i])) return [Status.PARAMETER_ERROR];
        this.rf = [...params];
        this.field.setField(true);
        return [Status.SUCCESS];
      case Command.IN_SET_PROTOCOL:
        if (params.length % 2 !== 0) return [Status.PARAMETER_ERROR];
        for (let i = 0; i < params.length; i += 2) if (params[i] > ProtocolKey.LAST || params[i] === ProtocolKey.RFU) return [Status.PARAMETER_ERROR];
        for (let i = 0; i < params.length; i += 2) this.protocol.set(params[i], params[i + 1]);
        return [Status.SUCCESS];
      case Command.IN_COMM_RF:
        return this.inCommRf(params);
      default:
        return [Status.PARAMETER_ERROR];
    }
  }

  private async inCommRf(params: Uint8Array): Promise<number[]> {
    if (this.commandType !== 1 || !this.rf || params.length < 2) return status(CommError.PROTOCOL);
    const timeoutMs = (params[0] | (params[1] << 8)) / 10;
    // Without SOF/EOF and CRC the card cannot read the frame (ISO 14443-3 §7.1): it stays silent.
    const on = (key: number) => this.protocol.get(key) === 1;
    const typeBFraming = on(ProtocolKey.ADD_SOF) && on(ProtocolKey.CHECK_SOF) && on(ProtocolKey.ADD_EOF) && on(ProtocolKey.CHECK_EOF) && on(ProtocolKey.ADD_CRC) && on(ProtocolKey.CHECK_CRC);
    if (!typeBFraming) {
      await this.field.clock.sleep(timeoutMs);
      return status(CommError.RECEIVE_TIMEOUT);
    }
    const outcome = await this.field.exchange(params.slice(2), timeoutMs);
    if (outcome.kind === 'timeout') return status(CommError.RECEIVE_TIMEOUT);
    if (outcome.kind === 'crc-error') return status(CommError.CRC);
    return [...status(0), ...outcome.frame];
  }
}

function status(bits: number): number[] {
  return [bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff, 0x00];
}
