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

/**
 * PC/SC Part 3 transparent-session data objects (tags as in wsrf2009/contactless-driver
 * mod/src/pcsc.h:27-50, a reader firmware implementing PC/SC Part 3).
 */
export const DataObject = {
  /** Timer, µs (LE32) — mandatory in CommunicateThruEX. */
  TIMER: 0x5f46,
  /** Transceive: raw frame to send. */
  TRANSCEIVE: 0x95,
  /** Response: number of valid bits in the last received byte (pcsc.h:48 RES_NUMOFVALIDBITS). */
  VALID_BITS: 0x92,
  /** Response status, 2 bytes; byte 0 carries the frame error bits below (pcsc.h:49). */
  RESPONSE_STATUS: 0x96,
  /** Response data from the card. */
  RESPONSE: 0x97,
  /** Generic error status: C0 03 <bad object index> <SW1 SW2>. */
  STATUS: 0xc0,
  /** SwitchProtocol answer at layer 3: the ATQB protocol info (pcsc.c:976-980, `8F 03 ATQB[9..11]`). */
  SWITCH_PROTOCOL: 0x8f,
  /** SwitchProtocol answer at layer 4: the PC/SC pseudo-ATR (pcsc.c:1006-1010, `5F 51 len ATR`). */
  ATR: 0x5f51,
} as const;

/**
 * Bits of the first byte of the response status object `96 02 xx 00`, set by the reader when
 * the frame it received was damaged even though the exchange itself answered C0 … 90 00
 * (wsrf2009/contactless-driver mod/src/pcsc.c:401-417: 01 CRC, 02 collision, 04 parity,
 * 08 protocol/framing error).
 */
export const ResponseError = { CRC: 0x01, COLLISION: 0x02, PARITY: 0x04, FRAMING: 0x08 } as const;

/**
 * SW1 SW2 inside `C0 03 xx SW1 SW2` (pcsc.c:1091-1148): 90 00 success, 64 01 no answer from the
 * card (ERROR_NOICCRES), 64 00 no answer from the reader's front end, 62 82 / 63 00 / 63 01
 * warnings and stops, 6A 81 / 67 00 / 6A 80 a data object it did not accept, 6F 00 other. kofu
 * takes 64 01 as "no answer" and every other non-9000 value as a failed exchange.
 */
export const TransparentStatus = { OK: 0x9000, NO_ICC_RESPONSE: 0x6401, NO_IFD_RESPONSE: 0x6400 } as const;

/** CommunicateThruEX: `FF 50 00 01 00 Lc(2) 5F46 04 <µs LE32> 95 82 <len(2)> <frame> 00 00 00`. */
export function transceiveCommand(frame: Uint8Array, timeoutMicros: number): Uint8Array {
  const timer = [0x5f, 0x46, 0x04, timeoutMicros & 0xff, (timeoutMicros >> 8) & 0xff, (timeoutMicros >> 16) & 0xff, (timeoutMicros >>> 24) & 0xff];
  const objects = concatBytes(new Uint8Array(timer), new Uint8Array([0x95, 0x82, frame.length >> 8, frame.length & 0xff]), frame);
  return concatBytes(new Uint8Array([0xff, 0x50, 0x00, TransparentP2.TRANSCEIVE, 0x00, objects.length >> 8, objects.length & 0xff]), objects, new Uint8Array([0x00, 0x00, 0x00]));
}
