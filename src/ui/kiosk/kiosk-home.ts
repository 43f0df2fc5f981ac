/**
 * `<kofu-kiosk-home>`: the store tablet's issuance flow at `/`. It renders the state of a
 * `KioskSession` (src/app/kiosk-session.ts) step by step — start, reader, card, PIN, certificate,
 * options, confirmation, issuing, print, end — with a Cancel button on every step. The session
 * (and its IndexedDB work) is created when the resident presses 「はじめる」, so the first paint
 * stays light. Laid out for a 1280×800 touch tablet; one column on a phone.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { LocalizedText } from '../../bytes/errors.ts';
import { MY_NUMBER_WARNING, OPTIONS, type CertificateRequest } from '../../documents/options.ts';
import { CERTIFICATE_TITLES, type CertificateKind, type TaxKind } from '../../documents/types.ts';
import type { KioskSession, KioskState } from '../../app/kiosk-session.ts';
import type { DemoCardChoice } from '../../app/kiosk.ts';
import { language, LanguageController, t } from '../shared/i18n.ts';
import { controls, tokens } from '../shared/styles.ts';
import type { StaticMessageKey } from '../shared/messages.ts';
import './pin-keypad.ts';

const CERTIFICATES: readonly StaticMessageKey[] = ['kiosk.cert.juminhyo', 'kiosk.cert.kisai', 'kiosk.cert.inkan', 'kiosk.cert.tax', 'kiosk.cert.koseki', 'kiosk.cert.fuhyo'];
const STEPS: readonly StaticMessageKey[] = ['kiosk.step.card', 'kiosk.step.pin', 'kiosk.step.choose', 'kiosk.step.print'];

const say = (text: LocalizedText | undefined) => (text ? text[language()] : '');
const yen = (n: number) => n.toLocaleString('ja-JP');
const title = (kind: CertificateKind) => CERTIFICATE_TITLES[kind][language()];

@customElement('kofu-kiosk-home')
export class KofuKioskHome extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
      }
      h1 {
        font-size: clamp(1.5rem, 3vw, 2.1rem);
        margin: 8px 0;
      }
      h2 {
        font-size: clamp(1.3rem, 2.6vw, 1.8rem);
        margin: 4px 0 12px;
      }
      .lead {
        font-size: 1.15rem;
        color: var(--kofu-muted);
      }
      .bar {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 12px;
        flex-wrap: wrap;
      }
      .grid {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 16px;
      }
      section,
      .panel {
        background: var(--kofu-paper);
        border: 1px solid var(--kofu-line);
        border-radius: var(--kofu-radius);
        padding: 16px 20px;
      }
      ol {
        padding-left: 1.4em;
        font-size: 1.1rem;
        line-height: 1.9;
      }
      ul.plain {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      li.cert {
        min-height: var(--kofu-touch);
        display: flex;
        align-items: center;
        border-bottom: 1px solid var(--kofu-line);
        font-size: 1.1rem;
      }
      li.cert:last-child {
        border-bottom: 0;
      }
      button.big {
        min-height: 84px;
        font-size: 1.6rem;
        padding: 0 48px;
      }
      .actions {
        display: flex;
        gap: 12px;
        flex-wrap: wrap;
        margin-top: 16px;
      }
      .cards {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(220px, 1fr));
        gap: 12px;
      }
      .cards button,
      .kinds button {
        flex-direction: column;
        align-items: flex-start;
        text-align: left;
        min-height: 84px;
        padding: 12px 16px;
        background: var(--kofu-paper);
        color: var(--kofu-ink);
        border-color: var(--kofu-line);
        font-weight: 400;
      }
      .cards .name,
      .kinds .name {
        font-size: 1.2rem;
        font-weight: 700;
      }
      .note {
        color: var(--kofu-muted);
      }
      .kinds {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(280px, 1fr));
        gap: 12px;
      }
      .kinds button:disabled {
        opacity: 1;
        background: var(--kofu-surface);
        color: var(--kofu-muted);
      }
      .reason {
        color: var(--kofu-danger);
        font-size: 0.95rem;
      }
      .pin {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 24px;
        align-items: start;
      }
      .tries {
        font-size: 1.3rem;
        font-weight: 700;
      }
      .warning {
        border-left: 6px solid var(--kofu-danger);
        background: #fdecea;
        padding: 12px 16px;
        border-radius: 6px;
        font-weight: 600;
      }
      .demo {
        border-left: 6px solid var(--kofu-demo);
        background: #fff4ea;
        padding: 8px 14px;
        border-radius: 6px;
      }
      .badge {
        background: var(--kofu-demo);
        color: #fff;
        border-radius: 6px;
        padding: 2px 10px;
        font-weight: 700;
      }
      fieldset {
        border: 1px solid var(--kofu-line);
        border-radius: var(--kofu-radius);
        margin: 0 0 12px;
        padding: 8px 14px 12px;
      }
      legend {
        font-weight: 700;
        padding: 0 6px;
      }
      label.choice {
        display: flex;
        align-items: center;
        gap: 12px;
        min-height: var(--kofu-touch);
        font-size: 1.1rem;
      }
      label.choice input {
        width: 28px;
        height: 28px;
      }
      select {
        min-height: var(--kofu-touch);
        font: inherit;
        font-size: 1.1rem;
      }
      .option-grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
        gap: 0 12px;
        align-items: start;
      }
      .copies {
        display: flex;
        align-items: center;
        gap: 16px;
        font-size: 1.3rem;
      }
      .fee {
        font-size: 1.4rem;
        font-weight: 700;
      }
      .confirm {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 20px;
      }
      figure {
        margin: 0;
      }
      canvas.preview {
        display: block;
        height: min(60vh, 560px);
        width: auto;
        max-width: 100%;
        object-fit: contain;
        border: 1px solid var(--kofu-line);
        box-shadow: 0 2px 10px rgba(0, 0, 0, 0.15);
        background: #fff;
      }
      progress {
        width: 100%;
        height: 28px;
      }
      .print-links a {
        text-decoration: none;
      }
      @media (max-width: 800px) {
        .grid,
        .pin,
        .confirm {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  private readonly i18n = new LanguageController(this);
  @state() private view: KioskState = { step: 'start' };
  @state() private demoMode = true;
  /** Loaded with the session (the card layer stays out of the first paint). */
  @state() private demoCards: readonly DemoCardChoice[] = [];
  @state() private notice?: string;
  @state() private starting = false;
  /** Blob URLs of the issued PDFs, revoked when the session ends. */
  @state() private urls: string[] = [];
  private session?: KioskSession;
  private unsubscribe?: () => void;
  private focusedStep: KioskState['step'] = 'start';
  @query('canvas.preview') private previewCanvas?: HTMLCanvasElement;

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
    this.revokeUrls();
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
    if (next.step === 'print') {
      this.revokeUrls();
      this.urls = next.copies.map((c) => URL.createObjectURL(new Blob([c.pdf as BlobPart], { type: 'application/pdf' })));
    } else if (next.step === 'start' || next.step === 'end') {
      this.revokeUrls();
    }
    if (next.step !== 'reader') this.notice = undefined;
    this.view = next;
  }

  private revokeUrls(): void {
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls = [];
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const v = this.view;
    if (v.step === 'confirm' && v.preview && this.previewCanvas) {
      const canvas = this.previewCanvas;
      if (canvas.width !== v.preview.width || canvas.height !== v.preview.height) {
        canvas.width = v.preview.width;
        canvas.height = v.preview.height;
      }
      canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(v.preview.pixels), v.preview.width, v.preview.height), 0, 0);
    }
    // Move focus to the new step's heading (screen readers announce it), but not when the same
    // step only re-renders (an option toggled): that would scroll the page away from the finger.
    if (changed.has('view') && v.step !== this.focusedStep) {
      this.focusedStep = v.step;
      this.renderRoot.querySelector<HTMLElement>('h2[tabindex]')?.focus({ preventScroll: true });
    }
  }

  // ---- actions -----------------------------------------------------------------------------------

  private async start(): Promise<void> {
    this.starting = true;
    try {
      (await this.ensureSession(true)).begin();
    } catch (error) {
      this.notice = (error as { text?: LocalizedText }).text?.[language()] ?? String(error);
    } finally {
      this.starting = false;
    }
  }

  private async pickDemoCard(card: DemoCardChoice): Promise<void> {
    if (this.view.step !== 'reader') return; // a second tap while the first card is being placed
    this.notice = undefined;
    try {
      const session = await this.ensureSession();
      const { demoCardReader } = await import('../../app/kiosk.ts');
      await session.useReader(await demoCardReader(card.cardId));
    } catch (error) {
      this.notice = (error as { text?: LocalizedText }).text?.[language()] ?? String(error);
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
      const e = error as { name?: string; text?: LocalizedText };
      if (e.name === 'UsbBlockedError') this.notice = t('kiosk.reader.usb-blocked');
      else if (e.name === 'UnsupportedReaderError' && !('usb' in navigator)) this.notice = t('kiosk.reader.usb-unsupported');
      else this.notice = e.text?.[language()] ?? String(error);
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
    const cancellable = v.step !== 'start' && v.step !== 'end' && v.step !== 'issuing';
    return html`
      <div class="bar">
        <h1>${t('kiosk.heading')}</h1>
        ${cancellable ? html`<button type="button" class="secondary" data-action="cancel" @click=${() => this.cancel()}>${t('kiosk.cancel')}</button>` : nothing}
      </div>
      <div data-step=${v.step}>${this.renderStep(v)}</div>
    `;
  }

  private renderStep(v: KioskState) {
    switch (v.step) {
      case 'start':
        return this.renderStart();
      case 'reader':
        return this.renderReader();
      case 'card':
        return html`<div class="panel" role="status">
          <h2 tabindex="-1">${v.phase === 'waiting' ? t('kiosk.card.waiting') : t('kiosk.card.reading')}</h2>
          <p class="lead">${t('kiosk.card.waiting-hint')}</p>
          <p class="note">${v.readerLabel}</p>
          <progress aria-label=${t('kiosk.card.reading')}></progress>
        </div>`;
      case 'pin':
        return this.renderPin(v);
      case 'locked':
        return html`<div class="panel">
          <h2 tabindex="-1">${t('kiosk.locked.heading')}</h2>
          <p class="warning" role="alert">${say(v.message)}</p>
          <div class="actions">
            <button type="button" data-action="again" @click=${() => this.cancel()}>${t('kiosk.again')}</button>
            ${this.demoMode ? html`<button type="button" class="secondary" data-action="demo-reset" @click=${() => this.resetDemoCards()}>${t('kiosk.locked.demo-reset')}</button>` : nothing}
          </div>
        </div>`;
      case 'choose':
        return this.renderChoose(v);
      case 'options':
        return this.renderOptionsStep(v);
      case 'confirm':
        return this.renderConfirm(v);
      case 'issuing':
        return html`<div class="panel" role="status">
          <h2 tabindex="-1">${t('kiosk.issuing.heading')}</h2>
          <p class="lead">${title(v.kind)} — ${t('kiosk.issuing.copy', { copy: v.copy, copies: v.copies })}</p>
          <progress max="1" .value=${v.progress}></progress>
        </div>`;
      case 'print':
        return this.renderPrint(v);
      case 'end':
        return html`<div class="panel" role="status">
          <h2 tabindex="-1">${t('kiosk.end.heading')}</h2>
          <p class="lead">${t('kiosk.end.thanks')}</p>
          <div class="actions"><button type="button" class="big" data-action="again" @click=${() => this.cancel()}>${t('kiosk.again')}</button></div>
        </div>`;
      case 'error':
        return html`<div class="panel">
          <h2 tabindex="-1">${t('kiosk.error.heading')}</h2>
          <p class="warning" role="alert" data-code=${v.code}>${say(v.message)}</p>
          <div class="actions"><button type="button" data-action="again" @click=${() => this.cancel()}>${t('kiosk.again')}</button></div>
        </div>`;
    }
  }

  private renderStart() {
    return html`
      <p class="lead">${t('kiosk.lead')}</p>
      <div class="actions">
        <button type="button" class="big" data-action="start" ?disabled=${this.starting} @click=${() => this.start()}>${t('kiosk.start')}</button>
      </div>
      ${this.notice ? html`<p class="warning" role="alert">${this.notice}</p>` : nothing}
      <div class="grid">
        <section aria-labelledby="steps">
          <h2 id="steps" class="visually-hidden">${t('kiosk.heading')}</h2>
          <ol>
            ${STEPS.map((key) => html`<li>${t(key)}</li>`)}
          </ol>
          <p>${t('kiosk.hours')}</p>
        </section>
        <section aria-labelledby="certificates">
          <h2 id="certificates">${t('kiosk.certificates')}</h2>
          <ul class="plain">
            ${CERTIFICATES.map((key) => html`<li class="cert">${t(key)}</li>`)}
          </ul>
        </section>
      </div>
    `;
  }

  private renderReader() {
    const hasUsb = 'usb' in navigator;
    return html`
      <h2 tabindex="-1">${t('kiosk.reader.heading')}</h2>
      ${this.notice ? html`<p class="warning" role="alert" data-notice>${this.notice}</p>` : nothing}
      ${this.demoMode
        ? html`<section class="demo-cards">
            <h3>${t('kiosk.reader.demo-heading')} <span class="badge">${t('kiosk.demo-badge')}</span></h3>
            <p class="note">${t('kiosk.reader.demo-explain')}</p>
            <div class="cards">
              ${this.demoCards.map(
                (c) => html`<button type="button" data-card=${c.cardId} @click=${() => this.pickDemoCard(c)}>
                  <span class="name">${c.name}</span>
                  <span class="note">${t('kiosk.reader.demo-pin', { pin: c.pin })}</span>
                </button>`,
              )}
            </div>
          </section>`
        : nothing}
      <section>
        <p class="note">${hasUsb ? t('kiosk.reader.usb-explain') : t('kiosk.reader.usb-unsupported')}</p>
        <button type="button" class="secondary" data-action="usb" ?disabled=${!hasUsb} @click=${() => this.pickUsbReader()}>${t('kiosk.reader.usb')}</button>
      </section>
    `;
  }

  private renderPin(v: Extract<KioskState, { step: 'pin' }>) {
    return html`
      <div class="pin">
        <div>
          <h2 tabindex="-1">${t('kiosk.pin.heading')}</h2>
          <p class="lead">${t('kiosk.pin.explain')}</p>
          <p class="tries" data-tries=${v.triesLeft}>${t('kiosk.pin.tries', { n: v.triesLeft })}</p>
          ${v.busy ? html`<p role="status">${t('kiosk.pin.checking')}</p>` : nothing}
          ${v.message && !v.confirmLastTry ? html`<p class="warning" role="alert" data-pin-message>${say(v.message)}</p>` : nothing}
          ${v.confirmLastTry
            ? html`<div class="warning" role="alertdialog" aria-label=${t('kiosk.pin.last-try-confirm')}>
                <p>${t('kiosk.pin.last-try-confirm')}</p>
                <div class="actions">
                  <button type="button" data-action="last-try-yes" @click=${() => this.session?.confirmLastTry()}>${t('kiosk.pin.last-try-yes')}</button>
                  <button type="button" class="secondary" data-action="last-try-no" @click=${() => this.session?.declineLastTry()}>${t('kiosk.pin.last-try-no')}</button>
                </div>
              </div>`
            : nothing}
        </div>
        <kofu-pin-keypad ?disabled=${v.busy || v.confirmLastTry} @pin-submit=${(e: CustomEvent<{ pin: string }>) => this.session?.submitPin(e.detail.pin)}></kofu-pin-keypad>
      </div>
    `;
  }

  private renderChoose(v: Extract<KioskState, { step: 'choose' }>) {
    return html`
      <p class="lead">${t('kiosk.choose.greeting', { name: v.residentName })} ${v.demo ? html`<span class="badge">${t('kiosk.demo-badge')}</span>` : nothing}</p>
      <h2 tabindex="-1">${t('kiosk.choose.heading')}</h2>
      <div class="kinds">
        ${v.choices.map(
          (c) => html`<button type="button" data-kind=${c.kind} ?disabled=${c.refusals.length > 0} @click=${() => this.session?.chooseKind(c.kind)}>
            <span class="name">${title(c.kind)}</span>
            <span class="note">${c.issuer} · ${t('kiosk.choose.fee', { yen: yen(c.fee) })}</span>
            ${c.refusals.length ? html`<span class="reason">${t('kiosk.choose.unavailable')}${language() === 'ja' ? '：' : ': '}${c.refusals.map((r) => say(r.text)).join(' ')}</span>` : nothing}
          </button>`,
        )}
      </div>
    `;
  }

  private renderOptionsStep(v: Extract<KioskState, { step: 'options' }>) {
    const set = (request: CertificateRequest, copies = v.copies) => this.session?.setOptions(request, copies);
    const r = v.request;
    const descriptors = OPTIONS[v.kind];
    const label = (id: string) => say(descriptors.find((d) => d.id === id)?.label);
    const check = (id: string, checked: boolean, onChange: (on: boolean) => void, warning?: LocalizedText) => html`
      <label class="choice"><input type="checkbox" data-option=${id} .checked=${checked} @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked)} />${label(id)}</label>
      ${warning && checked ? html`<p class="warning" role="note">${say(warning)}</p>` : nothing}
    `;
    const radios = (id: string, value: string, onChange: (value: string) => void) => html`
      <fieldset>
        <legend>${label(id)}</legend>
        ${descriptors
          .find((d) => d.id === id)!
          .choices!.map(
            (c) => html`<label class="choice"><input type="radio" name=${id} data-option=${`${id}:${c.value}`} .checked=${value === c.value} @change=${() => onChange(c.value)} />${say(c.label)}</label>`,
          )}
      </fieldset>
    `;
    let body: unknown = nothing;
    if (r.kind === 'juminhyo' || r.kind === 'kisai') {
      body = html`
        ${radios('scope', r.scope, (scope) => set({ ...r, scope: scope as typeof r.scope }))}
        ${r.scope === 'some'
          ? html`<fieldset>
              <legend>${t('kiosk.options.members')}</legend>
              ${v.members.map(
                (m) => html`<label class="choice"
                  ><input
                    type="checkbox"
                    data-member=${m.id}
                    .checked=${(r.memberIds ?? []).includes(m.id)}
                    @change=${(e: Event) => {
                      const on = (e.target as HTMLInputElement).checked;
                      const ids = new Set(r.memberIds ?? []);
                      if (on) ids.add(m.id);
                      else ids.delete(m.id);
                      void set({ ...r, memberIds: v.members.filter((x) => ids.has(x.id)).map((x) => x.id) });
                    }}
                  />${m.name}（${m.relationship}）</label
                >`,
              )}
            </fieldset>`
          : nothing}
        <fieldset>
          ${check('householder', r.householder, (on) => set({ ...r, householder: on }))}
          ${r.kind === 'juminhyo'
            ? html`${check('honseki', r.honseki, (on) => set({ ...r, honseki: on }))} ${check('myNumber', r.myNumber, (on) => set({ ...r, myNumber: on }), MY_NUMBER_WARNING)}`
            : nothing}
          <p class="note">${t('kiosk.options.no-code')}</p>
        </fieldset>
      `;
    } else if (r.kind === 'tax') {
      body = html`
        ${radios('taxKind', r.taxKind, (taxKind) => set({ ...r, taxKind: taxKind as TaxKind }))}
        <fieldset>
          <legend>${label('fiscalYear')}</legend>
          <select data-option="fiscalYear" @change=${(e: Event) => set({ ...r, fiscalYear: Number((e.target as HTMLSelectElement).value) })}>
            ${v.fiscalYears.map((y) => html`<option value=${y} ?selected=${y === r.fiscalYear}>${language() === 'ja' ? `令和${y - 2018}年度（${y}年度）` : `FY ${y}`}</option>`)}
          </select>
        </fieldset>
      `;
    } else if (r.kind === 'koseki') {
      body = radios('scope', r.scope, (scope) => set({ ...r, scope: scope as 'all' | 'individual' }));
    }
    return html`
      <h2 tabindex="-1">${title(v.kind)} — ${t('kiosk.options.heading')}</h2>
      <div class="panel">
        <div class="option-grid">${body}</div>
        <div class="copies">
          <span>${t('kiosk.options.copies')}</span>
          <button type="button" class="secondary" data-action="less" aria-label=${t('kiosk.options.less')} ?disabled=${v.copies <= 1} @click=${() => set(r, v.copies - 1)}>−</button>
          <span data-copies>${v.copies}</span>
          <button type="button" class="secondary" data-action="more" aria-label=${t('kiosk.options.more')} @click=${() => set(r, v.copies + 1)}>＋</button>
        </div>
        <p class="fee" data-fee>${t('kiosk.options.fee', { yen: yen(v.fee) })}</p>
        ${v.problem ? html`<p class="warning" role="alert" data-problem>${say(v.problem)}</p>` : nothing}
      </div>
      <div class="actions">
        <button type="button" class="secondary" data-action="back" @click=${() => this.session?.backToChoices()}>${t('kiosk.back')}</button>
        <button type="button" data-action="next" @click=${() => this.session?.toConfirm()}>${t('kiosk.next')}</button>
      </div>
    `;
  }

  private renderConfirm(v: Extract<KioskState, { step: 'confirm' }>) {
    return html`
      <h2 tabindex="-1">${t('kiosk.confirm.heading')}</h2>
      <div class="confirm">
        <figure>
          ${v.preview ? html`<canvas class="preview" aria-label=${t('kiosk.confirm.preview')}></canvas>` : html`<p role="status">${t('kiosk.confirm.preview-loading')}</p>`}
          <figcaption class="note">${t('kiosk.confirm.preview')}</figcaption>
        </figure>
        <div>
          <p class="lead">${t('kiosk.confirm.summary', { title: title(v.kind), copies: v.copies })}</p>
          <p class="fee" data-fee>${t('kiosk.options.fee', { yen: yen(v.fee) })}</p>
          <div class="actions">
            <button type="button" class="secondary" data-action="back" @click=${() => this.session?.backToOptions()}>${t('kiosk.back')}</button>
            <button type="button" class="big" data-action="issue" @click=${() => this.session?.issue()}>${t('kiosk.confirm.issue')}</button>
          </div>
        </div>
      </div>
    `;
  }

  private renderPrint(v: Extract<KioskState, { step: 'print' }>) {
    return html`
      <h2 tabindex="-1">${t('kiosk.print.heading')}</h2>
      ${v.demo ? html`<p class="demo" role="note">${t('kiosk.print.demo')}</p>` : nothing}
      <p class="lead">${t('kiosk.print.take-card')}</p>
      <div class="panel print-links">
        ${v.copies.map(
          (c, i) => html`<div class="actions">
            <span class="lead">${t('kiosk.print.serial', { serial: c.serial })}</span>
            <a class="button" data-action="print" href=${this.urls[i] ?? '#'} target="_blank" rel="noopener">${t('kiosk.print.open')}</a>
            <a class="button secondary" data-action="download" href=${this.urls[i] ?? '#'} download=${c.fileName}>${t('kiosk.print.download')}</a>
          </div>`,
        )}
        <p>${t('kiosk.print.guidance')}</p>
        <p class="fee">${t('kiosk.print.fee', { yen: yen(v.fee) })}</p>
      </div>
      <div class="actions">
        <button type="button" class="big" data-action="finish" @click=${() => this.session?.finish()}>${t('kiosk.print.done')}</button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-home': KofuKioskHome;
  }
}
