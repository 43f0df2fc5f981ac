/**
 * The RF field of a virtual contactless reader: whether a card is in it, and the faults staff
 * and tests can order on demand — the card taken away after N frames, damaged frames (the
 * reader's CRC_B check fails), lost answers (timeouts) and WTX storms.
 */
import type { VirtualTypeBPicc } from './picc.ts';

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

  constructor(picc: VirtualTypeBPicc | null) {
    this.picc = picc;
  }

  get cardPresent(): boolean {
    return this.picc !== null;
  }

  setField(on: boolean): void {
    if (!on) this.picc?.powerOff();
    this.on = on;
  }

  placeCard(picc: VirtualTypeBPicc): void {
    picc.powerOff();
    this.picc = picc;
  }

  removeCard(): void {
    this.picc?.powerOff();
    this.picc = null;
  }

  /** Orders a WTX storm: the card asks for more time `count` times before its next answer. */
  wtxStorm(count: number): void {
    if (this.picc) this.picc.extraWtx = count;
  }

  async exchange(frame: Uint8Array): Promise<RfOutcome> {
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
