/**
 * The card side of ISO/IEC 14443-3 Type B and 14443-4, wrapped around a virtual card: what the
 * RF field of a virtual reader talks to. PICC rules of ISO/IEC 14443-4 §7.5.4: block numbering
 * C–E, rules 9–13 (S(WTX) instead of an answer; R(ACK)/R(NAK) with the current block number →
 * retransmit the last block; R(NAK) with the other number → R(ACK); R(ACK) with the other
 * number during chaining → next chained block).
 */
import { concatBytes } from '../../bytes/bytes.ts';
import { blockKind, blockNumber, encodeAtqb, frameSizeFromCode, iBlock, infCapacity, PCB, rAck, sWtx, TYPE_B_FIRST_BYTE } from '../isodep/blocks.ts';
import type { ApduResponder } from './card.ts';

export interface PiccOptions {
  /** FSCI advertised in ATQB (8 = 256 bytes). */
  readonly fsci?: number;
  /** FWI advertised in ATQB (8 ≈ 77 ms). */
  readonly fwi?: number;
  /** S(WTX) requests to send before answering `apdu`: signing takes the real card a while. */
  readonly wtxFor?: (apdu: Uint8Array) => number;
  /** How long the card computes before answering `apdu`, ms (default: 300 for `80 2A` signing, 2 otherwise). */
  readonly processingMs?: (apdu: Uint8Array) => number;
}

/** Time the card needs for an answer that involves no computing (block handling, S(WTX)), ms. */
const FRAME_DELAY_MS = 1;
export const defaultProcessingMs = (apdu: Uint8Array) => (apdu[0] === 0x80 && apdu[1] === 0x2a ? 300 : 2);

/** By default the card asks for more time once before answering `80 2A` (RSA signing). */
export const defaultWtxFor = (apdu: Uint8Array) => (apdu[0] === 0x80 && apdu[1] === 0x2a ? 1 : 0);
/** WTXM the virtual card asks for (×FWT). */
const WTXM = 10;

export class VirtualTypeBPicc {
  private state: 'idle' | 'active' | 'halted' = 'idle';
  private pupi = new Uint8Array(4);
  /** Rule C: the PICC block number starts at 1. */
  private bn = 1;
  private fsd = 256;
  private lastSent: Uint8Array | null = null;
  private readonly commandChunks: Uint8Array[] = [];
  private responseChunks: Uint8Array[] = [];
  private pendingResponse: Uint8Array | null = null;
  private wtxLeft = 0;
  /** Fault hook: S(WTX) requests added before the next answer (a "WTX storm"). */
  extraWtx = 0;
  /** How long after the last frame its answer leaves the card, ms (read by the RF field). */
  answerDelayMs = 0;
  /** Processing time still owed for the pending answer, spread over the S(WTX) periods. */
  private processingLeft = 0;

  constructor(
    readonly card: ApduResponder,
    private readonly options: PiccOptions = {},
  ) {}

  /** The field went off or the card left it: everything volatile is lost. */
  powerOff(): void {
    this.state = 'idle';
    this.lastSent = null;
    this.commandChunks.length = 0;
    this.responseChunks = [];
    this.pendingResponse = null;
    this.card.reset();
  }

  /** One frame from the reader; null = the card stays silent. */
  async receive(frame: Uint8Array): Promise<Uint8Array | null> {
    if (frame.length === 0) return null;
    this.answerDelayMs = FRAME_DELAY_MS;
    if (this.state !== 'active') return this.layer3(frame);
    // FSC is the largest frame the card accepts (PCB + INF + 2 CRC bytes); a longer one is not received.
    if (frame.length + 2 > frameSizeFromCode(this.options.fsci ?? 8)) return null;
    if (frame[0] === TYPE_B_FIRST_BYTE.hltb) return null; // HLTB is for idle cards only here
    return this.send(await this.layer4(frame));
  }

  private layer3(frame: Uint8Array): Uint8Array | null {
    // REQB/WUPB: APf 05, AFI, PARAM (b4 = WUPB). A halted card answers WUPB only (ISO 14443-3 §7.7).
    if (frame[0] === 0x05 && frame.length === 3) {
      const wupb = (frame[2] & 0x08) !== 0;
      if (this.state === 'halted' && !wupb) return null;
      // The My Number card's PUPI is random for each activation (aruneko Type4B.ts "ワンタイムNFC ID").
      this.pupi = crypto.getRandomValues(new Uint8Array(4));
      const fsci = this.options.fsci ?? 8;
      const fwi = this.options.fwi ?? 8;
      return encodeAtqb(this.pupi, new Uint8Array(4), new Uint8Array([0x00, (fsci << 4) | 0x01, fwi << 4]));
    }
    if (frame[0] === TYPE_B_FIRST_BYTE.attrib && frame.length >= 9 && frame.subarray(1, 5).every((b, i) => b === this.pupi[i])) {
      this.state = 'active';
      this.bn = 1;
      this.fsd = frameSizeFromCode(frame[6] & 0x0f);
      this.card.reset();
      return new Uint8Array([0x00]); // MBLI 0, CID 0
    }
    if (frame[0] === TYPE_B_FIRST_BYTE.hltb && frame.length === 5) {
      this.state = 'halted';
      return new Uint8Array([0x00]);
    }
    return null;
  }

  private send(frame: Uint8Array | null): Uint8Array | null {
    if (frame) this.lastSent = frame;
    return frame;
  }

  private nextResponseBlock(): Uint8Array {
    const chunk = this.responseChunks.shift() ?? new Uint8Array(0);
    return iBlock(this.bn, chunk, this.responseChunks.length > 0);
  }

  private async layer4(frame: Uint8Array): Promise<Uint8Array | null> {
    const kind = blockKind(frame);
    switch (kind) {
      case 'I': {
        this.bn ^= 1; // rule D
        this.commandChunks.push(frame.slice(1));
        if (frame[0] & PCB.CHAINING) return rAck(this.bn);
        const apdu = concatBytes(...this.commandChunks);
        this.commandChunks.length = 0;
        const response = await this.card.processApdu(apdu);
        const capacity = infCapacity(this.fsd);
        this.responseChunks = [];
        for (let offset = 0; offset < response.length; offset += capacity) this.responseChunks.push(response.subarray(offset, offset + capacity));
        this.wtxLeft = (this.options.wtxFor ?? defaultWtxFor)(apdu) + this.extraWtx;
        this.extraWtx = 0;
        const processing = (this.options.processingMs ?? defaultProcessingMs)(apdu);
        if (this.wtxLeft > 0) {
          this.pendingResponse = response;
          this.processingLeft = processing;
          return sWtx(WTXM); // rule 9
        }
        this.answerDelayMs = processing;
        return this.nextResponseBlock();
      }
      case 'S-WTX': {
        if (!this.pendingResponse) return null;
        this.wtxLeft--;
        if (this.wtxLeft > 0) return sWtx(WTXM);
        this.pendingResponse = null;
        this.answerDelayMs = this.processingLeft;
        this.processingLeft = 0;
        return this.nextResponseBlock();
      }
      case 'R-ACK': {
        if (blockNumber(frame) === this.bn) return this.lastSent; // rule 11
        if (this.responseChunks.length === 0) return this.lastSent;
        this.bn ^= 1; // rules E and 13
        return this.nextResponseBlock();
      }
      case 'R-NAK':
        return blockNumber(frame) === this.bn ? this.lastSent : rAck(this.bn); // rules 11, 12
      case 'S-DESELECT':
        this.state = 'halted';
        this.card.reset();
        return new Uint8Array([PCB.S_DESELECT]);
      default:
        return null;
    }
  }
}
