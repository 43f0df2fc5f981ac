/**
 * The kiosk issuance flow as a state machine without DOM: what a resident does at the store tablet,
 * from 「はじめる」 to 「カードをお取りください」. The screens in src/ui/kiosk/ render `state` and call
 * the methods; everything that touches hardware, storage or workers comes in through `KioskDeps`,
 * so the tests drive the whole flow through the virtual RC-S380 with an injected clock.
 *
 * Order of the card work (research/card-reading.md §1.7): identify the token (no PIN), show the
 * tries left, and only then ask for the PIN. Before every VERIFY the card is asked for the tries
 * left again, and that answer — not what the screen showed — decides: at one try left the
 * resident must confirm explicitly before VERIFY is sent (and the card layer refuses too unless
 * `confirmLastTry` is passed); a locked PIN is explained and VERIFY is never sent. The certificate is validated by
 * `CardSession.authenticate` before the PIN is spent.
 *
 * Privacy: the PIN is never stored in `state`; the card session is closed on every way out; an
 * inactivity timer (paused while the tablet itself is working) returns to the start.
 *
 * Beside it: what can be chosen (kiosk-choices.ts), issuing one copy through the mint path
 * (kiosk-issue.ts), and what the flow says (kiosk-messages.ts).
 */
import { toHex, sha256 } from '../bytes/bytes.ts';
import { KofuError } from '../bytes/errors.ts';
import { CardError, CardSession, isCardError, type CardReader, type TrustAnchor as CardTrustAnchor, DEMO_RESIDENTS } from '../card/index.ts';
import { jstDay } from '../documents/dates.ts';
import { feeFor, type CertificateRequest } from '../documents/options.ts';
import { formatSerial } from '../documents/seal-binding.ts';
import type { Certificate, CertificateKind } from '../documents/types.ts';
import { buildCertificate, IneligibleError } from '../registry/issue.ts';
import type { Municipality, Resident } from '../registry/model.ts';
import type { Registry } from '../registry/registry.ts';
import type { IssuanceRecord } from '../seal/audit-log.ts';
import type { SealSigner } from '../seal/seal.ts';
import { defaultRequest, kindChoices, sanitizeRequest, type HouseholdMember, type KindChoice } from './kiosk-choices.ts';
import { issueCopy, type IssuedCopy, type PdfService } from './kiosk-issue.ts';
import type { PrinterProfileId } from '../patterns/printer-profiles.ts';
import { KioskError, notice, noticeOf, type KioskNotice } from './kiosk-messages.ts';

export { defaultRequest, type HouseholdMember, type KindChoice } from './kiosk-choices.ts';
export type { IssuedCopy, KioskBack, PdfService } from './kiosk-issue.ts';
export { KioskError, type KioskNotice } from './kiosk-messages.ts';

/** Seconds of no touch before the kiosk returns to the start (privacy at a shared tablet). */
export const INACTIVITY_MS = 60_000;
/** The 「カードをお取りください」 screen returns to the start sooner. */
export const END_SCREEN_MS = 15_000;
export const PIN_LENGTH = 4;
export const MAX_COPIES = 5;

export interface KioskDeps {
  readonly registry: Registry;
  /** Card trust anchors: J-LIS, plus the demo CA in demo mode. */
  readonly cardAnchors: () => Promise<readonly CardTrustAnchor[]>;
  /** The tablet's signer for an issuing municipality (trust-service `currentSigner`). */
  readonly signer: (municipality: number) => Promise<SealSigner>;
  readonly pdf: PdfService;
  /** Next issuance serial for a municipality, taken under `signer` (persisted; never reused; reserved until logged). */
  readonly nextSerial: (municipality: number, signer: SealSigner) => Promise<number>;
  readonly appendLog: (record: IssuanceRecord, signer: SealSigner) => Promise<void>;
  /** The municipality's verifier URL the QR locator opens, e.g. https://kofu.example.jp/verify (≤ 47 characters; app/print-settings.ts). */
  readonly verifierUrl: string;
  /** The pantograph's printer profile chosen with the calibration sheet (the default profile if unset). */
  readonly printerProfile?: PrinterProfileId;
  /** Demo mode: demo cards are linked to the demo registry on first use. */
  readonly demoMode: boolean;
  readonly now?: () => Date;
  readonly random?: (length: number) => Uint8Array;
  /** Holds off app updates from PIN entry to printed (src/app/activity.ts). */
  readonly beginWork?: (label: string) => () => void;
  readonly inactivityMs?: number;
  /** Polling interval while waiting for a card. */
  readonly pollMs?: number;
}

