/**
 * `<kofu-kiosk-reader>`: choose the card reader — the readers the browser already allows for this
 * origin (a managed kiosk's `WebUsbAllowDevicesForUrls` policy: one tap, no chooser; the host opens
 * a single one by itself and shows `opening`), in demo mode a demo card (placed on a virtual
 * RC-S380, read by the real driver code), or a USB reader through the browser's WebUSB chooser.
 *
 * @fires kofu-kiosk-allowed-reader - An allowed reader was tapped (detail: its `id`).
 * @fires kofu-kiosk-demo-card - A demo card was tapped (detail: its `cardId`).
 * @fires kofu-kiosk-usb-reader - 「USBカードリーダーを使う」 was pressed (inside the click, for WebUSB).
 */
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AllowedReader, DemoCardChoice } from '../../../app/kiosk.ts';
import { t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { KioskStep } from './kiosk-step.ts';

@customElement('kofu-kiosk-reader')
export class KofuKioskReader extends KioskStep {
  static override styles = [
    ...KioskStep.styles,
    css`
      section + section {
        margin-top: 12px;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px 16px;
      }
      .row .reader {
        min-height: 72px;
        font-size: 1.25rem;
        padding: 0 28px;
      }
      h3 {
        margin: 0 0 4px;
      }
    `,
  ];

  /** Offer the demo cards. */
  @property({ type: Boolean }) demoMode = false;
  @property({ attribute: false }) demoCards: readonly DemoCardChoice[] = [];
  /** The browser has WebUSB (`navigator.usb`); without it the USB button is disabled and says why. */
  @property({ type: Boolean }) webUsb = false;
  /** Readers this origin may open without a prompt. */
  @property({ attribute: false }) allowedReaders: readonly Pick<AllowedReader, 'name' | 'id'>[] = [];
  /** The name of the allowed reader being opened by itself. */
  @property() opening?: string;
  /** Why the last reader could not be used. */
  @property() notice?: string;

  /** The browser's chooser: 「USBカードリーダーを使う」, or 「別のリーダーを選ぶ」 beside allowed readers. */
  private chooserButton() {
    return html`<button type="button" class="secondary" data-action="usb" ?disabled=${!this.webUsb} @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-usb-reader'))}>
      ${this.allowedReaders.length ? t('kiosk.reader.other') : t('kiosk.reader.usb')}
    </button>`;
  }

  /** The readers this origin may open without a prompt, one tap each, and the chooser beside them. */
  private renderAllowed() {
    return html`<section>
      <h3>${t('kiosk.reader.allowed-heading')}</h3>
      <p class="note">${t('kiosk.reader.allowed-explain')}</p>
      <div class="row">
        ${this.allowedReaders.map(
          (r) => html`<button type="button" class="reader" data-allowed-reader=${r.id} ?disabled=${Boolean(this.opening)} @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-allowed-reader', { id: r.id }))}>
            ${t('kiosk.reader.allowed-use', { name: r.name })}
          </button>`,
        )}
        ${this.chooserButton()}
      </div>
    </section>`;
  }

  override render() {
    return html`<div data-step="reader">
      <h2 tabindex="-1">${t('kiosk.reader.heading')}</h2>
      ${this.notice ? html`<p class="warning" role="alert" data-notice>${this.notice}</p>` : nothing}
      ${this.opening ? html`<p class="lead" role="status" data-opening>${t('kiosk.reader.opening', { name: this.opening })}</p>` : nothing}
      ${this.allowedReaders.length ? this.renderAllowed() : nothing}
      ${this.demoMode
        ? html`<section>
            <h3>${t('kiosk.reader.demo-heading')} <span class="badge">${t('kiosk.demo-badge')}</span></h3>
            <p class="note">${t('kiosk.reader.demo-explain')}</p>
            <div class="tiles">
              ${this.demoCards.map(
                (c) => html`<button type="button" data-card=${c.cardId} @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-demo-card', { cardId: c.cardId }))}>
                  <span class="name">${c.name}</span>
                  <span class="note">${t('kiosk.reader.demo-pin', { pin: c.pin })}</span>
                </button>`,
              )}
            </div>
          </section>`
        : nothing}
      ${this.allowedReaders.length
        ? nothing
        : html`<section>
            <p class="note">${this.webUsb ? t('kiosk.reader.usb-explain') : t('kiosk.reader.usb-unsupported')}</p>
            ${this.chooserButton()}
          </section>`}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-reader': KofuKioskReader;
  }
}
