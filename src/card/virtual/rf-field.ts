/**
 * The RF field of a virtual contactless reader: whether a card is in it, and the faults staff
 * and tests can order on demand — the card taken away after N frames, damaged frames (the
 * reader's CRC_B check fails), lost answers (timeouts) and WTX storms.
 */
import { VirtualClock } from './clock.ts';
import type { VirtualTypeBPicc } from './picc.ts';

/**
 * A card keeps its state (a halted card stays halted) unless the field stays off for the
 * ISO/IEC 14443-3 reset time; 5 ms is the lower bound of t_RESET.
 */
export const FIELD_RESET_MS = 5;

export type RfOutcome = { readonly kind: 'frame'; readonly frame: Uint8Array } | { readonly kind: 'timeout' } | { readonly kind: 'crc-error' };

export interface RfFaults {
  /** The card leaves the field after this many more frames (it answers none after that). */
  removeCardAfterFrames?: number;
  /** The next N answers arrive damaged (CRC error). */
  garbleAnswers?: number;
  /** The next N frames from the reader never reach the card (timeout). */
  loseFrames?: number;
  /** The next N answers are lost after the card processed the frame (timeout). */
  loseAnswers?: number;
}

export class VirtualRfField {
  private on = false;
  private picc: VirtualTypeBPicc | null;
  readonly faults: RfFaults = {};
  /** Every frame exchanged, for transcripts: [reader → card, card → reader | null]. */
  readonly log: Array<[Uint8Array, Uint8Array | null]> = [];

  private offSince = 0;
  /** An answer the card is still computing after the reader's window closed. */
  private late: { readonly outcome: RfOutcome; readonly readyAt: number } | null = null;
  /** Field switches and frames on the field's clock, for timing tests. */
  readonly timeline: Array<{ readonly event: 'on' | 'off' | 'frame'; readonly at: number }> = [];

  constructor(
    picc: VirtualTypeBPicc | null,
    readonly clock: VirtualClock = new VirtualClock(),
  ) {
    this.picc = picc;
  }

  get cardPresent(): boolean {
    return this.picc !== null;
  }

  get fieldOn(): boolean {
    return this.on;
  }

  /** Field off, then on again: the card loses power only if the field stayed off long enough. */
  setField(on: boolean): void {
    if (!on) this.late = null;
    if (on && !this.on && this.clock.now() - this.offSince >= FIELD_RESET_MS) this.picc?.powerOff();
    if (!on && this.on) this.offSince = this.clock.now();
    if (on !== this.on) this.timeline.push({ event: on ? 'on' : 'off', at: this.clock.now() });
    this.on = on;
  }

  placeCard(picc: VirtualTypeBPicc): void {
    picc.powerOff();
    this.picc = picc;
  }

  removeCard(): void {
    this.late = null;
    this.picc?.powerOff();
    this.picc = null;
  }

  /** Orders a WTX storm: the card asks for more time `count` times before its next answer. */
  wtxStorm(count: number): void {
    if (this.picc) this.picc.extraWtx = count;
  }

  /**
   * One frame to the card and its answer, waiting at most `timeoutMs` on the field's clock. The
   * card's processing time (VirtualTypeBPicc.answerDelayMs) counts. A card still computing does
   * not hear new frames; its answer goes out when it is done, and the reader receives it only if
   * it is listening then (inside the window of whatever frame it sent last).
   */
  async exchange(frame: Uint8Array, timeoutMs = Number.POSITIVE_INFINITY): Promise<RfOutcome> {
    this.timeline.push({ event: 'frame', at: this.clock.now() });
    const late = this.late;
    if (late && late.readyAt > this.clock.now()) {
      this.log.push([frame.slice(), null]); // the busy card does not hear it
      if (late.readyAt > this.clock.now() + timeoutMs) {
        await this.clock.sleep(timeoutMs);
        return { kind: 'timeout' };
      }
      this.late = null;
      await this.clock.sleep(late.readyAt - this.clock.now());
      return late.outcome;
    }
    this.late = null; // an answer sent while nobody listened is gone
    const outcome = await this.exchangeUntimed(frame);
    const delay = outcome.kind === 'timeout' ? timeoutMs : (this.picc?.answerDelayMs ?? 0);
    if (delay > timeoutMs) {
      if (outcome.kind !== 'timeout') this.late = { outcome, readyAt: this.clock.now() + delay };
      await this.clock.sleep(timeoutMs);
      return { kind: 'timeout' };
    }
    if (Number.isFinite(delay)) await this.clock.sleep(delay);
    return outcome;
  }

  private async exchangeUntimed(frame: Uint8Array): Promise<RfOutcome> {
    const faults = this.faults;
    if (faults.removeCardAfterFrames !== undefined) {
      if (faults.removeCardAfterFrames <= 0) {
        this.removeCard();
        faults.removeCardAfterFrames = undefined;
      } else {
        faults.removeCardAfterFrames--;
      }
    }
    if (!this.on || !this.picc) {
      this.log.push([frame.slice(), null]);
      return { kind: 'timeout' };
    }
    if (faults.loseFrames) {
      faults.loseFrames--;
      this.log.push([frame.slice(), null]);
      return { kind: 'timeout' };
    }
    const answer = await this.picc.receive(frame);
    this.log.push([frame.slice(), answer?.slice() ?? null]);
    if (!answer) return { kind: 'timeout' };
    if (faults.loseAnswers) {
      faults.loseAnswers--;
      return { kind: 'timeout' };
    }
    if (faults.garbleAnswers) {
      faults.garbleAnswers--;
      return { kind: 'crc-error' };
    }
    return { kind: 'frame', frame: answer };
  }
}
