/**
 * The PCD side of ISO/IEC 14443-4 (T=CL), which kofu runs itself behind the Sony readers'
 * transparent RF paths (RC-S380 InCommRF, RC-S300 CommunicateThruEX). Rule numbers are those of
 * ISO/IEC 14443-4 §7.5.4 ("Protocol operation rules"): block numbering A–B, PCD rules 1–8.
 *
 * - I-blocks carry at most FSC − 3 INF bytes; frames from the card longer than FSD are invalid; longer APDUs are chained (b5), each chained block
 *   acknowledged by an R(ACK) from the card before the next (rule 7);
 * - chained responses are acknowledged with R(ACK) (rule 2);
 * - S(WTX) requests are answered with the same WTXM, and the next wait is FWT × WTXM (§7.3);
 * - timeouts and transmission errors are answered with R(NAK) — R(ACK) during card chaining
 *   (rules 4, 5) — at most `maxRetries` times in a row, then the card is taken as gone;
 * - an R(ACK) with the other block number means our I-block was lost: resend it (rule 6).
 */
import { concatBytes } from '../../bytes/bytes.ts';
import { throwIfAborted } from '../../bytes/errors.ts';
import type { CardChannel } from '../apdu/channel.ts';
import { CardError, isCardError } from '../errors.ts';
import { blockKind, blockNumber, encodeAttrib, fwtMilliseconds, iBlock, infCapacity, parseAtqb, PCB, rAck, REQB, rNak, sWtx, WUPB, WTXM_MAX, type Atqb } from './blocks.ts';

/** One frame out, one frame back, through a reader's RF front end. CRC is the reader's job. */
export interface RfLink {
  /**
   * Throws `card.rf-timeout` or `card.rf-error` for a timeout or a damaged frame, the frame-level
   * problems the protocol recovers from by retrying (ISO 14443-4 rule 4); other errors end the exchange.
   */
  exchange(frame: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array>;
}

export interface TclOptions {
  /** FSC: the largest frame the card accepts (from ATQB), bytes. */
  readonly fsc: number;
  /** FWT in ms (from ATQB FWI). */
  readonly fwtMs: number;
  /** FSD: the largest frame kofu accepts, as announced in ATTRIB (default 256). */
  readonly fsd?: number;
  /** Consecutive recoveries before giving up (ISO 14443-4 allows the PCD to decide; 2 is usual). */
  readonly maxRetries?: number;
  /** Total S(WTX) requests tolerated for one APDU before declaring the card unresponsive. */
  readonly maxWtxPerApdu?: number;
}

/** Timeout margin for reader and USB latency on top of the card's FWT. */
const LINK_MARGIN_MS = 50;

export class TclHost implements CardChannel {
  /** Rule A: the PCD block number starts at 0 for each activated PICC. */
  private bn = 0;
  private readonly maxRetries: number;
  private readonly maxWtx: number;
  /** Counters for tests and staff diagnostics. */
  readonly stats = { iBlocks: 0, retransmissions: 0, naks: 0, wtx: 0 };

  constructor(
    private readonly link: RfLink,
    private readonly options: TclOptions,
  ) {
    this.maxRetries = options.maxRetries ?? 2;
    this.maxWtx = options.maxWtxPerApdu ?? 200;
  }

