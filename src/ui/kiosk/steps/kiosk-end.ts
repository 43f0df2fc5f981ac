/**
 * `<kofu-kiosk-end>`: 「証明書をお取りください」 and the fee to pay at the store's till (the kiosk takes
 * no money) — the card went back before printing; the session has forgotten the resident, and the
 * kiosk returns to the start by itself after a short while.
 *
 * @fires kofu-kiosk-again - 「はじめに戻る」
 */
import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { formatYen, KioskStep } from './kiosk-step.ts';

@customElement('kofu-kiosk-end')
export class KofuKioskEnd extends KioskStep {
  /** Yen to pay at the till; 0 when nothing issued counts (every sheet was voided). */
  @property({ type: Number }) fee = 0;

  override render() {
    return html`<div class="panel" role="status" data-step="end">
      <h2 tabindex="-1">${this.fee > 0 ? t('kiosk.end.heading') : t('kiosk.end.heading-nothing')}</h2>
      ${this.fee > 0 ? html`<p class="fee" data-fee>${t('kiosk.end.pay', { yen: formatYen(this.fee) })}</p>` : nothing}
      <p class="lead">${t('kiosk.end.thanks')}</p>
      <div class="step-actions"><button type="button" class="primary" data-action="again" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-again'))}>${t('kiosk.again')}</button></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-end': KofuKioskEnd;
  }
}
