/**
 * `<kofu-kiosk-pin>`: the PIN of the user-authentication certificate, with the tries the card
 * has left. At one try left the session asks the person to confirm before VERIFY is sent
 * (research/card-reading.md §1.7); the keypad is disabled until they answer.
 *
 * @fires kofu-pin-submit - From the keypad inside: the PIN, once OK is pressed.
 * @fires kofu-kiosk-last-try - The answer to the last-try question (detail: `confirmed`).
 */
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LocalizedText } from '../../../bytes/errors.ts';
import { t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import '../pin-keypad.ts';
import { KioskStep, localized } from './kiosk-step.ts';

@customElement('kofu-kiosk-pin')
export class KofuKioskPin extends KioskStep {
  static override styles = [
    ...KioskStep.styles,
    css`
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
      @media (max-width: 800px) {
        .pin {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  @property({ type: Number }) triesLeft = 0;
  /** The card is checking a PIN. */
  @property({ type: Boolean }) busy = false;
  /** One try left: ask before the PIN is sent. */
  @property({ type: Boolean }) confirmLastTry = false;
  /** Why the last PIN was not accepted. */
  @property({ attribute: false }) message?: LocalizedText;

  private answerLastTry(confirmed: boolean): void {
    this.dispatchEvent(kioskEvent('kofu-kiosk-last-try', { confirmed }));
  }

  override render() {
    return html`
      <div class="pin" data-step="pin">
        <div>
          <h2 tabindex="-1">${t('kiosk.pin.heading')}</h2>
          <p class="lead">${t('kiosk.pin.explain')}</p>
          <p class="tries" data-tries=${this.triesLeft}>${t('kiosk.pin.tries', { n: this.triesLeft })}</p>
          ${this.busy ? html`<p role="status">${t('kiosk.pin.checking')}</p>` : nothing}
          ${this.message && !this.confirmLastTry ? html`<p class="warning" role="alert" data-pin-message>${localized(this.message)}</p>` : nothing}
          ${this.confirmLastTry
            ? html`<div class="warning" role="alertdialog" aria-label=${t('kiosk.pin.last-try-confirm')}>
                <p>${t('kiosk.pin.last-try-confirm')}</p>
                <div class="actions">
                  <button type="button" data-action="last-try-yes" @click=${() => this.answerLastTry(true)}>${t('kiosk.pin.last-try-yes')}</button>
                  <button type="button" class="secondary" data-action="last-try-no" @click=${() => this.answerLastTry(false)}>${t('kiosk.pin.last-try-no')}</button>
                </div>
              </div>`
            : nothing}
        </div>
        <kofu-pin-keypad ?disabled=${this.busy || this.confirmLastTry}></kofu-pin-keypad>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-pin': KofuKioskPin;
  }
}