  async transmit(apdu: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    const capacity = infCapacity(this.options.fsc);
    const chunks: Uint8Array[] = [];
    for (let offset = 0; offset < apdu.length || chunks.length === 0; offset += capacity) chunks.push(apdu.subarray(offset, offset + capacity));
    let index = 0;
    const nextIBlock = () => iBlock(this.bn, chunks[index], index < chunks.length - 1);
    let lastIBlock = nextIBlock();
    let toSend = lastIBlock;
    let timeoutMs = this.options.fwtMs;
    let failures = 0;
    let wtxCount = 0;
    let cardChaining = false;
    const received: Uint8Array[] = [];

    const recover = (detail: string) => {
      failures++;
      if (failures > this.maxRetries) throw new CardError('card.removed', { detail: `${detail}, ${this.maxRetries} retries exhausted` });
      // Rules 4 and 5: R(NAK), or R(ACK) while the card is chaining its response.
      toSend = cardChaining ? rAck(this.bn) : rNak(this.bn);
      if (!cardChaining) this.stats.naks++;
    };

    for (;;) {
      throwIfAborted(signal);
      if (blockKind(toSend) === 'I') this.stats.iBlocks++;
      let frame: Uint8Array;
      try {
        frame = await this.link.exchange(toSend, timeoutMs + LINK_MARGIN_MS, signal);
      } catch (error) {
        if (!isCardError(error, ['card.rf-timeout', 'card.rf-error'])) throw error;
        timeoutMs = this.options.fwtMs;
        recover(error.code === 'card.rf-timeout' ? 'timeout' : 'transmission');
        continue;
      }
      timeoutMs = this.options.fwtMs;
      // A frame longer than FSD (less the CRC the reader removed) breaks the card's own limit.
      const kind = frame.length > (this.options.fsd ?? 256) - 2 ? 'invalid' : blockKind(frame);
      if (kind === 'S-WTX') {
        const wtxm = frame[1] & 0x3f;
        if (wtxm === 0 || wtxm > WTXM_MAX) {
          recover(`S(WTX) with WTXM ${wtxm}`);
          continue;
        }
        wtxCount++;
        this.stats.wtx++;
        if (wtxCount > this.maxWtx) throw new CardError('card.unresponsive', { detail: `${wtxCount} S(WTX) for one APDU` });
        failures = 0;
        toSend = sWtx(wtxm);
        timeoutMs = this.options.fwtMs * wtxm;
        continue;
      }
      if (kind === 'R-ACK') {
        const sending = index < chunks.length - 1;
        if (blockNumber(frame) === this.bn && sending) {
          // Rules B and 7: our chained block arrived; continue with the next one.
          this.bn ^= 1;
          index++;
          failures = 0;
          lastIBlock = nextIBlock();
          toSend = lastIBlock;
          continue;
        }
        if (blockNumber(frame) !== this.bn && !cardChaining) {
          // Rule 6: the card did not get our last I-block; send it again.
          failures++;
          if (failures > this.maxRetries) throw new CardError('card.removed', { detail: 'I-block repeatedly lost' });
          this.stats.retransmissions++;
          toSend = lastIBlock;
          continue;
        }
        recover('unexpected R(ACK)');
        continue;
      }
      if (kind === 'I' && index === chunks.length - 1 && blockNumber(frame) === this.bn) {
        this.bn ^= 1; // rule B
        failures = 0;
        received.push(frame.subarray(1));
        if (frame[0] & PCB.CHAINING) {
          cardChaining = true;
          toSend = rAck(this.bn); // rule 2
          continue;
        }
        return concatBytes(...received);
      }
      recover(`invalid block ${kind} (PCB ${frame[0]?.toString(16)})`);
    }
  }

  /** S(DESELECT) (§8): ends the session; errors are ignored as rule 8 allows. */
  async deselect(): Promise<void> {
    try {
      await this.link.exchange(new Uint8Array([PCB.S_DESELECT]), this.options.fwtMs + LINK_MARGIN_MS);
    } catch {
      // The card may already be gone; nothing to do.
    }
  }
}

export interface TypeBActivation {
  readonly atqb: Atqb;
  readonly fsc: number;
  readonly fwtMs: number;
}

/**
 * Timeout for REQB/WUPB and ATTRIB answers: 30 ms, as every reference uses (nfcpy rcs380.py:479
 * `in_comm_rf(sensb_req, 30)`, nfcpy tag/tt4.py:550 `exchange(attrib_cmd, timeout=0.03)`).
 */
export const ACTIVATION_TIMEOUT_MS = 30;

/**
 * ISO 14443-3 Type B anticollision for a single card: REQB → ATQB, ATTRIB → answer (§7.7–§7.10).
 * A card left halted by an earlier S(DESELECT) answers only WUPB, so a silent REQB is followed by
 * one WUPB before the field is declared empty. `fsdi` 8 = kofu accepts 256-byte frames.
 */
export async function activateTypeB(link: RfLink, fsdi = 8, signal?: AbortSignal): Promise<TypeBActivation> {
  let answer: Uint8Array | null = null;
  for (const request of [REQB, WUPB]) {
    try {
      answer = await link.exchange(request, ACTIVATION_TIMEOUT_MS, signal);
      break;
    } catch (error) {
      if (!isCardError(error, 'card.rf-timeout')) throw error;
    }
  }
  if (!answer) throw new CardError('card.absent', { detail: 'no ATQB to REQB or WUPB' });
  const atqb = parseAtqb(answer);
  if (!atqb) throw new CardError('card.reader-protocol', { detail: `malformed ATQB (${answer.length} bytes)` });
  if (!atqb.iso14443_4) throw new CardError('card.absent', { detail: 'the Type B card is not ISO 14443-4 compliant' });
  const attrib = await link.exchange(encodeAttrib(atqb.pupi, fsdi), ACTIVATION_TIMEOUT_MS, signal);
  if (attrib.length < 1 || (attrib[0] & 0x0f) !== 0) throw new CardError('card.reader-protocol', { detail: 'ATTRIB answer with a CID other than 0' });
  return { atqb, fsc: atqb.fsc, fwtMs: fwtMilliseconds(atqb.fwi) };
}