export type KioskState =
  | { readonly step: 'start' }
  | { readonly step: 'reader' }
  | { readonly step: 'card'; readonly phase: 'waiting' | 'reading'; readonly readerLabel: string }
  | { readonly step: 'pin'; readonly triesLeft: number; readonly maxTries: number; readonly confirmLastTry: boolean; readonly message?: KioskNotice; readonly busy: boolean }
  | { readonly step: 'locked'; readonly message: KioskNotice }
  | { readonly step: 'choose'; readonly residentName: string; readonly demo: boolean; readonly choices: readonly KindChoice[] }
  | {
      readonly step: 'options';
      readonly kind: CertificateKind;
      readonly request: CertificateRequest;
      readonly copies: number;
      readonly fee: number;
      readonly members: readonly HouseholdMember[];
      readonly fiscalYears: readonly number[];
      readonly problem?: KioskNotice;
    }
  | { readonly step: 'confirm'; readonly kind: CertificateKind; readonly request: CertificateRequest; readonly copies: number; readonly fee: number; readonly preview?: { width: number; height: number; pixels: Uint8ClampedArray } }
  | { readonly step: 'issuing'; readonly kind: CertificateKind; readonly copy: number; readonly copies: number; readonly progress: number }
  | { readonly step: 'print'; readonly kind: CertificateKind; readonly fee: number; readonly copies: readonly IssuedCopy[]; readonly demo: boolean }
  | { readonly step: 'end' }
  | { readonly step: 'error'; readonly code: string; readonly message: KioskNotice };

type Listener = (state: KioskState) => void;

export class KioskSession {
  private current: KioskState = { step: 'start' };
  private readonly listeners = new Set<Listener>();
  private releaseReader?: () => Promise<void>;
  private card?: CardSession;
  private abort?: AbortController;
  private endWork?: () => void;
  private idleTimer?: ReturnType<typeof setTimeout>;
  private resident?: Resident;
  private home?: Municipality;
  private demoCard = false;
  private triesLeftCache = 0;
  /** The PIN waiting for the last-try confirmation; wiped on every exit. */
  private pendingPin?: string;
  /** Incremented on every reset: late results of an abandoned step are dropped. */
  private epoch = 0;

  constructor(private readonly deps: KioskDeps) {}

