/**
 * USB CCID messages (CCID Rev 1.1 §6; constants as in LudovicRousseau/CCID src/ccid.h).
 * Every bulk message is a 10-byte header — bMessageType, dwLength (LE), bSlot, bSeq and three
 * message-specific bytes — followed by dwLength bytes of abData. The RC-S300's vendor interface
 * reuses this header for its Escape frames (rcs300/).
 */
import { concatBytes, readUint32LE, writeUint32LE } from '../../bytes/bytes.ts';

export const CCID_HEADER_LENGTH = 10;

export const PcToRdr = {
  SET_PARAMETERS: 0x61,
  ICC_POWER_ON: 0x62,
  ICC_POWER_OFF: 0x63,
  GET_SLOT_STATUS: 0x65,
  ESCAPE: 0x6b,
  GET_PARAMETERS: 0x6c,
  XFR_BLOCK: 0x6f,
  ABORT: 0x72,
} as const;

export const RdrToPc = {
  DATA_BLOCK: 0x80,
  SLOT_STATUS: 0x81,
  PARAMETERS: 0x82,
  ESCAPE: 0x83,
  /** Interrupt IN: bmSlotICCState follows, 2 bits per slot (b0 present, b1 changed). */
  NOTIFY_SLOT_CHANGE: 0x50,
  HARDWARE_ERROR: 0x51,
} as const;

/** bStatus (CCID §6.2.6): bmICCStatus in bits 0–1, bmCommandStatus in bits 6–7. */
export const ICC_STATUS_MASK = 0x03;
export const IccStatus = { ACTIVE: 0, INACTIVE: 1, ABSENT: 2 } as const;
export const COMMAND_STATUS_MASK = 0xc0;
export const CommandStatus = { OK: 0x00, FAILED: 0x40, TIME_EXTENSION: 0x80 } as const;

/**
 * bError, the slot error register (CCID Rev 1.1 §6.2.6, Table 6.2-2; the same values in
 * LudovicRousseau/CCID ccid.h). 0x01–0x7F name the offset of a bad parameter; 0x00 is
 * "command not supported". 0xEF is PIN_CANCELLED, not CMD_ABORTED (that is 0xFF).
 */
export const CcidError = {
  CMD_ABORTED: 0xff,
  ICC_MUTE: 0xfe,
  XFR_PARITY_ERROR: 0xfd,
  XFR_OVERRUN: 0xfc,
  HW_ERROR: 0xfb,
  BAD_ATR_TS: 0xf8,
  BAD_ATR_TCK: 0xf7,
  ICC_PROTOCOL_NOT_SUPPORTED: 0xf6,
  ICC_CLASS_NOT_SUPPORTED: 0xf5,
  PROCEDURE_BYTE_CONFLICT: 0xf4,
  DEACTIVATED_PROTOCOL: 0xf3,
  BUSY_WITH_AUTO_SEQUENCE: 0xf2,
  PIN_TIMEOUT: 0xf0,
  PIN_CANCELLED: 0xef,
  CMD_SLOT_BUSY: 0xe0,
  CMD_NOT_SUPPORTED: 0x00,
} as const;

/** The name of a bError value, for the staff line. */
export function ccidErrorName(error: number): string {
  const entry = Object.entries(CcidError).find(([, value]) => value === error);
  if (entry) return entry[0];
  return error >= 0x01 && error <= 0x7f ? `bad parameter at offset ${error}` : `bError ${error.toString(16)}`;
}

/**
 * wLevelParameter (OUT) and bChainParameter (IN) at extended APDU level (CCID §6.1.4 table
 * 6.1-3; libccid CmdXfrBlockAPDU_extended).
 */
export const Chain = {
  BEGIN_AND_END: 0x00,
  BEGIN: 0x01,
  END: 0x02,
  CONTINUE: 0x03,
  /** Empty abData: "send me the next part" of a chained response. */
  NEXT_PART: 0x10,
} as const;

export interface CcidMessage {
  readonly type: number;
  readonly slot: number;
  readonly seq: number;
  /** The three message-specific bytes (bBWI/wLevelParameter, or bStatus/bError/bChainParameter…). */
  readonly specific: readonly [number, number, number];
  readonly data: Uint8Array;
}

export function encodeCcid(message: CcidMessage): Uint8Array {
  const header = new Uint8Array(CCID_HEADER_LENGTH);
  header[0] = message.type;
  writeUint32LE(message.data.length, header, 1);
  header[5] = message.slot;
  header[6] = message.seq;
  header.set(message.specific, 7);
  return concatBytes(header, message.data);
}

/** Total length of the message whose header starts `bytes`, or null if the header is incomplete. */
export function ccidMessageLength(bytes: Uint8Array): number | null {
  return bytes.length < CCID_HEADER_LENGTH ? null : CCID_HEADER_LENGTH + readUint32LE(bytes, 1);
}

