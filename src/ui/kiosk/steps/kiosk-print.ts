/**
 * `<kofu-kiosk-print>`: the issued copies, each as a blob URL — 印刷 opens the browser's print
 * dialog for the PDF (src/ui/shared/print-pdf.ts: a hidden frame of this page), PDFを保存 downloads
 * it — with the print settings (A4, 100 %, two-sided, long edge). The URLs live as long as this
 * screen: they are revoked when it leaves the page (finish, timeout).
 *
 * @fires kofu-kiosk-finish - 「終了」
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { IssuedCopy } from '../../../app/kiosk-session.ts';
import { t } from '../../shared/i18n.ts';
import { printPdf, removePrintFrames } from '../../shared/print-pdf.ts';
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
      .copy {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 16px;
        margin: 8px 0;
      }
      .copy .serial {
        font-size: 1.15rem;
        margin-right: auto;
      }
      .copy button[data-action='print'] {
        min-height: 72px;
        min-width: 200px;
        font-size: 1.4rem;
      }
      .copy a {
        text-decoration: none;
      }
      .guidance {
        margin: 12px 0 0;
        padding-left: 1.4em;
        font-size: 1.1rem;
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
    removePrintFrames(this.renderRoot);
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

  /** The print dialog for copy `index`'s PDF. */
  private print(index: number): void {
    const url = this.urls[index];
    if (url) void printPdf(url, this.renderRoot);
  }

  override render() {
    return html`<div data-step="print">
      <h2 tabindex="-1">${t('kiosk.print.heading')}</h2>
      ${this.demo ? html`<p class="demo" role="note">${t('kiosk.print.demo')}</p>` : nothing}
      <p class="lead">${t('kiosk.print.take-card')}</p>
      <div class="panel">
        ${this.copies.map(
          (c, i) => html`<div class="copy">
            <span class="serial">${t('kiosk.print.serial', { serial: c.serial })}</span>
            <a class="button secondary" data-action="download" href=${this.urls[i] ?? '#'} download=${c.fileName}>${t('kiosk.print.download')}</a>
            <button type="button" data-action="print" data-url=${this.urls[i] ?? ''} @click=${() => this.print(i)}>${t('kiosk.print.open')}</button>
          </div>`,
        )}
        <p>${t('kiosk.print.guidance-lead')}</p>
        <ul class="guidance">
          <li>${t('kiosk.print.paper')}</li>
          <li>${t('kiosk.print.scale')}</li>
          <li>${t('kiosk.print.duplex')}</li>
        </ul>
      </div>
      <div class="step-actions">
        <p class="fee">${t('kiosk.print.fee', { yen: formatYen(this.fee) })}</p>
        <button type="button" class="primary" data-action="finish" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-finish'))}>${t('kiosk.print.done')}</button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-print': KofuKioskPrint;
  }
}