  get state(): KioskState {
    return this.current;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private random(length: number): Uint8Array {
    return this.deps.random?.(length) ?? crypto.getRandomValues(new Uint8Array(length));
  }

  private set(state: KioskState): void {
    this.current = state;
    this.armIdleTimer();
    for (const listener of [...this.listeners]) listener(state);
  }

  // ---- inactivity --------------------------------------------------------------------------------

  /** The screens call this on every touch or key press. */
  touch(): void {
    this.armIdleTimer();
  }

  private armIdleTimer(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const step = this.current.step;
    // Paused while the tablet works (or waits for the card's answer), and pointless at the start.
    const working = step === 'start' || step === 'issuing' || (step === 'card' && this.current.phase === 'reading') || (step === 'pin' && this.current.busy);
    if (working) return;
    const ms = this.deps.inactivityMs ?? INACTIVITY_MS;
    this.idleTimer = setTimeout(() => void this.timeout(), step === 'end' ? Math.min(ms, END_SCREEN_MS) : ms);
  }

  private async timeout(): Promise<void> {
    await this.cancel();
  }

  // ---- flow ----------------------------------------------------------------------------------------

  /** 「はじめる」: on to the reader choice. */
  begin(): void {
    this.set({ step: 'reader' });
  }

  /**
   * Uses `reader` (a virtual RC-S380 with a demo card, or a real USB reader): waits for the card,
   * checks it is a My Number card, and reads the tries left. `release` closes what the caller opened.
   */
  async useReader(reader: CardReader, release?: () => Promise<void>): Promise<void> {
    if (this.current.step !== 'reader') {
      // Only one reader per session: a late second choice is closed again at once.
      await (release ?? (() => reader.close()))().catch(() => undefined);
      return;
    }
    const epoch = this.epoch;
    this.releaseReader = release ?? (() => reader.close());
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.set({ step: 'card', phase: 'waiting', readerLabel: reader.label });
    try {
      const anchors = await this.deps.cardAnchors();
      const card = await CardSession.waitForCard(reader, { anchors, now: () => this.now() }, { signal, pollMs: this.deps.pollMs });
      if (epoch !== this.epoch) return void (await card.close());
      this.card = card;
      this.set({ step: 'card', phase: 'reading', readerLabel: reader.label });
      const token = await card.identify(signal);
      if (token.kind !== 'my-number-card') throw new CardError('card.not-my-number-card', { label: token.label });
      // An expired or unknown certificate is refused before the resident types a PIN.
      await card.checkAuthCertificate(signal);
      const tries = await card.triesLeft(signal);
      if (epoch !== this.epoch) return;
      this.endWork ??= this.deps.beginWork?.('kiosk issuance');
      this.showTries(tries.triesLeft ?? tries.maxTries, tries.maxTries);
    } catch (error) {
      if (epoch === this.epoch) await this.fail(error);
    }
  }

  private showTries(triesLeft: number, maxTries: number, message?: KioskNotice): void {
    this.triesLeftCache = triesLeft;
    if (triesLeft === 0) {
      this.set({ step: 'locked', message: message ?? notice('card.pin-locked', {}) });
      return;
    }
    // At one try left the resident is warned before typing, not only after pressing 確認.
    this.set({ step: 'pin', triesLeft, maxTries, confirmLastTry: false, message: message ?? (triesLeft === 1 ? notice('card.pin-last-try') : undefined), busy: false });
  }

  /**
   * The resident pressed 確認 with `pin`. The tries shown may be stale (another tab, another kiosk
   * or the office changed the card's count since), so the card is asked again first and that
   * answer decides: at one try left this only asks for the confirmation (`confirmLastTry()` then
   * sends it); with no try left it shows the lock without sending VERIFY.
   */
  async submitPin(pin: string): Promise<void> {
    const state = this.current;
    if (state.step !== 'pin' || state.busy) return;
    if (!new RegExp(`^[0-9]{${PIN_LENGTH}}$`).test(pin)) {
      this.set({ ...state, message: notice('kiosk.wrong-pin-length') });
      return;
    }
    const triesLeft = await this.askTriesLeft();
    if (triesLeft === undefined) return;
    if (triesLeft === 0) return this.showTries(0, state.maxTries);
    if (triesLeft === 1) return this.askLastTry(pin);
    await this.authenticate(pin, false);
  }

  /** The resident confirmed the last try: sent only if the card still says one try is left. */
  async confirmLastTry(): Promise<void> {
    const state = this.current;
    if (state.step !== 'pin' || !state.confirmLastTry || this.pendingPin === undefined) return;
    const pin = this.pendingPin;
    this.pendingPin = undefined;
    const triesLeft = await this.askTriesLeft();
    if (triesLeft === undefined) return;
    if (triesLeft === 0) return this.showTries(0, state.maxTries);
    await this.authenticate(pin, triesLeft === 1);
  }

  /** Back from the last-try warning to the keypad, PIN forgotten. */
  declineLastTry(): void {
    const state = this.current;
    this.pendingPin = undefined;
    if (state.step === 'pin') this.set({ ...state, confirmLastTry: false, message: undefined });
  }

  /**
   * The card's tries left on the auth PIN, read now (research/card-reading.md §1.7: VERIFY without
   * data). Undefined when the step was left meanwhile or the card failed (then shown as the error).
   */
  private async askTriesLeft(): Promise<number | undefined> {
    const state = this.current;
    if (state.step !== 'pin' || !this.card) return undefined;
    const epoch = this.epoch;
    this.set({ ...state, busy: true });
    try {
      const tries = await this.card.triesLeft(this.abort?.signal);
      if (epoch !== this.epoch || this.current.step !== 'pin') return undefined;
      this.set({ ...this.current, busy: false });
      return tries.triesLeft ?? tries.maxTries;
    } catch (error) {
      if (epoch === this.epoch) await this.fail(error);
      return undefined;
    }
  }

  /** One try left: keep the PIN for the explicit confirmation and warn. */
  private askLastTry(pin: string): void {
    const state = this.current;
    if (state.step !== 'pin') return;
    this.triesLeftCache = 1;
    this.pendingPin = pin;
    this.set({ ...state, triesLeft: 1, confirmLastTry: true, busy: false, message: notice('card.pin-last-try') });
  }

  private async authenticate(pin: string, confirmLastTry: boolean): Promise<void> {
    const state = this.current;
    if (state.step !== 'pin' || !this.card) return;
    if (this.triesLeftCache === 0) return this.showTries(0, state.maxTries);
    const epoch = this.epoch;
    this.set({ ...state, confirmLastTry: false, busy: true, message: undefined });
    const signal = this.abort?.signal;
    try {
      const challenge = this.random(32);
      const auth = await this.card.authenticate({ pin, challenge, confirmLastTry, signal });
      if (epoch !== this.epoch) return;
      this.demoCard = auth.demo;
      const hash = toHex(await sha256(auth.certificateDer));
      let resident = await this.deps.registry.residentByCard(hash);
      if (!resident && auth.demo && this.deps.demoMode) {
        // First run in demo mode: link the demo card to its demo-registry resident.
        const demo = DEMO_RESIDENTS.find((r) => r.authCertSerial.toLowerCase() === auth.serialNumber.toLowerCase());
        if (demo && (await this.deps.registry.resident(demo.registryResidentId))) {
          await this.deps.registry.linkCard(demo.registryResidentId, hash);
          resident = await this.deps.registry.residentByCard(hash);
        }
      }
      if (epoch !== this.epoch) return;
      if (!resident) {
        this.set({ step: 'error', code: 'kiosk.unknown-resident', message: notice('kiosk.unknown-resident') });
        await this.closeCard();
        return;
      }
      this.resident = resident;
      this.home = await this.deps.registry.municipality(resident.municipality);
      await this.showChoices();
    } catch (error) {
      if (epoch !== this.epoch) return;
      if (isCardError(error, ['card.pin-incorrect', 'card.pin-locked-now'])) return this.showTries(error.params.triesLeft, state.maxTries, noticeOf(error));
      // The count fell to one between the kiosk's question and the card layer's own check just
      // before VERIFY (src/card/mynumber/files.ts): nothing was sent; ask for the confirmation.
      if (isCardError(error, 'card.pin-last-try')) {
        this.set({ ...state, busy: false });
        return this.askLastTry(pin);
      }
      if (isCardError(error, 'card.pin-locked')) return this.showTries(0, state.maxTries);
      await this.fail(error);
    }
  }

  /** The six certificates, each with the reasons it cannot be issued now (empty = available). */
  async choices(): Promise<KindChoice[]> {
    return await kindChoices(this.deps.registry, this.resident!, this.home, this.now());
  }

  private async showChoices(): Promise<void> {
    const choices = await this.choices();
    this.set({ step: 'choose', residentName: this.resident!.name, demo: this.demoCard, choices });
  }

  /** Back to the certificate list (from the options or the confirmation). */
  async backToChoices(): Promise<void> {
    if (!this.resident) return;
    await this.showChoices();
  }

  async chooseKind(kind: CertificateKind): Promise<void> {
    const choice = (await this.choices()).find((c) => c.kind === kind)!;
    if (choice.refusals.length) {
      this.set({ step: 'error', code: choice.refusals[0].code, message: notice(choice.refusals[0].code, choice.refusals[0].params) });
      return;
    }
    const resident = this.resident!;
    const members = (await this.deps.registry.householdMembers(resident.householdId))
      .filter((m) => m.deceasedOn === undefined)
      .map((m) => ({ id: m.id, name: m.name, relationship: m.relationship }));
    const fiscalYears = (await this.deps.registry.taxRecords(resident.id)).map((r) => r.fiscalYear).sort((a, b) => b - a);
    const request = defaultRequest(kind, resident.id, fiscalYears[0]);
    this.set({ step: 'options', kind, request, copies: 1, fee: choice.fee, members, fiscalYears });
  }

  /** Changes the options; the fee follows the copies. */
  async setOptions(request: CertificateRequest, copies: number): Promise<void> {
    const state = this.current;
    if (state.step !== 'options' || request.kind !== state.kind) return;
    const n = Math.min(MAX_COPIES, Math.max(1, Math.floor(copies)));
    const perCopy = (await this.choices()).find((c) => c.kind === state.kind)!.fee;
    this.set({ ...state, request: sanitizeRequest(request), copies: n, fee: perCopy * n, problem: undefined });
  }

  /** 次へ: checks the request against the registry and shows the preview and the fee. */
  async toConfirm(): Promise<void> {
    const state = this.current;
    if (state.step !== 'options') return;
    const epoch = this.epoch;
    let cert: Certificate;
    try {
      cert = await this.build(state.request, 0);
    } catch (error) {
      if (error instanceof IneligibleError) return this.set({ ...state, problem: noticeOf(error) });
      return this.fail(error);
    }
    const home = await this.issuerOf(cert);
    const fee = feeFor(home.fees, state.kind, state.copies);
    this.set({ step: 'confirm', kind: state.kind, request: state.request, copies: state.copies, fee });
    try {
      const preview = await this.deps.pdf.preview(cert);
      const now = this.current;
      if (epoch === this.epoch && now.step === 'confirm' && now.request === state.request) this.set({ ...now, preview });
    } catch {
      // The preview is a courtesy: issuing still works without it.
    }
  }

  /** Back from the confirmation to the options. */
  async backToOptions(): Promise<void> {
    const state = this.current;
    if (state.step !== 'confirm') return;
    await this.chooseKind(state.kind);
    await this.setOptions(state.request, state.copies);
  }

  /** 「発行する」: serial, seal, locator, PDF and log entry for each copy. */
  async issue(): Promise<void> {
    const state = this.current;
    if (state.step !== 'confirm') return;
    const epoch = this.epoch;
    const copies: IssuedCopy[] = [];
    try {
      for (let i = 0; i < state.copies; i++) {
        this.set({ step: 'issuing', kind: state.kind, copy: i + 1, copies: state.copies, progress: 0 });
        copies.push(await this.issueOne(state.request, (fraction) => {
          if (epoch === this.epoch && this.current.step === 'issuing') this.set({ ...this.current, progress: fraction });
        }));
        if (epoch !== this.epoch) return;
      }
    } catch (error) {
      if (epoch === this.epoch) await this.fail(error);
      return;
    }
    // The card is no longer needed: close it now, the resident may take it while printing.
    await this.closeCard();
    this.set({ step: 'print', kind: state.kind, fee: state.fee, copies, demo: this.demoCard });
  }

  private issueOne(request: CertificateRequest, onProgress: (fraction: number) => void): Promise<IssuedCopy> {
    const deps = { ...this.deps, now: () => this.now(), random: (length: number) => this.random(length) };
    return issueCopy(deps, (serial, at, kid) => this.build(request, serial, at, kid), onProgress);
  }

  private async issuerOf(cert: Certificate): Promise<Municipality> {
    const m = await this.deps.registry.municipality(cert.issuer.code);
    if (!m) throw new KioskError('kiosk.unknown-municipality', {});
    return m;
  }

  private build(request: CertificateRequest, serial: number, at = this.now(), kid?: Uint8Array): Promise<Certificate> {
    return buildCertificate(this.deps.registry, this.resident!.id, request, { serial: formatSerial(serial, kid), issuedOn: jstDay(at) });
  }

  /** 「終了」 after printing: ask the resident to take the card, then wipe everything. */
  async finish(): Promise<void> {
    await this.wipe();
    this.set({ step: 'end' });
  }

  /** やめる / timeout / 「はじめに戻る」: closes the card, wipes the session, back to the start. */
  async cancel(): Promise<void> {
    await this.wipe();
    this.set({ step: 'start' });
  }

  private async fail(error: unknown): Promise<void> {
    const known = error instanceof KofuError;
    if (!known) console.error('kiosk', error);
    await this.closeCard();
    this.set({ step: 'error', code: known ? error.code : 'kiosk.unexpected', message: noticeOf(error) });
  }

  private async closeCard(): Promise<void> {
    const card = this.card;
    this.card = undefined;
    this.pendingPin = undefined;
    if (card) await card.close().catch(() => undefined);
  }

  private async wipe(): Promise<void> {
    this.epoch++;
    this.abort?.abort();
    this.abort = undefined;
    await this.closeCard();
    const release = this.releaseReader;
    this.releaseReader = undefined;
    if (release) await release().catch(() => undefined);
    this.resident = undefined;
    this.home = undefined;
    this.demoCard = false;
    this.triesLeftCache = 0;
    this.endWork?.();
    this.endWork = undefined;
  }

  /** Stops the timer (the screen is going away). */
  async dispose(): Promise<void> {
    await this.wipe();
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.listeners.clear();
  }
}