export function decodeCcid(bytes: Uint8Array): CcidMessage {
  const length = readUint32LE(bytes, 1);
  return {
    type: bytes[0],
    slot: bytes[5],
    seq: bytes[6],
    specific: [bytes[7], bytes[8], bytes[9]],
    data: bytes.slice(CCID_HEADER_LENGTH, CCID_HEADER_LENGTH + length),
  };
}

/** Collects bulk-OUT packets into whole messages (device side: a message may span packets). */
export class CcidAssembler {
  private pending: Uint8Array = new Uint8Array(0);

  /** Adds a packet; returns the message it completes, or null. Zero-length packets only end transfers. */
  push(packet: Uint8Array): CcidMessage | null {
    if (packet.length === 0) return null;
    this.pending = concatBytes(this.pending, packet);
    const total = ccidMessageLength(this.pending);
    if (total === null || this.pending.length < total) return null;
    const message = decodeCcid(this.pending.subarray(0, total));
    this.pending = this.pending.slice(total);
    return message;
  }
}

/** XfrBlock: bBWI 0, wLevelParameter (LE) as the chaining code. */
export function xfrBlock(slot: number, seq: number, data: Uint8Array, levelParameter: number = Chain.BEGIN_AND_END): Uint8Array {
  return encodeCcid({ type: PcToRdr.XFR_BLOCK, slot, seq, specific: [0, levelParameter & 0xff, levelParameter >> 8], data });
}

export function simpleCommand(type: number, slot: number, seq: number, specific: readonly [number, number, number] = [0, 0, 0], data = new Uint8Array(0)): Uint8Array {
  return encodeCcid({ type, slot, seq, specific, data });
}

// ---- The CCID class descriptor (CCID §5.1, 54 bytes, bDescriptorType 0x21) ----------------

export const CCID_DESCRIPTOR_TYPE = 0x21;
export const CCID_DESCRIPTOR_LENGTH = 0x36;

/** dwFeatures exchange level bits (ccid.h CCID_CLASS_*). */
export const Features = {
  TPDU: 0x00010000,
  SHORT_APDU: 0x00020000,
  EXTENDED_APDU: 0x00040000,
  EXCHANGE_MASK: 0x00070000,
} as const;

export type ExchangeLevel = 'character' | 'tpdu' | 'short-apdu' | 'extended-apdu';

export interface CcidDescriptor {
  readonly bcdCcid: number;
  readonly maxSlotIndex: number;
  readonly protocols: number;
  readonly maxIfsd: number;
  readonly features: number;
  readonly maxMessageLength: number;
  readonly level: ExchangeLevel;
}

export function exchangeLevel(features: number): ExchangeLevel {
  if (features & Features.EXTENDED_APDU) return 'extended-apdu';
  if (features & Features.SHORT_APDU) return 'short-apdu';
  if (features & Features.TPDU) return 'tpdu';
  return 'character';
}

/** Parses one class descriptor (the 54 bytes starting with bLength 0x36, type 0x21). */
export function parseCcidDescriptor(bytes: Uint8Array): CcidDescriptor {
  const features = readUint32LE(bytes, 40);
  return {
    bcdCcid: bytes[2] | (bytes[3] << 8),
    maxSlotIndex: bytes[4],
    protocols: readUint32LE(bytes, 6),
    maxIfsd: readUint32LE(bytes, 28),
    features,
    maxMessageLength: readUint32LE(bytes, 44),
    level: exchangeLevel(features),
  };
}

export const DescriptorType = { CONFIGURATION: 0x02, INTERFACE: 0x04, ENDPOINT: 0x05 } as const;

/**
 * Finds the CCID class descriptor of interface `interfaceNumber` in a full configuration
 * descriptor (WebUSB exposes no class descriptors; GET_DESCRIPTOR(CONFIGURATION) returns them
 * all, as jbirkholz/webusbAuth ifd.js reads them).
 */
export function findCcidDescriptor(configuration: Uint8Array, interfaceNumber: number): CcidDescriptor | null {
  let inTarget = false;
  for (let offset = 0; offset + 2 <= configuration.length; ) {
    const length = configuration[offset];
    const type = configuration[offset + 1];
    if (length < 2 || offset + length > configuration.length) break;
    if (type === DescriptorType.INTERFACE) inTarget = configuration[offset + 2] === interfaceNumber;
    else if (inTarget && type === CCID_DESCRIPTOR_TYPE && length >= CCID_DESCRIPTOR_LENGTH) return parseCcidDescriptor(configuration.subarray(offset, offset + length));
    offset += length;
  }
  return null;
}
