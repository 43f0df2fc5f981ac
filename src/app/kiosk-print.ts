/**
 * After issuing, as a real kiosk does it: the card goes back to the resident before printing (so it
 * is not forgotten on the reader), each sheet is printed and the resident says whether it came
 * out, and a sheet that did not is voided in the issuance log — one request never leaves two valid
 * sheets, and the resident may issue again under a new serial.
 *
 * A web page gets no signal back from `print()` (the HTML standard's `window.print()` steps
 * report nothing about the printer or the paper), so "did it print" is the resident's answer, 「用紙は出てきましたか」. Whether
 * the card is still on the reader is asked of the reader itself: one activation attempt, where
 * `card.absent` means it was taken.
 */
import { isCardError, type CardReader } from '../card/index.ts';
import type { CertificateKind } from '../documents/types.ts';
import type { NotPrintedSheet } from '../seal/audit-log.ts';
import type { IssuedCopy } from './kiosk-issue.ts';
import type { KioskDeps, KioskState } from './kiosk-state.ts';

/** Polling interval while waiting for the resident to take the card. */
export const CARD_REMOVAL_POLL_MS = 500;

/**
 * Whether a card is on `reader` now: activates it and lets go at once. A reader that fails (say,
 * unplugged) holds no card the resident could forget, so that counts as "no card".
 */
export async function cardOnReader(reader: CardReader, signal?: AbortSignal): Promise<boolean> {
  try {
    const connection = await reader.connect(signal);
    await connection.disconnect();
    return true;
  } catch (error) {
    if (signal?.aborted) throw error;
    if (!isCardError(error, 'card.absent')) console.warn('kiosk: reader check after issuing', error);
    return false;
  }
}

/** Resolves once no card is on `reader` (polling every `pollMs`); rejects when `signal` aborts. */
export async function waitForCardRemoval(reader: CardReader, signal: AbortSignal, pollMs = CARD_REMOVAL_POLL_MS): Promise<void> {
  while (await cardOnReader(reader, signal)) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, pollMs);
      signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });
  }
}

/** The log's *not printed* entry for `copy`, said at `nowMs`. */
export function notPrintedSheet(copy: IssuedCopy, nowMs: number): NotPrintedSheet {
  const { serial, signerKid, sealHash } = copy.logged;
  return { serial, signerKid, sealHash, voidedAt: Math.floor(nowMs / 1000) };
}

/** Yen to pay at the till for `copies`: each copy's own fee. */
export const feeOf = (copies: readonly IssuedCopy[]): number => copies.reduce((sum, copy) => sum + copy.logged.fee, 0);

/** What the print desk needs from the session that issued the sheets. */
export interface PrintDeskHost {
  readonly deps: Pick<KioskDeps, 'signer' | 'voidSheet' | 'pollMs'>;
  readonly now: () => Date;
  readonly state: () => KioskState;
  readonly set: (state: KioskState) => void;
  readonly fail: (error: unknown) => Promise<void>;
  /** Issues `count` more copies of the confirmed request (undefined: it failed or the session was left). */
  readonly issueCopies: (count: number) => Promise<IssuedCopy[] | undefined>;
}

/** The card the sheets were issued on: its reader, and for a demo card how to take it off. */
export interface ReturnedCard {
  readonly reader?: CardReader;
  readonly removeDemoCard?: () => void;
  readonly demo: boolean;
}

/**
 * One issue's sheets from the card's return to 「終了」: which copies count, which the resident
 * said came out, the void of one that did not and its new copy. The session owns one per issue
 * and closes it when it is wiped.
 */
export class PrintDesk {
  private sheets: IssuedCopy[];
  private readonly printed = new Set<string>();
  private readonly watch = new AbortController();
  /** The watch saw the reader without a card. Only the watch talks to the reader: its protocol is not re-entrant. */
  private cardGone = false;

  constructor(
    private readonly host: PrintDeskHost,
    private readonly kind: CertificateKind,
    copies: readonly IssuedCopy[],
    private readonly card: ReturnedCard,
  ) {
    this.sheets = [...copies];
  }

  /** Yen to pay at the till for the copies that count. */
  get fee(): number {
    return feeOf(this.sheets);
  }

  /** 「カードをお取りください」; with a real reader, on to printing by itself once the card is taken. */
  askForCard(): void {
    this.host.set({ step: 'card-return', demo: this.card.demo });
    const reader = this.card.reader;
    if (!reader || this.card.removeDemoCard) return;
    waitForCardRemoval(reader, this.watch.signal, this.host.deps.pollMs).then(
      () => {
        const state = this.host.state();
        if (this.watch.signal.aborted) return;
        this.cardGone = true;
        if (state.step === 'card-return') this.showPrint(false);
        else if (state.step === 'print') this.host.set({ ...state, cardStillIn: false });
      },
      () => undefined,
    );
  }

  /**
   * 「カードを取りました」 (demo: 「カードを取る」, which takes the virtual card off): on to printing.
   * If the reader still has the card (the watch has not seen it go), the print step says so until
   * it is taken.
   */
  cardTaken(): void {
    if (this.host.state().step !== 'card-return') return;
    const { reader, removeDemoCard } = this.card;
    removeDemoCard?.();
    this.showPrint(Boolean(reader) && !removeDemoCard && !this.cardGone);
  }

  private showPrint(cardStillIn: boolean): void {
    const printed = this.sheets.map((c) => c.serial).filter((serial) => this.printed.has(serial));
    this.host.set({ step: 'print', kind: this.kind, copies: this.sheets, printed, fee: this.fee, demo: this.card.demo, cardStillIn });
  }

  /** 「はい」 to 「用紙は出てきましたか」 for the copy with `serial` (as printed). */
  sheetPrinted(serial: string): void {
    const state = this.host.state();
    if (state.step !== 'print' || !state.copies.some((c) => c.serial === serial) || this.printed.has(serial)) return;
    this.printed.add(serial);
    this.host.set({ ...state, printed: [...state.printed, serial] });
  }

  /**
   * 「出てこない」 (or staff): the copy with `serial` did not come out of the printer. It is voided in
   * the issuance log first, its PDF is dropped, and the resident is told what to do next.
   */
  async sheetNotPrinted(serial: string): Promise<void> {
    const state = this.host.state();
    const copy = state.step === 'print' ? state.copies.find((c) => c.serial === serial) : undefined;
    if (!copy || this.printed.has(serial)) return;
    try {
      await this.host.deps.voidSheet(notPrintedSheet(copy, this.host.now().getTime()), await this.host.deps.signer(copy.logged.issuer));
    } catch (error) {
      return this.host.fail(error);
    }
    this.sheets = this.sheets.filter((c) => c !== copy);
    this.host.set({ step: 'not-printed', kind: this.kind, serial, remaining: this.sheets.length, demo: this.card.demo });
  }

  /** 「もう一度発行する」 after a void: one new copy under a new serial, then back to printing. */
  async issueAgain(): Promise<void> {
    if (this.host.state().step !== 'not-printed') return;
    const again = await this.host.issueCopies(1);
    if (!again) return;
    this.sheets = [...this.sheets, ...again];
    this.showPrint(false);
  }

  /** The session is wiped: stop watching the reader. */
  close(): void {
    this.watch.abort();
  }
}
