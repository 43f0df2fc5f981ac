/**
 * `<kofu-kiosk-card-return>`: 「カードをお取りください」 the moment the certificate is issued and the
 * card closed, before printing — the real kiosk hands the card back first so it is not forgotten
 * on the reader. With a real reader the session moves on by itself once the card is off; the
 * button says the resident has it (a demo card is taken off its virtual reader by the tap).
 *
 * @fires kofu-kiosk-card-taken - 「カードを取りました」 / demo 「カードを取る」
 */
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { KioskStep } from './kiosk-step.ts';

@customElement('kofu-kiosk-card-return')
export class KofuKioskCardReturn extends KioskStep {
  /** A demo card: the tap takes it off the virtual reader. */
  @property({ type: Boolean }) demo = false;

  override render() {
    return html`<div class="panel" role="status" data-step="card-return">
      <h2 tabindex="-1">${t('kiosk.card-return.heading')}</h2>
      <p class="lead">${t('kiosk.card-return.lead')}</p>
      <p>${t('kiosk.card-return.next')}</p>
      <div class="step-actions">
        <button type="button" class="primary" data-action="card-taken" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-card-taken'))}>
          ${this.demo ? t('kiosk.card-return.take-demo') : t('kiosk.card-return.taken')}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-card-return': KofuKioskCardReturn;
  }
}
