/**
 * Sony RC-S380 ("NFC Port-100") frames and commands. Facts from the Linux driver
 * (drivers/nfc/port100.c) and nfcpy (src/nfc/clf/rcs380.py), as summarised in
 * research/card-reading.md §2.5; aruneko/WebUSB-RC-S380 shows the same bytes from a browser.
 *
 * Frame:  00 00 FF | FF FF | LEN(2, LE) | LCS | TFI CMD PARAMS… | DCS | 00
 *   LCS makes LEN_L + LEN_H + LCS ≡ 0 (mod 256); DCS makes the data bytes + DCS ≡ 0.
 *   TFI D6 = host → reader, D7 = reader → host; the answer's code is the command's + 1.
 * ACK:    00 00 FF 00 FF 00 (the reader acknowledges every command; the host sends one to cancel).
 */
import { concatBytes } from '../../bytes/bytes.ts';

export const TFI_TO_READER = 0xd6;
export const TFI_TO_HOST = 0xd7;
export const ACK_FRAME = new Uint8Array([0x00, 0x00, 0xff, 0x00, 0xff, 0x00]);
const START = [0x00, 0x00, 0xff, 0xff, 0xff];

export const Port100Command = {
  IN_SET_RF: 0x00,
  IN_SET_PROTOCOL: 0x02,
  IN_COMM_RF: 0x04,
  SWITCH_RF: 0x06,
  GET_FIRMWARE_VERSION: 0x20,
  GET_COMMAND_TYPE: 0x28,
  SET_COMMAND_TYPE: 0x2a,
} as const;

/** InSetRF for ISO 14443 Type B at 106 kbit/s: send tech 03, rate 07, receive tech 0F, rate 07 (nfcpy "106B"). */
export const IN_SET_RF_106B = new Uint8Array([0x03, 0x07, 0x0f, 0x07]);
/** InSetProtocol defaults (nfcpy in_set_protocol_defaults): pairs of (setting, value). */
export const IN_SET_PROTOCOL_DEFAULTS = new Uint8Array([
  0x00, 0x18, 0x01, 0x01, 0x02, 0x01, 0x03, 0x00, 0x04, 0x00, 0x05, 0x00, 0x06, 0x00, 0x07, 0x08, 0x08, 0x00, 0x09, 0x00, 0x0a, 0x00, 0x0b, 0x00, 0x0c,
  0x00, 0x0e, 0x04, 0x0f, 0x00, 0x10, 0x00, 0x11, 0x00, 0x12, 0x00, 0x13, 0x06,
]);
/** Type B overrides: initial guard time 0x14, add/check SOF and EOF (aruneko Type4B.ts `0B 01 09 01 0C 01 0A 01 00 14`). */
export const IN_SET_PROTOCOL_TYPE_B = new Uint8Array([0x0b, 0x01, 0x09, 0x01, 0x0c, 0x01, 0x0a, 0x01, 0x00, 0x14]);

/**
 * The status byte that answers SetCommandType, SwitchRF, InSetRF and InSetProtocol: 0 = success
 * (nfcpy rcs380.py StatusError: SUCCESS, PARAMETER_ERROR, PB_ERROR, RFCA_ERROR,
 * TEMPERATURE_ERROR, PWD_ERROR, RECEIVE_ERROR, COMMANDTYPE_ERROR; each command `raise
 * StatusError(data[0])` when data[0] != 0, e.g. rcs380.py:240-242 in_set_rf).
 */
export const STATUS_NAMES = ['SUCCESS', 'PARAMETER_ERROR', 'PB_ERROR', 'RFCA_ERROR', 'TEMPERATURE_ERROR', 'PWD_ERROR', 'RECEIVE_ERROR', 'COMMANDTYPE_ERROR'] as const;

/** InCommRF status bits (nfcpy rcs380.py CommunicationError). */
export const RfStatus = {
  OK: 0,
  PROTOCOL_ERROR: 0x00000001,
  PARITY_ERROR: 0x00000002,
  CRC_ERROR: 0x00000004,
  COLLISION_ERROR: 0x00000008,
  RECEIVE_TIMEOUT: 0x00000080,
} as const;

function checksum(bytes: Iterable<number>): number {
  let sum = 0;
  for (const byte of bytes) sum += byte;
  return (0x100 - (sum & 0xff)) & 0xff;
}

/** Wraps TFI + command + params into an extended frame. */
export function encodeFrame(data: Uint8Array): Uint8Array {
  const length = [data.length & 0xff, data.length >> 8];
  return concatBytes(new Uint8Array([...START, ...length, checksum(length)]), data, new Uint8Array([checksum(data), 0x00]));
}

export function encodeCommandFrame(code: number, params: Uint8Array = new Uint8Array(0)): Uint8Array {
  return encodeFrame(concatBytes(new Uint8Array([TFI_TO_READER, code]), params));
}

export function isAck(frame: Uint8Array): boolean {
  return frame.length === ACK_FRAME.length && frame.every((byte, i) => byte === ACK_FRAME[i]);
}

/** The data of a frame (TFI onward), or a reason why it is not a well-formed frame. */
export function decodeFrame(frame: Uint8Array): { data: Uint8Array } | { error: string } {
  if (frame.length < 10) return { error: `frame of ${frame.length} bytes` };
  for (let i = 0; i < START.length; i++) if (frame[i] !== START[i]) return { error: 'bad start code' };
  const length = frame[5] | (frame[6] << 8);
  if (checksum([frame[5], frame[6]]) !== frame[7]) return { error: 'length checksum' };
  if (frame.length < 8 + length + 2) return { error: `frame shorter than LEN ${length}` };
  const data = frame.subarray(8, 8 + length);
  if (checksum(data) !== frame[8 + length]) return { error: 'data checksum' };
  return { data: data.slice() };
}

/** InCommRF parameters: timeout in 0.1 ms units (LE16, nfcpy: (ms + 1) × 10, capped) and the frame. */
export function inCommRfParams(timeoutMs: number, frame: Uint8Array): Uint8Array {
  const units = Math.min(Math.ceil(timeoutMs + 1) * 10, 0xffff);
  return concatBytes(new Uint8Array([units & 0xff, units >> 8]), frame);
}
