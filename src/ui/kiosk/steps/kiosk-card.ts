/** `<kofu-kiosk-card>`: waiting for the card on the reader, then reading it (no PIN yet). */
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../../shared/i18n.ts';
import { KioskStep } from './kiosk-step.ts';

@customElement('kofu-kiosk-card')
export class KofuKioskCard extends KioskStep {
  @property() phase: 'waiting' | 'reading' = 'waiting';
  /** The reader's name, e.g. "Sony RC-S380". */
  @property() readerLabel = '';

  override render() {
    return html`<div class="panel" role="status" data-step="card">
      <h2 tabindex="-1">${this.phase === 'waiting' ? t('kiosk.card.waiting') : t('kiosk.card.reading')}</h2>
      <p class="lead">${t('kiosk.card.waiting-hint')}</p>
      <p class="note">${this.readerLabel}</p>
      <progress aria-label=${t('kiosk.card.reading')}></progress>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-card': KofuKioskCard;
  }
}
