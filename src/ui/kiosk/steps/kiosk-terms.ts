/**
 * `<kofu-kiosk-terms>`: the terms of use after 「はじめる」, before any card is read — what is read
 * from the card, that the PIN is never stored, the fee and where it is paid, that the sheet is
 * printed here — with 同意する and やめる.
 *
 * @fires kofu-kiosk-terms - 同意する (`accepted: true`) or やめる (`accepted: false`).
 */
import { css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { t } from '../../shared/i18n.ts';
import type { StaticMessageKey } from '../../shared/messages.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { KioskStep } from './kiosk-step.ts';

const TERMS: readonly StaticMessageKey[] = ['kiosk.terms.card', 'kiosk.terms.pin', 'kiosk.terms.fee', 'kiosk.terms.print', 'kiosk.terms.privacy'];

@customElement('kofu-kiosk-terms')
export class KofuKioskTerms extends KioskStep {
  static override styles = [
    ...KioskStep.styles,
    css`
      ul {
        margin: 0;
        padding-left: 1.4em;
        font-size: 1.15rem;
        line-height: 1.7;
      }
      li + li {
        margin-top: 8px;
      }
    `,
  ];

  private answer(accepted: boolean): void {
    this.dispatchEvent(kioskEvent('kofu-kiosk-terms', { accepted }));
  }

  override render() {
    return html`<div data-step="terms">
      <h2 tabindex="-1">${t('kiosk.terms.heading')}</h2>
      <p class="lead">${t('kiosk.terms.lead')}</p>
      <section aria-label=${t('kiosk.terms.heading')}>
        <ul>
          ${TERMS.map((key) => html`<li>${t(key)}</li>`)}
        </ul>
      </section>
      <div class="step-actions">
        <button type="button" class="secondary start" data-action="decline" @click=${() => this.answer(false)}>${t('kiosk.terms.decline')}</button>
        <button type="button" class="primary" data-action="agree" @click=${() => this.answer(true)}>${t('kiosk.terms.agree')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-terms': KofuKioskTerms;
  }
}
