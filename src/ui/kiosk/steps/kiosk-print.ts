/**
 * `<kofu-kiosk-print>`: the issued copies, each as a blob URL — 印刷 opens the browser's print
 * dialog for the PDF (src/ui/shared/print-pdf.ts: a hidden frame of this page), and in demo mode
 * only PDFを保存 downloads it — with the print settings (A4, 100 %, two-sided, long edge), the fee
 * and where to pay it (the store's till). The URLs live as long as this screen: they are revoked
 * when it leaves the page (finish, timeout, a void) or when the copies change.
 *
 * Why not PDFを保存 on a store's tablet: the file would stay in the tablet's downloads folder, with
 * the resident's certificate in it, for the next customer to open and print again — a second
 * "valid" sheet of a request that may have one (docs/kiosk.md). A demo's sheets have no legal
 * effect, and saving one is how a demo without a printer shows the result.
 *
 * A page hears nothing back from `print()`, so after 印刷 the copy asks 「用紙は出てきましたか」:
 * はい marks it printed (and 印刷 is no longer offered: one request, one valid sheet); 出てこない
 * asks the session to void it. A card still on the reader is called out at the top.
 *
 * @fires kofu-kiosk-sheet - The answer for a copy (detail: its `serial`, `printed`).
 * @fires kofu-kiosk-finish - 「終了」
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
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
      .paper {
        flex-basis: 100%;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px 16px;
        padding: 8px 12px;
        border-left: 6px solid var(--kofu-accent);
        background: var(--kofu-surface);
        border-radius: 6px;
      }
      .paper strong {
        font-size: 1.2rem;
        margin-right: auto;
      }
      .paper button {
        min-width: 140px;
      }
      .pay {
        font-size: 1.1rem;
        font-weight: 600;
        margin-left: 12px;
      }
      .printed {
        color: var(--kofu-ok);
        font-weight: 700;
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
  /** Issued on a demo card: say that the sheets have no legal effect. */
  @property({ type: Boolean }) demo = false;
  /** The kiosk is in demo mode: PDFを保存 is offered (never on a store's tablet; see above). */
  @property({ type: Boolean }) demoMode = false;
  /** Serials the resident said came out of the printer. */
  @property({ attribute: false }) printed: readonly string[] = [];
  /** The card is still on the reader. */
  @property({ type: Boolean }) cardStillIn = false;
  /** Serials whose 印刷 was pressed: their paper question shows. */
  @state() private asked: ReadonlySet<string> = new Set();
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
    if (!url) return;
    void printPdf(url, this.renderRoot);
    this.asked = new Set([...this.asked, this.copies[index].serial]);
  }

  private answer(serial: string, printed: boolean): void {
    this.dispatchEvent(kioskEvent('kofu-kiosk-sheet', { serial, printed }));
  }

  /** 「用紙は出てきましたか」 under a copy whose 印刷 was pressed, or 印刷済み once it came out. */
  private paperOf(copy: IssuedCopy) {
    if (this.printed.includes(copy.serial)) return html`<span class="printed" data-printed>✓ ${t('kiosk.print.printed')}</span>`;
    if (!this.asked.has(copy.serial)) return nothing;
    return html`<div class="paper" role="group" aria-label=${t('kiosk.print.paper-question')} data-paper=${copy.serial}>
      <strong>${t('kiosk.print.paper-question')}</strong>
      <button type="button" class="secondary" data-action="paper-no" @click=${() => this.answer(copy.serial, false)}>${t('kiosk.print.paper-no')}</button>
      <button type="button" data-action="paper-yes" @click=${() => this.answer(copy.serial, true)}>${t('kiosk.print.paper-yes')}</button>
    </div>`;
  }

  override render() {
    return html`<div data-step="print">
      <h2 tabindex="-1">${t('kiosk.print.heading')}</h2>
      ${this.demo ? html`<p class="demo" role="note">${t('kiosk.print.demo')}</p>` : nothing}
      ${this.cardStillIn ? html`<p class="warning" role="alert" data-card-still-in>${t('kiosk.print.card-still-in')}</p>` : nothing}
      <div class="panel">
        ${this.copies.map(
          (c, i) => html`<div class="copy" data-copy=${c.serial}>
            <span class="serial">${t('kiosk.print.serial', { serial: c.serial })}</span>
            ${this.demoMode
              ? html`<a class="button secondary" data-action="download" href=${this.urls[i] ?? '#'} download=${c.fileName}>${t('kiosk.print.download')}</a>`
              : nothing}
            <button type="button" data-action="print" data-url=${this.urls[i] ?? ''} ?disabled=${this.printed.includes(c.serial)} @click=${() => this.print(i)}>
              ${t('kiosk.print.open')}
            </button>
            ${this.paperOf(c)}
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
        <p class="fee" data-fee>${t('kiosk.print.fee', { yen: formatYen(this.fee) })} <span class="pay">${t('kiosk.print.pay')}</span></p>
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
