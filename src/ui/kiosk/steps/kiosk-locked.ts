/**
 * `<kofu-kiosk-locked>`: the PIN is locked; the card must be reset at the municipal office. VERIFY
 * is never sent to a locked card. In demo mode staff can give the demo cards their tries back.
 *
 * @fires kofu-kiosk-again - 「はじめに戻る」
 * @fires kofu-kiosk-demo-reset - Demo mode: reset the demo cards' PIN counters.
 */
import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LocalizedText } from '../../../bytes/errors.ts';
import { t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { KioskStep, localized } from './kiosk-step.ts';

@customElement('kofu-kiosk-locked')
export class KofuKioskLocked extends KioskStep {
  /** What to do about the lock. */
  @property({ attribute: false }) message?: LocalizedText;
  /** Offer the demo-only reset. */
  @property({ type: Boolean }) demoMode = false;

  override render() {
    return html`<div class="panel" data-step="locked">
      <h2 tabindex="-1">${t('kiosk.locked.heading')}</h2>
      <p class="warning" role="alert">${localized(this.message)}</p>
      <div class="step-actions">
        ${this.demoMode
          ? html`<button type="button" class="secondary start" data-action="demo-reset" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-demo-reset'))}>${t('kiosk.locked.demo-reset')}</button>`
          : nothing}
        <button type="button" class="primary" data-action="again" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-again'))}>${t('kiosk.again')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-locked': KofuKioskLocked;
  }
}
