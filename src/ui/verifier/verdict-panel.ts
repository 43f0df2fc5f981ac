/**
 * `<kofu-verdict>`: one verification report, large and unambiguous — green VALID with the issuer
 * and 交付日, red NOT VALID with the reason and what to do, and デモ / DEMO in large type on every
 * demo result. The restored certificate image sits next to the user's scan for comparison, as in
 * the original service; diagnostics are folded away.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatWareki, isoFromDay, jstDay } from '../../documents/dates.ts';
import type { RestoredImage, VerificationReport } from '../../verify/report.ts';
import { describeFailure, reportReason } from '../shared/error-messages.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { elementStyles } from '../shared/styles.ts';

@customElement('kofu-verdict')
export class KofuVerdict extends LitElement {
  static override styles = [
    ...elementStyles,
    css`
      .verdict {
        border-radius: var(--kofu-radius);
        padding: 16px 20px;
        color: #fff;
        margin: 12px 0;
      }
      .verdict[data-verdict='valid'] {
        background: var(--kofu-ok);
      }
      .verdict[data-verdict='invalid'] {
        background: var(--kofu-danger);
      }
      .verdict[data-verdict='demo'] {
        background: var(--kofu-demo);
      }
      .word {
        font-size: clamp(2rem, 9vw, 3.5rem);
        font-weight: 800;
        letter-spacing: 0.06em;
        line-height: 1.1;
        margin: 0;
      }
      .demo-badge {
        display: inline-block;
        font-size: clamp(1.6rem, 7vw, 2.6rem);
        font-weight: 800;
        border: 4px solid currentColor;
        border-radius: 8px;
        padding: 0 12px;
        margin: 6px 0;
      }
      .reason {
        font-size: 1.1rem;
        margin: 8px 0 0;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 4px 16px;
        margin: 12px 0 0;
        font-size: 1.05rem;
      }
      dt {
        opacity: 0.9;
      }
      dd {
        margin: 0;
        font-weight: 700;
      }
      .advice {
        background: var(--kofu-paper);
        border: 2px solid var(--kofu-danger);
        border-radius: var(--kofu-radius);
        padding: 12px 16px;
      }
      .warning {
        border-left: 4px solid var(--kofu-demo);
        padding: 4px 12px;
      }
      .compare {
        display: grid;
        grid-template-columns: 1fr;
        gap: 16px;
      }
      @media (min-width: 720px) {
        .compare {
          grid-template-columns: 1fr 1fr;
        }
      }
      figure {
        margin: 0;
      }
      figcaption {
        font-weight: 700;
        margin-bottom: 4px;
      }
      canvas {
        width: 100%;
        height: auto;
        border: 1px solid var(--kofu-line);
        background: #fff;
      }
      details {
        margin-top: 16px;
      }
      details dl {
        font-size: 0.9rem;
      }
      details dd {
        font-weight: 400;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @property({ attribute: false }) report?: VerificationReport;
  /** The user's scan, already scaled for the screen. */
  @property({ attribute: false }) scan?: ImageBitmap;
  private readonly i18n = new LanguageController(this);

  protected override updated(): void {
    const report = this.report;
    if (!report) return;
    this.renderRoot.querySelectorAll<HTMLCanvasElement>('canvas[data-restored]').forEach((canvas) => {
      const image = report.restored[Number(canvas.dataset.restored)];
      if (image) drawRestored(canvas, image);
    });
    const scanCanvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas[data-scan]');
    if (scanCanvas && this.scan) {
      scanCanvas.width = this.scan.width;
      scanCanvas.height = this.scan.height;
      scanCanvas.getContext('2d')!.drawImage(this.scan, 0, 0);
    }
  }

  private issuedText(seconds: number): string {
    const day = jstDay(new Date(seconds * 1000));
    return language() === 'ja' ? formatWareki(day) : isoFromDay(day);
  }

  override render() {
    const report = this.report;
    if (!report) return nothing;
    const lang = language();
    const cert = report.certificate;
    const word = t(`verify.verdict.${report.verdict}`);
    return html`
      <section class="verdict" data-verdict=${report.verdict} role="status" aria-live="polite">
        <p class="word">${word}</p>
        ${report.demo && report.verdict !== 'demo' ? html`<span class="demo-badge">${t('verify.verdict.demo')}</span>` : nothing}
        ${report.verdict === 'valid' ? html`<p class="reason">${t('verify.verdict.valid-lead')}</p>` : nothing}
        ${report.verdict === 'demo' ? html`<p class="reason">${t('verify.verdict.demo-lead')}</p>` : nothing}
        ${report.stage === 'input' ? nothing : html`<p class="reason" data-reason>${reportReason(report, lang)}</p>`}
        ${cert
          ? html`<dl>
              <dt>${t('verify.field.issuer')}</dt><dd data-field="issuer">${cert.issuerName}</dd>
              <dt>${t('verify.field.issued')}</dt><dd data-field="issued">${this.issuedText(cert.issuedAt)}</dd>
              ${cert.title ? html`<dt>${t('verify.field.type')}</dt><dd>${cert.title[lang]}</dd>` : nothing}
              <dt>${t('verify.field.serial')}</dt><dd data-field="serial">${cert.serialText}</dd>
              <dt>${t('verify.field.sheets')}</dt><dd>${cert.sheets}</dd>
            </dl>`
          : nothing}
      </section>
      ${report.advice ? html`<div class="advice"><strong>${t('verify.what-next')}</strong><p>${report.advice[lang]}</p></div>` : nothing}
      ${report.warnings.map((w) => html`<p class="warning">${'code' in w ? describeFailure(w.code, w.params, lang) : w[lang]}</p>`)}
      ${report.restored.length > 0 || this.scan
        ? html`${report.restored.length > 0 ? html`<p>${t('verify.compare')}</p>` : nothing}
            <div class="compare">
              ${report.restored.map(
                (_, i) => html`<figure data-restored-figure>
                  <figcaption>${t('verify.restored')}${report.restored.length > 1 ? ` (${i + 1}/${report.restored.length})` : ''}</figcaption>
                  <canvas data-restored=${i} role="img" aria-label=${t('verify.restored')}></canvas>
                </figure>`,
              )}
              ${this.scan ? html`<figure><figcaption>${t('verify.scan')}</figcaption><canvas data-scan aria-hidden="true"></canvas></figure>` : nothing}
            </div>`
        : nothing}
      ${this.renderDiagnostics(report)}
    `;
  }

  private renderDiagnostics(report: VerificationReport) {
    const d = report.diagnostics;
    const ms = (v: number | undefined) => (v === undefined ? '—' : `${Math.round(v)} ms`);
    return html`<details>
      <summary>${t('verify.diagnostics')}</summary>
      <dl>
        <dt>${t('verify.diag.code')}</dt><dd data-diag="code">${report.code} (${report.stage})</dd>
        ${d
          ? html`<dt>${t('verify.diag.dpi')}</dt><dd data-diag="dpi">${Math.round(d.estimatedDpi)} dpi</dd>
              <dt>${t('verify.diag.pitch')}</dt><dd>${d.moduleMm.toFixed(3)} mm · ${d.pixelsPerModule.toFixed(2)} px · ${d.size}×${d.size}</dd>
              <dt>${t('verify.diag.ber')}</dt><dd>${(d.rawBitErrorRate * 100).toFixed(3)} %</dd>
              <dt>${t('verify.diag.corrected')}</dt><dd>${d.correctedSymbols} (${d.erasures} erasures)</dd>
              <dt>${t('verify.diag.confidence')}</dt><dd>${d.confidence.toFixed(2)} · ${d.rotation}°${d.mirrored ? ' mirrored' : ''}</dd>`
          : nothing}
        ${report.image ? html`<dt>px</dt><dd>${report.image.width}×${report.image.height}</dd>` : nothing}
        <dt>${t('verify.diag.timings')}</dt>
        <dd>QR ${ms(report.timings.qr)} · carrier ${ms(report.timings.carrier)} · seal ${ms(report.timings.seal)} · render ${ms(report.timings.render)} · total ${ms(report.timings.total)}</dd>
      </dl>
    </details>`;
  }
}

const drawn = new WeakMap<HTMLCanvasElement, RestoredImage>();

function drawRestored(canvas: HTMLCanvasElement, image: RestoredImage): void {
  if (drawn.get(canvas) === image) return;
  drawn.set(canvas, image);
  canvas.width = image.width;
  canvas.height = image.height;
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(image.pixels), image.width, image.height), 0, 0);
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-verdict': KofuVerdict;
  }
}
