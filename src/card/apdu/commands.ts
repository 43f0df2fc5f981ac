/**
 * Builders for the commands kofu sends, byte for byte as research/card-reading.md §1.3 lists them
 * (jpki/myna src/reader.rs, OpenSC card-jpki.c). Each returns a `CommandApdu`.
 */
import type { CommandApdu } from './apdu.ts';

export const INS = {
  SELECT: 0xa4,
  READ_BINARY: 0xb0,
  VERIFY: 0x20,
  GET_RESPONSE: 0xc0,
  /** JPKI "COMPUTE DIGITAL SIGNATURE" (proprietary, CLA 80). */
  COMPUTE_SIGNATURE: 0x2a,
} as const;

/** SELECT P1: by DF name (AID), by EF identifier under the current DF, MF. */
export const SELECT_BY_NAME = 0x04;
export const SELECT_EF_UNDER_DF = 0x02;
export const SELECT_MF = 0x00;
/** SELECT P2 = 0C: no response data (ISO 7816-4 §7.1.1); the My Number card wants this form. */
export const SELECT_NO_FCI = 0x0c;
/** VERIFY P2 = 80: the PIN of the currently selected EF (specific reference, current EF). */
export const VERIFY_CURRENT_EF = 0x80;
/** Largest offset READ BINARY can address with P1 b8 = 0 (15 bits). */
export const MAX_READ_OFFSET = 0x7fff;

export const isoCommand = {
  selectDf(aid: Uint8Array): CommandApdu {
    return { cla: 0x00, ins: INS.SELECT, p1: SELECT_BY_NAME, p2: SELECT_NO_FCI, data: aid };
  },
  selectEf(fid: number): CommandApdu {
    return { cla: 0x00, ins: INS.SELECT, p1: SELECT_EF_UNDER_DF, p2: SELECT_NO_FCI, data: new Uint8Array([fid >> 8, fid & 0xff]) };
  },
  readBinary(offset: number, le: number): CommandApdu {
    return { cla: 0x00, ins: INS.READ_BINARY, p1: (offset >> 8) & 0x7f, p2: offset & 0xff, le };
  },
  /** `00 20 00 80`, no data: asks the tries left without spending one (JICSAP 6.4.9(5)). */
  verifyStatus(): CommandApdu {
    return { cla: 0x00, ins: INS.VERIFY, p1: 0x00, p2: VERIFY_CURRENT_EF };
  },
  verify(pin: Uint8Array): CommandApdu {
    return { cla: 0x00, ins: INS.VERIFY, p1: 0x00, p2: VERIFY_CURRENT_EF, data: pin };
  },
  getResponse(le: number): CommandApdu {
    return { cla: 0x00, ins: INS.GET_RESPONSE, p1: 0x00, p2: 0x00, le };
  },
  /** `80 2A 00 80 Lc <DigestInfo> 00`: P1 00 = the card PKCS#1-pads the data as given. */
  computeSignature(digestInfo: Uint8Array): CommandApdu {
    return { cla: 0x80, ins: INS.COMPUTE_SIGNATURE, p1: 0x00, p2: 0x80, data: digestInfo, le: 256 };
  },
};
