/**
 * Sony RC-S300 interface #1 (vendor class 0xFF): CCID-style Escape messages (bMessageType 0x6B
 * out, 0x83 back) carrying Sony's transparent-session pseudo-APDUs `FF 50 00 P2 …`, which hold
 * PC/SC Part 3 "transparent exchange" data objects (research/card-reading.md §2.4: laddge/
 * esp32-pasori-rcs300 RCS300.cpp; sakura-system WebUSB RC-S300 articles; EZ Sign protocol doc).
 */
import { concatBytes, fromHex } from '../../bytes/bytes.ts';

export const EscapeCommand = {
  END_TRANSPARENT: fromHex('FF 50 00 00 02 82 00 00'),
  START_TRANSPARENT: fromHex('FF 50 00 00 02 81 00 00'),
  RF_OFF: fromHex('FF 50 00 00 02 83 00 00'),
  RF_ON: fromHex('FF 50 00 00 02 84 00 00'),
  /** SwitchProtocol object 8F: 01 = Type B, 04 = ISO 14443-4 (Type A layer 4 is `00 04`, FeliCa `03 00`). */
  SWITCH_TO_ISO14443_4B: fromHex('FF 50 00 02 04 8F 02 01 04 00'),
} as const;

/** P2 of the pseudo-APDU: 00 session management, 01 transceive, 02 switch protocol. */
export const TransparentP2 = { MANAGE: 0x00, TRANSCEIVE: 0x01, SWITCH_PROTOCOL: 0x02 } as const;

export const DataObject = {
  /** Timer, µs (LE32) — mandatory in CommunicateThruEX. */
  TIMER: 0x5f46,
  /** Transceive: raw frame to send. */
  TRANSCEIVE: 0x95,
  /** Response data from the card. */
  RESPONSE: 0x97,
  /** Generic error status: C0 03 <bad object index> <SW1 SW2>. */
  STATUS: 0xc0,
} as const;

/**
 * Error statuses the driver distinguishes inside `C0 03 xx SW1 SW2`. Which SWs the RC-S300 uses
 * for "no answer" and "damaged frame" is not published (research §7 q.2); kofu reads
 * SW1 = 64 (PC/SC Part 3 "execution error") with SW2 01 as a timeout and anything else as a
 * transmission error, and the virtual RC-S300 answers the same way.
 */
export const TransparentStatus = { OK: 0x9000, TIMEOUT: 0x6401, TRANSMISSION: 0x6402 } as const;

/** CommunicateThruEX: `FF 50 00 01 00 Lc(2) 5F46 04 <µs LE32> 95 82 <len(2)> <frame> 00 00 00`. */
export function transceiveCommand(frame: Uint8Array, timeoutMicros: number): Uint8Array {
  const timer = [0x5f, 0x46, 0x04, timeoutMicros & 0xff, (timeoutMicros >> 8) & 0xff, (timeoutMicros >> 16) & 0xff, (timeoutMicros >>> 24) & 0xff];
  const objects = concatBytes(new Uint8Array(timer), new Uint8Array([0x95, 0x82, frame.length >> 8, frame.length & 0xff]), frame);
  return concatBytes(new Uint8Array([0xff, 0x50, 0x00, TransparentP2.TRANSCEIVE, 0x00, objects.length >> 8, objects.length & 0xff]), objects, new Uint8Array([0x00, 0x00, 0x00]));
}
