/**
 * `<kofu-kiosk-end>`: 「カードをお取りください」 — the session has closed the card and forgotten the
 * resident; the kiosk returns to the start by itself after a short while.
 *
 * @fires kofu-kiosk-again - 「はじめに戻る」
 */
import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { KioskStep } from './kiosk-step.ts';

@customElement('kofu-kiosk-end')
export class KofuKioskEnd extends KioskStep {
  override render() {
    return html`<div class="panel" role="status" data-step="end">
      <h2 tabindex="-1">${t('kiosk.end.heading')}</h2>
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
