/**
 * `<kofu-kiosk-confirm>`: the front of the first sheet as the renderer draws it (a 120 dpi preview,
 * src/app/kiosk.ts `PREVIEW_DPI`), the copies and the fee, before anything is signed. The preview
 * takes the full height the step has; pressed, it opens at its natural size (readable, 992 px
 * wide) in a modal dialog that pans, and Esc or 閉じる closes it.
 *
 * @fires kofu-kiosk-back - 「戻る」 to the options.
 * @fires kofu-kiosk-issue - 「発行する」
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { CertificateKind } from '../../../documents/types.ts';
import { t } from '../../shared/i18n.ts';
import { kioskEvent } from '../kiosk-events.ts';
import { formatYen, KioskStep, titleOf } from './kiosk-step.ts';

/** RGBA pixels of the preview, row by row. */
export interface PreviewBitmap {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8ClampedArray;
}

@customElement('kofu-kiosk-confirm')
export class KofuKioskConfirm extends KioskStep {
  static override styles = [
    ...KioskStep.styles,
    css`
      .confirm {
        flex: 1;
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: 24px;
      }
      figure {
        margin: 0;
      }
      button.zoom {
        display: block;
        padding: 0;
        border: 1px solid var(--kofu-line);
        border-radius: 0;
        background: #fff;
        box-shadow: 0 2px 10px rgba(0, 0, 0, 0.15);
        cursor: zoom-in;
      }
      canvas.preview {
        display: block;
        /* The height under the app header and the kiosk title (both scale with the type), so the
           step never scrolls. */
        height: max(320px, calc(100dvh - 13.75rem));
        width: auto;
        aspect-ratio: 210 / 297;
      }
      .details {
        display: flex;
        flex-direction: column;
      }
      dialog {
        padding: 0;
        border: 0;
        border-radius: var(--kofu-radius);
        max-width: 96vw;
        max-height: 94dvh;
        overflow: auto;
      }
      dialog::backdrop {
        background: rgba(0, 0, 0, 0.6);
      }
      dialog .bar {
        position: sticky;
        top: 0;
        display: flex;
        justify-content: flex-end;
        padding: 8px;
        background: var(--kofu-paper);
        border-bottom: 1px solid var(--kofu-line);
      }
      canvas.zoomed {
        display: block;
      }
      @media (max-width: 800px) {
        .confirm {
          grid-template-columns: 1fr;
        }
        button.zoom,
        canvas.preview {
          width: 100%;
          height: auto;
        }
      }
    `,
  ];

  @property() kind: CertificateKind = 'juminhyo';
  @property({ type: Number }) copies = 1;
  @property({ type: Number }) fee = 0;
  /** Absent while the worker is still drawing it. */
  @property({ attribute: false }) preview?: PreviewBitmap;
  @query('canvas.preview') private canvas?: HTMLCanvasElement;
  @query('canvas.zoomed') private zoomedCanvas?: HTMLCanvasElement;
  @query('dialog') private dialog?: HTMLDialogElement;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('preview')) {
      this.draw(this.canvas);
      if (this.dialog?.open) this.draw(this.zoomedCanvas);
    }
  }

  private draw(canvas: HTMLCanvasElement | undefined): void {
    const { preview } = this;
    if (!preview || !canvas) return;
    if (canvas.width !== preview.width || canvas.height !== preview.height) {
      canvas.width = preview.width;
      canvas.height = preview.height;
    }
    canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(preview.pixels), preview.width, preview.height), 0, 0);
  }

  private zoom(): void {
    this.draw(this.zoomedCanvas);
    this.dialog?.showModal();
  }

  override render() {
    return html`<div data-step="confirm">
      <div class="confirm">
        <figure>
          ${this.preview
            ? html`<button type="button" class="zoom" data-action="zoom" aria-label=${t('kiosk.confirm.zoom')} aria-haspopup="dialog" @click=${() => this.zoom()}>
                <canvas class="preview" role="img" aria-label=${t('kiosk.confirm.preview')}></canvas>
              </button>`
            : html`<p role="status">${t('kiosk.confirm.preview-loading')}</p>`}
          <figcaption class="note">${t('kiosk.confirm.preview')}</figcaption>
        </figure>
        <div class="details">
          <h2 tabindex="-1">${t('kiosk.confirm.heading')}</h2>
          <p class="lead">${t('kiosk.confirm.summary', { title: titleOf(this.kind), copies: this.copies })}</p>
          <p class="fee" data-fee>${t('kiosk.options.fee', { yen: formatYen(this.fee) })}</p>
          <p class="note">${t('kiosk.confirm.zoom-hint')}</p>
          <div class="step-actions">
            <button type="button" class="secondary" data-action="back" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-back'))}>${t('kiosk.back')}</button>
            <button type="button" class="primary" data-action="issue" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-issue'))}>${t('kiosk.confirm.issue')}</button>
          </div>
        </div>
      </div>
      ${this.preview
        ? html`<dialog aria-label=${t('kiosk.confirm.preview')} @click=${(e: Event) => e.target === this.dialog && this.dialog?.close()}>
            <div class="bar"><button type="button" class="secondary" data-action="zoom-close" @click=${() => this.dialog?.close()}>${t('kiosk.confirm.zoom-close')}</button></div>
            <canvas class="zoomed" role="img" aria-label=${t('kiosk.confirm.preview')}></canvas>
          </dialog>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-confirm': KofuKioskConfirm;
  }
}
