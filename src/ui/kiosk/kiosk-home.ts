/**
 * `<kofu-kiosk-home>`: the store tablet's issuance flow at `/`. It owns the `KioskSession`
 * (src/app/kiosk-session.ts, composed by src/app/kiosk.ts) and shows the element of the current
 * step — start, terms, reader, card, PIN (locked), certificate, options, confirmation, issuing,
 * card return, print (not printed), end, error (src/ui/kiosk/steps/) — with a Cancel button on
 * every step before issuing but the short ones and the terms (which have their own やめる).
 * On the reader step it lists the readers the browser already allows and, outside demo mode,
 * opens a single one by itself (a kiosk under the `WebUsbAllowDevicesForUrls` policy). The
 * steps only render what they are given and report the person's choices as `kofu-…` events
 * (kiosk-events.ts); this host turns them into session calls. The session (and its IndexedDB work)
 * is created when the resident presses 「はじめる」, so the first paint stays light.
 *
 * One kiosk per device: after the first paint the host claims the kiosk lock (src/app/kiosk.ts);
 * a tab that cannot says the kiosk is already open in another tab, and takes it over once that
 * tab closes.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { KofuError, isKofuError, type LocalizedText } from '../../app/errors.ts';
import type { KioskNotice, KioskSession, KioskState } from '../../app/kiosk-session.ts';
import type { AllowedReader, DemoCardChoice } from '../../app/kiosk.ts';
import { describeError, describeFailure } from '../shared/error-messages.ts';
import { language, LanguageController, t } from '../shared/i18n.ts';
import { columnHost, elementStyles } from '../shared/styles.ts';
import type {
  KofuKioskAllowedReaderEvent,
  KofuKioskChooseEvent,
  KofuKioskDemoCardEvent,
  KofuKioskLastTryEvent,
  KofuKioskOptionsEvent,
  KofuKioskSheetEvent,
  KofuKioskTermsEvent,
  KofuPinSubmitEvent,
} from './kiosk-events.ts';
import type { KioskStep } from './steps/kiosk-step.ts';
import './steps/kiosk-start.ts';

/** The other steps, loaded after the first paint (steps/later-steps.ts); はじめる waits for them. */
let laterSteps: Promise<unknown> | undefined;
const loadLaterSteps = () =>
  (laterSteps ??= import('./steps/later-steps.ts').catch((error: unknown) => {
    laterSteps = undefined; // tried again on the next はじめる
    throw error;
  }));

/** The message of a thrown `KofuError` in the current language, or the error as text. */
const messageOf = (error: unknown) => (error instanceof KofuError ? describeError(error, language()) : String(error));
/** A step's notice (a code and params from the session) in words, both languages. */
const words = (notice: KioskNotice | undefined): LocalizedText | undefined =>
  notice && { ja: describeFailure(notice.code, notice.params, 'ja'), en: describeFailure(notice.code, notice.params, 'en') };

@customElement('kofu-kiosk-home')
export class KofuKioskHome extends LitElement {
  static override styles = [
    ...elementStyles,
    // The kiosk fills the height under the app's header; the step below the title takes the rest.
    columnHost,
    css`
      h1 {
        font-size: clamp(1.4rem, 2.6vw, 1.9rem);
        margin: 0;
      }
      .step {
        flex: 1;
        display: flex;
        flex-direction: column;
      }
      .step > * {
        flex: 1;
      }
      .bar {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 12px;
        flex-wrap: wrap;
      }
    `,
  ];

