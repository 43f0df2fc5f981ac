/**
 * `<kofu-kiosk-print>`: the issued copies, each as a blob URL — 印刷 opens the PDF in a new tab,
 * PDFを保存 downloads it — with the print settings (A4, 100 %, two-sided, long edge). The URLs
 * live as long as this screen: they are revoked when it leaves the page (finish, Cancel, timeout).
 *
 * @fires kofu-kiosk-finish - 「終了」
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { IssuedCopy } from '../../../app/kiosk-session.ts';
import { t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { formatYen, KioskStep } from './kiosk-step.ts';

@customElement('kofu-kiosk-print')
export class KofuKioskPrint extends KioskStep {
  static override styles = [
    ...KioskStep.styles,
    css`
      .demo {
        border-left: 6px solid var(--kofu-demo);
        background: #fff4ea;
        padding: 8px 14px;
        border-radius: 6px;
      }
      .print-links a {
        text-decoration: none;
      }
    `,
  ];

  @property({ attribute: false }) copies: readonly IssuedCopy[] = [];
  /** Total fee in yen. */
  @property({ type: Number }) fee = 0;
  /** Issued in demo mode: say that the sheets have no legal effect. */
  @property({ type: Boolean }) demo = false;
  /** Blob URLs of `urlsOf`'s PDFs, in order. */
  private urls: string[] = [];
  private urlsOf?: readonly IssuedCopy[];

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.requestUpdate(); // back on the page: make the URLs again
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.revokeUrls();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.urlsOf === this.copies) return;
    this.revokeUrls();
    this.urls = this.copies.map((c) => URL.createObjectURL(new Blob([c.pdf as BlobPart], { type: 'application/pdf' })));
    this.urlsOf = this.copies;
  }

  private revokeUrls(): void {
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls = [];
    this.urlsOf = undefined;
  }

  override render() {
    return html`<div data-step="print">
      <h2 tabindex="-1">${t('kiosk.print.heading')}</h2>
      ${this.demo ? html`<p class="demo" role="note">${t('kiosk.print.demo')}</p>` : nothing}
      <p class="lead">${t('kiosk.print.take-card')}</p>
      <div class="panel print-links">
        ${this.copies.map(
          (c, i) => html`<div class="actions">
            <span class="lead">${t('kiosk.print.serial', { serial: c.serial })}</span>
            <a class="button" data-action="print" href=${this.urls[i] ?? '#'} target="_blank" rel="noopener">${t('kiosk.print.open')}</a>
            <a class="button secondary" data-action="download" href=${this.urls[i] ?? '#'} download=${c.fileName}>${t('kiosk.print.download')}</a>
          </div>`,
        )}
        <p>${t('kiosk.print.guidance')}</p>
        <p class="fee">${t('kiosk.print.fee', { yen: formatYen(this.fee) })}</p>
      </div>
      <div class="actions">
        <button type="button" class="big" data-action="finish" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-finish'))}>${t('kiosk.print.done')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-print': KofuKioskPrint;
  }
}
