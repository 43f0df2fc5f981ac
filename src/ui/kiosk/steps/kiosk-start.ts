/**
 * `<kofu-kiosk-start>`: the kiosk's first screen — 「はじめる」, the six steps, the service hours
 * and the certificates on offer.
 *
 * @fires kofu-kiosk-start - 「はじめる」 was pressed.
 */
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../../shared/i18n.ts';
import { CERTIFICATE_KINDS } from '../../../app/kiosk-catalog.ts';
import type { StaticMessageKey } from '../../shared/messages.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { KioskStep, titleOf } from './kiosk-step.ts';

const STEPS: readonly StaticMessageKey[] = ['kiosk.step.terms', 'kiosk.step.card', 'kiosk.step.pin', 'kiosk.step.choose', 'kiosk.step.print', 'kiosk.step.pay'];

@customElement('kofu-kiosk-start')
export class KofuKioskStart extends KioskStep {
  static override styles = [
    ...KioskStep.styles,
    css`
      .grid {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 16px;
      }
      ol {
        padding-left: 1.4em;
        font-size: 1.1rem;
        line-height: 1.9;
      }
      ul.plain {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      li.cert {
        min-height: var(--kofu-touch);
        display: flex;
        align-items: center;
        border-bottom: 1px solid var(--kofu-line);
        font-size: 1.1rem;
      }
      li.cert:last-child {
        border-bottom: 0;
      }
      @media (max-width: 800px) {
        .grid {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  /** The session is being created: 「はじめる」 waits. */
  @property({ type: Boolean }) starting = false;
  /** Why the last attempt failed, or what the last staff action did. */
  @property() notice?: string;

  override render() {
    return html`<div data-step="start">
      <p class="lead">${t('kiosk.lead')}</p>
      ${this.notice ? html`<p class="warning" role="alert">${this.notice}</p>` : nothing}
      <div class="grid">
        <section aria-labelledby="steps">
          <h2 id="steps" class="visually-hidden">${t('kiosk.heading')}</h2>
          <ol>
            ${STEPS.map((key) => html`<li>${t(key)}</li>`)}
          </ol>
          <p>${t('kiosk.hours')}</p>
        </section>
        <section aria-labelledby="certificates">
          <h2 id="certificates">${t('kiosk.certificates')}</h2>
          <ul class="plain">
            ${CERTIFICATE_KINDS.map((kind) => html`<li class="cert" data-kind=${kind}>${titleOf(kind)}</li>`)}
          </ul>
        </section>
      </div>
      <div class="step-actions">
        <button type="button" class="primary" data-action="start" ?disabled=${this.starting} @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-start'))}>${t('kiosk.start')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-start': KofuKioskStart;
  }
}