  private readonly i18n = new LanguageController(this);
  @state() private view: KioskState = { step: 'start' };
  @state() private demoMode = true;
  /** Loaded with the session (the card layer stays out of the first paint). */
  @state() private demoCards: readonly DemoCardChoice[] = [];
  @state() private notice?: string;
  /** USB readers this origin may open without the chooser, listed on the reader step. */
  @state() private allowedReaders: readonly AllowedReader[] = [];
  /** The allowed reader being opened by itself. */
  @state() private opening?: string;
  @state() private starting = false;
  /** Another tab holds this device's kiosk. */
  @state() private openElsewhere = false;
  private session?: KioskSession;
  private unsubscribe?: () => void;
  private focusedStep: KioskState['step'] = 'start';
  @query('.step > *') private stepElement?: KioskStep;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('pointerdown', this.touch);
    this.addEventListener('keydown', this.touch);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('pointerdown', this.touch);
    this.removeEventListener('keydown', this.touch);
    this.unsubscribe?.();
    void this.session?.dispose();
    this.session = undefined;
    void import('../../app/kiosk.ts').then(({ releaseKiosk }) => releaseKiosk());
  }

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    void this.claimKiosk();
    void loadLaterSteps().catch(() => undefined); // はじめる says so if it still fails then

  }

  /**
   * Claims the kiosk for this tab; false (and said on the start screen) when another tab has it —
   * then waits for that tab to close, and takes the kiosk over.
   */
  private async claimKiosk(): Promise<boolean> {
    const { claimKiosk, waitForKiosk } = await import('../../app/kiosk.ts');
    const held = await claimKiosk();
    this.openElsewhere = !held;
    if (!held) void waitForKiosk().then((taken) => taken && (this.openElsewhere = false));
    return held;
  }

  private readonly touch = () => this.session?.touch();

  private async ensureSession(fresh = false): Promise<KioskSession> {
    if (this.session && !fresh) return this.session;
    // A fresh session per resident also picks up a demo-mode change made in the admin screen.
    this.unsubscribe?.();
    await this.session?.dispose();
    this.session = undefined;
    const { createKioskSession, demoCardChoices } = await import('../../app/kiosk.ts');
    const { session, demoMode } = await createKioskSession();
    this.session = session;
    this.demoMode = demoMode;
    this.demoCards = demoMode ? demoCardChoices() : [];
    this.unsubscribe = session.subscribe((s) => this.onState(s));
    return session;
  }

  private onState(next: KioskState): void {
    const entering = next.step === 'reader' && this.view.step !== 'reader';
    if (next.step !== 'reader') {
      this.notice = undefined;
      this.opening = undefined;
    }
    this.view = next;
    if (entering) void this.offerAllowedReaders();
  }

  /**
   * Lists the readers the browser already allows; outside demo mode a single one is opened at
   * once (no tap: the managed kiosk's reader each morning), falling back to the list and the
   * chooser if it cannot be opened.
   */
  private async offerAllowedReaders(): Promise<void> {
    const { allowedReaders } = await import('../../app/kiosk.ts');
    const readers = await allowedReaders();
    if (this.view.step !== 'reader') return;
    this.allowedReaders = readers;
    if (readers.length === 1 && !this.demoMode) await this.openAllowedReader(readers[0].id);
  }

  private async openAllowedReader(id: string): Promise<void> {
    const allowed = this.allowedReaders.find((r) => r.id === id);
    if (!allowed || this.view.step !== 'reader' || this.opening) return;
    this.notice = undefined;
    this.opening = allowed.name;
    try {
      const session = await this.ensureSession();
      const reader = await allowed.open();
      this.opening = undefined;
      await session.useReader(reader);
    } catch (error) {
      this.notice = messageOf(error);
    } finally {
      this.opening = undefined;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Move focus to the new step's heading (screen readers announce it), but not when the same
    // step only re-renders (an option toggled): that would scroll the page away from the finger.
    if (changed.has('view') && this.view.step !== this.focusedStep) {
      this.focusedStep = this.view.step;
      void this.stepElement?.focusHeading();
    }
  }

  // ---- actions -----------------------------------------------------------------------------------

  private async start(): Promise<void> {
    this.starting = true;
    try {
      if (!(await this.claimKiosk())) return;
      await loadLaterSteps();
      (await this.ensureSession(true)).begin();
    } catch (error) {
      this.notice = messageOf(error);
    } finally {
      this.starting = false;
    }
  }

  private async pickDemoCard(cardId: string): Promise<void> {
    if (this.view.step !== 'reader') return; // a second tap while the first card is being placed
    this.notice = undefined;
    try {
      const session = await this.ensureSession();
      const { demoCardReader } = await import('../../app/kiosk.ts');
      const card = await demoCardReader(cardId);
      await session.useReader(card.reader, undefined, card.removeCard);
    } catch (error) {
      this.notice = messageOf(error);
    }
  }

  private async pickUsbReader(): Promise<void> {
    this.notice = undefined;
    const session = await this.ensureSession();
    const { usbCardReader } = await import('../../app/kiosk.ts');
    try {
      // requestDevice needs the click's user activation: no await before it but the cached imports.
      const reader = await usbCardReader();
      await session.useReader(reader);
    } catch (error) {
      if (isKofuError(error, 'card.usb-blocked')) this.notice = t('kiosk.reader.usb-blocked');
      else if (isKofuError(error, 'card.reader-unsupported') && !('usb' in navigator)) this.notice = t('kiosk.reader.usb-unsupported');
      else this.notice = messageOf(error);
    }
  }

  private async resetDemoCards(): Promise<void> {
    const { resetDemoCards } = await import('../../app/kiosk.ts');
    await resetDemoCards();
    await this.cancel();
    this.notice = t('kiosk.locked.demo-reset-done');
  }

  private async cancel(): Promise<void> {
    await this.session?.cancel();
  }

  // ---- rendering ---------------------------------------------------------------------------------

  override render() {
    const v = this.view;
    // No やめる once the certificate is issued: from the card's return on, 終了 is the way out. The
    // terms carry their own やめる beside 同意する.
    const cancellable = !['start', 'terms', 'issuing', 'card-return', 'print', 'not-printed', 'end'].includes(v.step);
    return html`
      <div class="bar">
        <h1>${t('kiosk.heading')}</h1>
        ${cancellable ? html`<button type="button" class="secondary" data-action="cancel" @click=${() => this.cancel()}>${t('kiosk.cancel')}</button>` : nothing}
      </div>
      <div class="step">${this.renderStep(v)}</div>
    `;
  }

  /** The current step's element, wired to the session. */
  private renderStep(v: KioskState) {
    const again = () => this.cancel();
    switch (v.step) {
      case 'start':
        return html`<kofu-kiosk-start
          .starting=${this.starting}
          .notice=${this.openElsewhere ? t('kiosk.already-open') : this.notice}
          @kofu-kiosk-start=${() => this.start()}
        ></kofu-kiosk-start>`;
      case 'terms':
        return html`<kofu-kiosk-terms @kofu-kiosk-terms=${(e: KofuKioskTermsEvent) => (e.detail.accepted ? this.session?.acceptTerms() : this.cancel())}></kofu-kiosk-terms>`;
      case 'reader':
        return html`<kofu-kiosk-reader
          .demoMode=${this.demoMode}
          .demoCards=${this.demoCards}
          .allowedReaders=${this.allowedReaders}
          .opening=${this.opening}
          @kofu-kiosk-allowed-reader=${(e: KofuKioskAllowedReaderEvent) => this.openAllowedReader(e.detail.id)}
          .webUsb=${'usb' in navigator}
          .notice=${this.notice}
          @kofu-kiosk-demo-card=${(e: KofuKioskDemoCardEvent) => this.pickDemoCard(e.detail.cardId)}
          @kofu-kiosk-usb-reader=${() => this.pickUsbReader()}
        ></kofu-kiosk-reader>`;
      case 'card':
        return html`<kofu-kiosk-card .phase=${v.phase} .readerLabel=${v.readerLabel}></kofu-kiosk-card>`;
      case 'pin':
        return html`<kofu-kiosk-pin
          .triesLeft=${v.triesLeft}
          .busy=${v.busy}
          .confirmLastTry=${v.confirmLastTry}
          .message=${words(v.message)}
          @kofu-pin-submit=${(e: KofuPinSubmitEvent) => this.session?.submitPin(e.detail.pin)}
          @kofu-kiosk-last-try=${(e: KofuKioskLastTryEvent) => (e.detail.confirmed ? this.session?.confirmLastTry() : this.session?.declineLastTry())}
        ></kofu-kiosk-pin>`;
      case 'locked':
        return html`<kofu-kiosk-locked .message=${words(v.message)} .demoMode=${this.demoMode} @kofu-kiosk-again=${again} @kofu-kiosk-demo-reset=${() => this.resetDemoCards()}></kofu-kiosk-locked>`;
      case 'choose':
        return html`<kofu-kiosk-choose
          .residentName=${v.residentName}
          .demo=${v.demo}
          .choices=${v.choices}
          @kofu-kiosk-choose=${(e: KofuKioskChooseEvent) => this.session?.chooseKind(e.detail.kind)}
        ></kofu-kiosk-choose>`;
      case 'options':
        return html`<kofu-kiosk-options
          .kind=${v.kind}
          .request=${v.request}
          .copies=${v.copies}
          .fee=${v.fee}
          .members=${v.members}
          .fiscalYears=${v.fiscalYears}
          .problem=${words(v.problem)}
          @kofu-kiosk-options=${(e: KofuKioskOptionsEvent) => this.session?.setOptions(e.detail.request, e.detail.copies)}
          @kofu-kiosk-back=${() => this.session?.backToChoices()}
          @kofu-kiosk-next=${() => this.session?.toConfirm()}
        ></kofu-kiosk-options>`;
      case 'confirm':
        return html`<kofu-kiosk-confirm
          .kind=${v.kind}
          .copies=${v.copies}
          .fee=${v.fee}
          .preview=${v.preview}
          @kofu-kiosk-back=${() => this.session?.backToOptions()}
          @kofu-kiosk-issue=${() => this.session?.issue()}
        ></kofu-kiosk-confirm>`;
      case 'issuing':
        return html`<kofu-kiosk-issuing .kind=${v.kind} .copy=${v.copy} .copies=${v.copies} .stage=${v.stage} .progress=${v.progress}></kofu-kiosk-issuing>`;
      case 'card-return':
        return html`<kofu-kiosk-card-return .demo=${v.demo} @kofu-kiosk-card-taken=${() => this.session?.cardTaken()}></kofu-kiosk-card-return>`;
      case 'print':
        return html`<kofu-kiosk-print
          .copies=${v.copies}
          .printed=${v.printed}
          .fee=${v.fee}
          .demo=${v.demo}
          .demoMode=${this.demoMode}
          .cardStillIn=${v.cardStillIn}
          @kofu-kiosk-sheet=${(e: KofuKioskSheetEvent) => (e.detail.printed ? this.session?.sheetPrinted(e.detail.serial) : this.session?.sheetNotPrinted(e.detail.serial))}
          @kofu-kiosk-finish=${() => this.session?.finish()}
        ></kofu-kiosk-print>`;
      case 'not-printed':
        return html`<kofu-kiosk-not-printed .serial=${v.serial} @kofu-kiosk-issue-again=${() => this.session?.issueAgain()} @kofu-kiosk-finish=${() => this.session?.finish()}></kofu-kiosk-not-printed>`;
      case 'end':
        return html`<kofu-kiosk-end .fee=${v.fee} @kofu-kiosk-again=${again}></kofu-kiosk-end>`;
      case 'error':
        return html`<kofu-kiosk-error .code=${v.code} .message=${words(v.message)} @kofu-kiosk-again=${again}></kofu-kiosk-error>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-home': KofuKioskHome;
  }
}
