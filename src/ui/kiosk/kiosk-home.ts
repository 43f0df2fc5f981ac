/**
 * `<kofu-kiosk-home>`: the store tablet's start screen — what the service issues, how it works,
 * and when it is open. The card-reading flow attaches here once the card layer lands.
 */
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { LanguageController, t } from '../shared/i18n.ts';
import { controls, tokens } from '../shared/styles.ts';
import type { StaticMessageKey } from '../shared/messages.ts';

const CERTIFICATES: readonly StaticMessageKey[] = ['kiosk.cert.juminhyo', 'kiosk.cert.kisai', 'kiosk.cert.inkan', 'kiosk.cert.tax', 'kiosk.cert.koseki', 'kiosk.cert.fuhyo'];
const STEPS: readonly StaticMessageKey[] = ['kiosk.step.card', 'kiosk.step.pin', 'kiosk.step.choose', 'kiosk.step.print'];

@customElement('kofu-kiosk-home')
export class KofuKioskHome extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
      }
      h1 {
        font-size: clamp(1.5rem, 3vw, 2.1rem);
        margin: 8px 0;
      }
      .lead {
        font-size: 1.15rem;
        color: var(--kofu-muted);
      }
      .grid {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 16px;
      }
      section {
        background: var(--kofu-paper);
        border: 1px solid var(--kofu-line);
        border-radius: var(--kofu-radius);
        padding: 16px 20px;
      }
      ol {
        padding-left: 1.4em;
        font-size: 1.1rem;
        line-height: 1.9;
      }
      ul {
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
      .pending {
        margin-top: 16px;
        padding: 12px 16px;
        border-left: 4px solid var(--kofu-demo);
        background: #fff4ea;
      }
      @media (max-width: 800px) {
        .grid {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  private readonly i18n = new LanguageController(this);

  override render() {
    return html`
      <h1>${t('kiosk.heading')}</h1>
      <p class="lead">${t('kiosk.lead')}</p>
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
          <ul>
            ${CERTIFICATES.map((key) => html`<li class="cert">${t(key)}</li>`)}
          </ul>
        </section>
      </div>
      <p class="pending" role="note">${t('kiosk.reader-pending')}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-home': KofuKioskHome;
  }
}
