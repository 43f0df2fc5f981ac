/**
 * `<kofu-kiosk-choose>`: the six certificate kinds, each with its issuer and fee; a kind the
 * registry rules refuse (age, service hours, no 本籍 …) is disabled and says why.
 *
 * @fires kofu-kiosk-choose - A kind was chosen (detail: `kind`).
 */
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { KindChoice } from '../../../app/kiosk-session.ts';
import { describeFailure } from '../../shared/error-messages.ts';
import { language, t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { formatYen, KioskStep, titleOf } from './kiosk-step.ts';

@customElement('kofu-kiosk-choose')
export class KofuKioskChoose extends KioskStep {
  static override styles = [
    ...KioskStep.styles,
    css`
      .kinds {
        --kofu-tile-min: 280px;
      }
      .kinds button:disabled {
        opacity: 1;
        background: var(--kofu-surface);
        color: var(--kofu-muted);
      }
      .reason {
        color: var(--kofu-danger);
        font-size: 0.95rem;
      }
    `,
  ];

  @property() residentName = '';
  /** A demo card: badge the greeting. */
  @property({ type: Boolean }) demo = false;
  @property({ attribute: false }) choices: readonly KindChoice[] = [];

  override render() {
    return html`<div data-step="choose">
      <p class="lead">${t('kiosk.choose.greeting', { name: this.residentName })} ${this.demo ? html`<span class="badge">${t('kiosk.demo-badge')}</span>` : nothing}</p>
      <h2 tabindex="-1">${t('kiosk.choose.heading')}</h2>
      <div class="kinds tiles">
        ${this.choices.map(
          (c) => html`<button type="button" data-kind=${c.kind} ?disabled=${c.refusals.length > 0} @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-choose', { kind: c.kind }))}>
            <span class="name">${titleOf(c.kind)}</span>
            <span class="note">${c.issuer} · ${t('kiosk.choose.fee', { yen: formatYen(c.fee) })}</span>
            ${c.refusals.length
              ? html`<span class="reason">${t('kiosk.choose.unavailable')}${language() === 'ja' ? '：' : ': '}${c.refusals.map((r) => describeFailure(r.code, r.params, language())).join(' ')}</span>`
              : nothing}
          </button>`,
        )}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-choose': KofuKioskChoose;
  }
}
