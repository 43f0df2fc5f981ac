/**
 * `<kofu-pin-keypad>`: the on-screen keypad for the 4-digit PIN. Large keys, masked dots, delete
 * and clear. The digits live in a small typed array that is zero-filled on clear and after every
 * submit (a string would linger in the heap until collected). The keyboard works too (digits,
 * Backspace, Escape, Enter) for desktop use and accessibility.
 *
 * @fires kofu-pin-submit - OK was pressed with all digits entered (detail: `pin`; typed in
 *   kiosk-events.ts). It bubbles out of the PIN step to the kiosk host.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController, t } from '../shared/i18n.ts';
import { elementStyles } from '../shared/styles.ts';
import { kioskEvent } from './kiosk-events.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

@customElement('kofu-pin-keypad')
export class KofuPinKeypad extends LitElement {
  static override styles = [
    ...elementStyles,
    css`
      :host {
        display: block;
        max-width: 420px;
      }
      .dots {
        display: flex;
        gap: 18px;
        justify-content: center;
        margin: 8px 0 16px;
      }
      .dot {
        width: 26px;
        height: 26px;
        border-radius: 50%;
        border: 3px solid var(--kofu-ink);
      }
      .dot.filled {
        background: var(--kofu-ink);
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 10px;
      }
      .keys.single {
        grid-template-columns: 1fr;
        margin-top: 10px;
      }
      .keys button {
        min-height: 72px;
        font-size: 1.9rem;
        background: var(--kofu-paper);
        color: var(--kofu-ink);
        border-color: var(--kofu-line);
      }
      .keys button.small {
        font-size: 1.05rem;
      }
      .keys button.ok {
        background: var(--kofu-accent);
        color: var(--kofu-accent-ink);
        border-color: var(--kofu-accent);
      }
      @media (max-height: 700px) {
        .keys button {
          min-height: 56px;
        }
      }
    `,
  ];

  @property({ type: Number }) length = 4;
  @property({ type: Boolean }) disabled = false;
  @state() private count = 0;
  private digits = new Uint8Array(8);
  private readonly i18n = new LanguageController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKey);
    this.clear();
  }

  /** Number of digits entered (the digits themselves are never exposed). */
  get entered(): number {
    return this.count;
  }

  press(digit: number): void {
    if (this.disabled || this.count >= this.length) return;
    this.digits[this.count] = digit;
    this.count++;
  }

  deleteLast(): void {
    if (this.count === 0) return;
    this.count--;
    this.digits[this.count] = 0;
  }

  clear(): void {
    this.digits.fill(0);
    this.count = 0;
  }

  submit(): void {
    if (this.disabled || this.count !== this.length) return;
    const pin = Array.from(this.digits.subarray(0, this.length), String).join('');
    this.clear();
    this.dispatchEvent(kioskEvent('kofu-pin-submit', { pin }));
  }

  private readonly onKey = (event: KeyboardEvent) => {
    if (/^[0-9]$/.test(event.key)) this.press(Number(event.key));
    else if (event.key === 'Backspace') this.deleteLast();
    else if (event.key === 'Escape') this.clear();
    else if (event.key === 'Enter') this.submit();
    else return;
    event.preventDefault();
  };

  override render() {
    const digit = (d: string) => html`<button type="button" data-key=${d} ?disabled=${this.disabled} @click=${() => this.press(Number(d))}>${d}</button>`;
    return html`
      <div role="group" aria-label=${t('kiosk.keypad.label')} tabindex="0">
        <div class="dots" role="status" aria-label=${t('kiosk.keypad.entered', { n: this.count })}>
          ${Array.from({ length: this.length }, (_, i) => html`<span class="dot ${i < this.count ? 'filled' : ''}" data-dot=${i}></span>`)}
        </div>
        <div class="keys">
          ${KEYS.map(digit)}
          <button type="button" class="small" data-key="clear" ?disabled=${this.disabled} @click=${() => this.clear()}>${t('kiosk.keypad.clear')}</button>
          ${digit('0')}
          <button type="button" class="small" data-key="delete" aria-label=${t('kiosk.keypad.delete')} ?disabled=${this.disabled} @click=${() => this.deleteLast()}>⌫</button>
        </div>
        <div class="keys single">
          <button type="button" class="ok" data-key="ok" ?disabled=${this.disabled || this.count !== this.length} @click=${() => this.submit()}>${t('kiosk.keypad.ok')}</button>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-pin-keypad': KofuPinKeypad;
  }
}
