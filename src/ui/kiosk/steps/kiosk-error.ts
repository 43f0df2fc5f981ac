/**
 * `<kofu-kiosk-error>`: the flow cannot go on (card removed, not a My Number card, no resident
 * record …); says why in the person's language and offers a fresh start.
 *
 * @fires kofu-kiosk-again - 「はじめに戻る」
 */
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { LocalizedText } from '../../../bytes/errors.ts';
import { t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { KioskStep, localized } from './kiosk-step.ts';

@customElement('kofu-kiosk-error')
export class KofuKioskError extends KioskStep {
  /** The error's stable code, e.g. `kiosk.unknown-resident` (tests and support key on it). */
  @property() code = '';
  @property({ attribute: false }) message?: LocalizedText;

  override render() {
    return html`<div class="panel" data-step="error">
      <h2 tabindex="-1">${t('kiosk.error.heading')}</h2>
      <p class="warning" role="alert" data-code=${this.code}>${localized(this.message)}</p>
      <div class="step-actions"><button type="button" class="primary" data-action="again" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-again'))}>${t('kiosk.again')}</button></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-error': KofuKioskError;
  }
}
