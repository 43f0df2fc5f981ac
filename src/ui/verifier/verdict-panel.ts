/**
 * `<kofu-verdict>`: one whole-sheet report, large and unambiguous — 真正 (green) with the issuer
 * and 交付日, 改ざん・偽造の疑い (red) with the reason and the regions where the front differs,
 * 判定できません (grey) with what to do; デモ / DEMO in large type on every demo result, said once.
 * Each front compared is shown with its differences (`<kofu-front-compare>`); the restored image
 * with zoom; every line of the signed content as text; the details panel folded away.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { formatWareki, isoFromDay, jstDay } from '../../documents/dates.ts';
import type { RestoredImage, SheetOutcome, VerificationReport } from '../../verify/report.ts';
import { describeFailure, reportReason } from '../shared/error-messages.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { elementStyles } from '../shared/styles.ts';
import { viewControlStyles } from './front-compare.ts';

@customElement('kofu-verdict')
export class KofuVerdict extends LitElement {
  static override styles = [
    ...elementStyles,
    viewControlStyles,
    css`
      .verdict {
        border-radius: var(--kofu-radius);
        padding: 16px 20px;
        color: #fff;
        margin: 12px 0;
      }
      .verdict[data-outcome='authentic'] {
        background: var(--kofu-ok);
      }
      .verdict[data-outcome='suspect'] {
        background: var(--kofu-danger);
      }
      .verdict[data-outcome='undetermined'] {
        background: #5a5a5a;
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

      .signed-text ul {
        list-style: none;
        padding: 0;
        margin: 8px 0;
        user-select: text;
      }
      .signed-text li {
        padding: 2px 0;
        border-bottom: 1px dotted var(--kofu-line);
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
  /** The user's scan (the page the report is about), already scaled for the screen. */
  @property({ attribute: false }) scan?: ImageBitmap;
  /** Every page's preview by page index (for the front comparisons). */
  @property({ attribute: false }) previews: readonly (ImageBitmap | undefined)[] = [];
  @state() private zoom: (typeof RESTORED_ZOOMS)[number] = 1;
  @state() private copied = false;
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

  /** The words under the outcome: one sentence for a demo, the note on the front, the back's reason where it decides. */
  private renderLead(report: VerificationReport) {
    const lang = language();
    const notes = report.notes ?? [];
    const sentences = [];
    if (report.verdict === 'demo') sentences.push(html`<p class="reason" data-demo-once>${t('verify.demo-once')}</p>`);
    for (const note of notes) if (note !== 'front-only') sentences.push(html`<p class="reason" data-note=${note}>${t(`verify.note.${note}`)}</p>`);
    // The back's own reason: for a failure (what went wrong) and for a real certificate (who issued it); a demo has said it already.
    if (report.stage !== 'input' && report.verdict !== 'demo') sentences.push(html`<p class="reason" data-reason>${reportReason(report, lang)}</p>`);
    return sentences;
  }

  override render() {
    const report = this.report;
    if (!report) return nothing;
    const lang = language();
    const cert = report.certificate;
    const outcome = outcomeOf(report);
    // A demo that passes is called デモ, never 真正 (it proves nothing about a real person); a demo
    // that fails is called what it is, with the DEMO badge.
    const demoWord = report.demo && outcome === 'authentic';
    const word = demoWord ? t('verify.outcome.demo') : t(`verify.outcome.${outcome}`);
    // The demo notice is said once (in the lead); warnings with their own words are the demo notice.
    const warnings = report.warnings.filter((w) => 'code' in w || !report.demo);
    return html`
      <section class="verdict" data-verdict=${report.verdict} data-outcome=${outcome} role="status" aria-live="polite">
        <p class="word">${word}</p>
        ${report.demo && !demoWord ? html`<span class="demo-badge">${t('verify.outcome.demo')}</span>` : nothing}
        ${this.renderLead(report)}
        ${cert
          ? html`<dl>
              <dt>${t('verify.field.issuer')}</dt><dd data-field="issuer">${issuerNameIn(cert.issuerName, lang)}</dd>
              <dt>${t('verify.field.issued')}</dt><dd data-field="issued">${this.issuedText(cert.issuedAt)}</dd>
              ${cert.title ? html`<dt>${t('verify.field.type')}</dt><dd>${cert.title[lang]}</dd>` : nothing}
              <dt>${t('verify.field.serial')}</dt><dd data-field="serial">${cert.serialText}</dd>
              <dt>${t('verify.field.sheets')}</dt><dd>${cert.sheets}</dd>
            </dl>`
          : nothing}
      </section>
      ${report.advice ? html`<div class="advice"><strong>${t('verify.what-next')}</strong><p>${report.advice[lang]}</p></div>` : nothing}
      ${warnings.map((w) => html`<p class="warning">${'code' in w ? describeFailure(w.code, w.params, lang) : w[lang]}</p>`)}
      ${(report.fronts ?? []).map((check) => html`<kofu-front-compare .check=${check} .image=${this.previews[check.page]}></kofu-front-compare>`)}
      ${this.renderRestored(report)}
      ${this.renderSignedText(report)}
      ${this.renderDiagnostics(report)}
    `;
  }

  private renderRestored(report: VerificationReport) {
    if (report.restored.length === 0 && !this.scan) return nothing;
    const showScan = this.scan && !(report.fronts ?? []).some((f) => f.page === report.backPage);
    return html`${report.restored.length > 0
        ? html`<div class="controls">
            <p>${t('verify.compare')}</p>
            <div role="group" aria-label=${t('verify.view.zoom')}>
              ${RESTORED_ZOOMS.map((z) => html`<button class="secondary" data-restored-zoom=${z} aria-pressed=${this.zoom === z ? 'true' : 'false'} @click=${() => (this.zoom = z)}>${z * 100}%</button>`)}
            </div>
          </div>`
        : nothing}
      <div class="compare">
        ${report.restored.map(
          (_, i) => html`<figure data-restored-figure>
            <figcaption>${t('verify.restored')}${report.restored.length > 1 ? ` (${i + 1}/${report.restored.length})` : ''}</figcaption>
            <div class="scroll" tabindex="0" role="group" aria-label=${t('verify.restored')}><canvas data-restored=${i} role="img" aria-label=${t('verify.restored')} data-zoom=${this.zoom}></canvas></div>
          </figure>`,
        )}
        ${showScan ? html`<figure><figcaption>${t('verify.scan')}</figcaption><canvas data-scan aria-hidden="true"></canvas></figure>` : nothing}
      </div>`;
  }

  /** Every line the signed content prints, as text: copyable, and what a screen reader reads instead of the image. */
  private renderSignedText(report: VerificationReport) {
    const sheets = report.restored.filter((image) => image.lines && image.lines.length > 0);
    if (sheets.length === 0) return nothing;
    const all = sheets.map((image) => image.lines!.join('\n')).join('\n\n');
    const copy = async () => {
      await navigator.clipboard?.writeText(all).catch(() => undefined);
      this.copied = true;
    };
    return html`<section class="signed-text" aria-labelledby="signed-text-heading">
      <h2 id="signed-text-heading">${t('verify.text.heading')}</h2>
      <button class="secondary" data-action="copy-text" @click=${copy}>${t('verify.text.copy')}</button>
      ${this.copied ? html`<span role="status">${t('verify.text.copied')}</span>` : nothing}
      ${sheets.map(
        (image, i) => html`${sheets.length > 1 ? html`<h3>${t('verify.text.sheet', { sheet: i + 1, sheets: sheets.length })}</h3>` : nothing}
          <ul data-signed-text=${i}>
            ${image.lines!.map((line) => html`<li>${line}</li>`)}
          </ul>`,
      )}
    </section>`;
  }

  private renderDiagnostics(report: VerificationReport) {
    const d = report.diagnostics;
    const ms = (v: number | undefined) => (v === undefined ? '—' : t('verify.diag.ms', { ms: Math.round(v) }));
    const timings = (['qr', 'carrier', 'seal', 'render', 'total'] as const).map((k) => `${t(`verify.diag.timing.${k}`)} ${ms(report.timings[k])}`).join(' · ');
    return html`<details>
      <summary>${t('verify.diagnostics')}</summary>
      <dl>
        <dt>${t('verify.diag.code')}</dt><dd data-diag="code">${report.code} · ${t(`verify.stage.${report.stage}`)}</dd>
        ${d
          ? html`<dt>${t('verify.diag.dpi')}</dt><dd data-diag="dpi">${Math.round(d.estimatedDpi)} dpi</dd>
              <dt>${t('verify.diag.pitch')}</dt><dd>${d.moduleMm.toFixed(3)} mm · ${d.pixelsPerModule.toFixed(2)} ${t('verify.diag.module-px')} · ${d.size}×${d.size}</dd>
              <dt>${t('verify.diag.ber')}</dt><dd>${(d.rawBitErrorRate * 100).toFixed(3)} %</dd>
              <dt>${t('verify.diag.corrected')}</dt><dd>${d.correctedSymbols} · ${t('verify.diag.erasures', { count: d.erasures })}</dd>
              <dt>${t('verify.diag.confidence')}</dt><dd>${d.confidence.toFixed(2)} · ${d.rotation}°${d.mirrored ? ` · ${t('verify.diag.mirrored')}` : ''}</dd>`
          : nothing}
        ${report.image ? html`<dt>${t('verify.diag.pixels')}</dt><dd>${report.image.width}×${report.image.height}</dd>` : nothing}
        ${report.pages !== undefined ? html`<dt>${t('verify.diag.pages')}</dt><dd data-diag="pages">${t('verify.pages-given', { count: report.pages })}</dd>` : nothing}
        <dt>${t('verify.diag.timings')}</dt>
        <dd>${timings}</dd>
      </dl>
    </details>`;
  }
}

const RESTORED_ZOOMS = [1, 2, 4] as const;

/** The outcome of a report made before whole-sheet verdicts existed: from its verdict alone. */
function outcomeOf(report: VerificationReport): SheetOutcome {
  return report.outcome ?? (report.verdict === 'invalid' ? 'undetermined' : 'authentic');
}

/**
 * A trust list's bilingual name, 「藤見市（デモ / Fujimi demo city）」, in one language: the
 * Japanese part with its own note in Japanese, the English part in English.
 */
export function issuerNameIn(name: string, lang: 'ja' | 'en'): string {
  const match = /^(.*)（(.+) \/ (.+)）$/u.exec(name);
  if (!match) return name;
  return lang === 'ja' ? `${match[1]}（${match[2]}）` : match[3];
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
