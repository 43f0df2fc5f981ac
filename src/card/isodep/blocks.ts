/**
 * ISO/IEC 14443-4 block formats (§7.1) and ISO/IEC 14443-3 Type B activation frames (§7.7–§7.11).
 * Frames here carry no CRC_B: both Sony readers add and check it themselves.
 * kofu uses neither CID nor NAD, so the prologue is the PCB alone.
 */

export const PCB = {
  /** I-block: 000x xx1x; b5 = chaining, b1 = block number. */
  I_BLOCK: 0x02,
  CHAINING: 0x10,
  BLOCK_NUMBER: 0x01,
  /** R-block: 1010 x01x (b5 = NAK). */
  R_ACK: 0xa2,
  R_NAK: 0xb2,
  /** S-blocks: 11xx 0010. */
  S_DESELECT: 0xc2,
  S_WTX: 0xf2,
} as const;

export type BlockKind = 'I' | 'R-ACK' | 'R-NAK' | 'S-WTX' | 'S-DESELECT' | 'invalid';

export function blockKind(frame: Uint8Array): BlockKind {
  if (frame.length === 0) return 'invalid';
  const pcb = frame[0];
  if ((pcb & 0xe2) === 0x02 && (pcb & 0x0c) === 0) return 'I';
  if ((pcb & 0xee) === 0xa2) return pcb & 0x10 ? 'R-NAK' : 'R-ACK';
  if (pcb === PCB.S_WTX) return frame.length === 2 ? 'S-WTX' : 'invalid';
  if (pcb === PCB.S_DESELECT) return frame.length === 1 ? 'S-DESELECT' : 'invalid';
  return 'invalid';
}

export const blockNumber = (frame: Uint8Array): number => frame[0] & PCB.BLOCK_NUMBER;

export function iBlock(bn: number, inf: Uint8Array, chaining: boolean): Uint8Array {
  const frame = new Uint8Array(1 + inf.length);
  frame[0] = PCB.I_BLOCK | (chaining ? PCB.CHAINING : 0) | bn;
  frame.set(inf, 1);
  return frame;
}

export const rAck = (bn: number) => new Uint8Array([PCB.R_ACK | bn]);
export const rNak = (bn: number) => new Uint8Array([PCB.R_NAK | bn]);
/** WTXM: the low six bits of the S(WTX) INF byte, 1..59 (§7.3); the response echoes it. */
export const sWtx = (wtxm: number) => new Uint8Array([PCB.S_WTX, wtxm & 0x3f]);
export const WTXM_MAX = 59;

/** FSCI/FSDI → frame size in bytes, including PCB and CRC (ISO 14443-4 §5.2.3, Table 1). */
const FRAME_SIZES = [16, 24, 32, 40, 48, 64, 96, 128, 256];
export function frameSizeFromCode(code: number): number {
  return FRAME_SIZES[Math.min(code, 8)];
}
/** INF bytes per block: frame size minus the PCB and the two CRC_B bytes. */
export const infCapacity = (frameSize: number) => frameSize - 3;

/** FWT = (256 × 16 / fc) × 2^FWI with fc = 13.56 MHz (ISO 14443-4 §7.2), in milliseconds. */
export function fwtMilliseconds(fwi: number): number {
  return ((256 * 16) / 13.56e6) * 2 ** Math.min(fwi, 14) * 1000;
}

// ---- ISO 14443-3 Type B -------------------------------------------------------------------

/**
 * REQB: APf 05, AFI 00 (all families), PARAM 10 (b5 = extended ATQB supported, b4 = 0 REQB,
 * N = 1) (ISO 14443-3 §7.7). The references send exactly these bytes: nfcpy rcs380.py:474-475
 * `sense_ttb` (`050010`), aruneko/WebUSB-MyNumberCard Type4B.ts, and wsrf2009/contactless-driver
 * iso14443_typeB.h:15 (`PICC_REQB 0x10`).
 */
export const REQB = new Uint8Array([0x05, 0x00, 0x10]);
/**
 * WUPB: PARAM b4 = 1. A card halted by HLTB or S(DESELECT) answers only this (ISO 14443-3 §7.7);
 * wsrf2009/contactless-driver iso14443_typeB.h:16 (`PICC_WUPB 0x18`), sent by its typeB polling.
 */
export const WUPB = new Uint8Array([0x05, 0x00, 0x18]);
/** The first byte of the other Type B frames : ATQB, ATTRIB and HLTB (ISO 14443-3 §7, Type B anticollision). */
export const TYPE_B_FIRST_BYTE = { atqb: 0x50, attrib: 0x1d, hltb: 0x50 } as const;

export interface Atqb {
  readonly pupi: Uint8Array;
  readonly applicationData: Uint8Array;
  readonly protocolInfo: Uint8Array;
  /** Max frame size the PICC accepts (FSC), bytes. */
  readonly fsc: number;
  readonly fwi: number;
  /** Protocol_Type b1: the PICC is ISO 14443-4 compliant. */
  readonly iso14443_4: boolean;
}

/** ATQB = 50 PUPI(4) ApplicationData(4) ProtocolInfo(3+) (ISO 14443-3 §7.9). */
export function parseAtqb(frame: Uint8Array): Atqb | null {
  if (frame.length < 12 || frame[0] !== TYPE_B_FIRST_BYTE.atqb) return null;
  const protocolInfo = frame.slice(9, 12);
  return {
    pupi: frame.slice(1, 5),
    applicationData: frame.slice(5, 9),
    protocolInfo,
    fsc: frameSizeFromCode(protocolInfo[1] >> 4),
    iso14443_4: (protocolInfo[1] & 0x01) === 1,
    // FWI 15 is RFU; read it as 4, as nfcpy tag/tt4.py:557-559 does.
    fwi: protocolInfo[2] >> 4 === 15 ? 4 : protocolInfo[2] >> 4,
  };
}

export function encodeAtqb(pupi: Uint8Array, applicationData: Uint8Array, protocolInfo: Uint8Array): Uint8Array {
  return new Uint8Array([TYPE_B_FIRST_BYTE.atqb, ...pupi, ...applicationData, ...protocolInfo]);
}

/**
 * ATTRIB = 1D PUPI Param1 Param2 Param3 Param4 (ISO 14443-3 §7.10): Param1 00 (default TR0/TR1,
 * SOF/EOF required), Param2 = bit rates 106 kbit/s (upper nibble 0) | FSDI, Param3 01 (ISO 14443-4
 * compliant), Param4 = CID 0. aruneko/WebUSB-MyNumberCard sends the same `00 08 01 00`.
 */
export function encodeAttrib(pupi: Uint8Array, fsdi: number): Uint8Array {
  return new Uint8Array([TYPE_B_FIRST_BYTE.attrib, ...pupi, 0x00, fsdi & 0x0f, 0x01, 0x00]);
}
