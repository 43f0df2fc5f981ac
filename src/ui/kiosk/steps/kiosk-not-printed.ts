/**
 * `<kofu-kiosk-not-printed>`: the resident said the paper did not come out. The session has voided
 * that sheet in the issuance log (src/app/kiosk-print.ts) and dropped its PDF; this screen says so,
 * what to do (ask the staff: paper, jam, printer), and offers to issue it again under a new serial.
 *
 * @fires kofu-kiosk-issue-again - 「もう一度発行する」
 * @fires kofu-kiosk-finish - 「発行せずに終了」
 */
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { KioskStep } from './kiosk-step.ts';

@customElement('kofu-kiosk-not-printed')
export class KofuKioskNotPrinted extends KioskStep {
  /** 発行番号 of the voided sheet. */
  @property() serial = '';

  override render() {
    return html`<div data-step="not-printed">
      <h2 tabindex="-1">${t('kiosk.not-printed.heading')}</h2>
      <p class="warning" role="alert" data-voided>${t('kiosk.not-printed.voided', { serial: this.serial })}</p>
      <div class="panel">
        <p class="lead">${t('kiosk.not-printed.staff')}</p>
        <p>${t('kiosk.not-printed.again')}</p>
      </div>
      <div class="step-actions">
        <button type="button" class="secondary start" data-action="finish" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-finish'))}>${t('kiosk.not-printed.finish')}</button>
        <button type="button" class="primary" data-action="issue-again" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-issue-again'))}>${t('kiosk.not-printed.issue-again')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-not-printed': KofuKioskNotPrinted;
  }
}
