/**
 * `<kofu-kiosk-confirm>`: the front of the first sheet as the renderer draws it (a 60 dpi preview,
 * src/app/kiosk.ts `PREVIEW_DPI`), the copies and the fee, before anything is signed.
 *
 * @fires kofu-kiosk-back - 「戻る」 to the options.
 * @fires kofu-kiosk-issue - 「発行する」
 */
import { css, html, type PropertyValues } from 'lit';
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
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 20px;
      }
      figure {
        margin: 0;
      }
      canvas.preview {
        display: block;
        height: min(60vh, 560px);
        width: auto;
        max-width: 100%;
        object-fit: contain;
        border: 1px solid var(--kofu-line);
        box-shadow: 0 2px 10px rgba(0, 0, 0, 0.15);
        background: #fff;
      }
      @media (max-width: 800px) {
        .confirm {
          grid-template-columns: 1fr;
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

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('preview')) this.drawPreview();
  }

  private drawPreview(): void {
    const { preview, canvas } = this;
    if (!preview || !canvas) return;
    if (canvas.width !== preview.width || canvas.height !== preview.height) {
      canvas.width = preview.width;
      canvas.height = preview.height;
    }
    canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(preview.pixels), preview.width, preview.height), 0, 0);
  }

  override render() {
    return html`<div data-step="confirm">
      <h2 tabindex="-1">${t('kiosk.confirm.heading')}</h2>
      <div class="confirm">
        <figure>
          ${this.preview ? html`<canvas class="preview" aria-label=${t('kiosk.confirm.preview')}></canvas>` : html`<p role="status">${t('kiosk.confirm.preview-loading')}</p>`}
          <figcaption class="note">${t('kiosk.confirm.preview')}</figcaption>
        </figure>
        <div>
          <p class="lead">${t('kiosk.confirm.summary', { title: titleOf(this.kind), copies: this.copies })}</p>
          <p class="fee" data-fee>${t('kiosk.options.fee', { yen: formatYen(this.fee) })}</p>
          <div class="actions">
            <button type="button" class="secondary" data-action="back" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-back'))}>${t('kiosk.back')}</button>
            <button type="button" class="big" data-action="issue" @click=${() => this.dispatchEvent(kioskEvent('kofu-kiosk-issue'))}>${t('kiosk.confirm.issue')}</button>
          </div>
        </div>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-kiosk-confirm': KofuKioskConfirm;
  }
}
