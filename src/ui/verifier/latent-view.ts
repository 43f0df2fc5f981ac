/**
 * `<kofu-latent-view>`: the paper check under a verdict (issue #10). On request it sends the page
 * to the verify worker again, then shows the revealed latent emblem (large, zoomable), found or
 * not found in plain words, what that shows and what it does not, and the originality hint
 * (original / looks like a copy / cannot tell, with why), set apart from the signature verdict,
 * which it never changes. It also offers the decoder film for people without the app.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { checkPaperPixels, decoderFilm, type PaperCheck, type PaperSource } from '../../app/paper-check.ts';
import type { DownloadFile } from '../../app/download-file.ts';
import { browserSaveFile, type SaveFile } from '../shared/download.ts';
import { LanguageController, t } from '../shared/i18n.ts';
import { elementStyles } from '../shared/styles.ts';

type View = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; result: PaperCheck } | { kind: 'failed' };

const ZOOMS = [1, 2, 4] as const;

@customElement('kofu-latent-view')
export class KofuLatentView extends LitElement {
  static override styles = [
    ...elementStyles,
    css`
      section {
        border: 2px solid var(--kofu-line);
        border-radius: var(--kofu-radius);
        background: var(--kofu-surface);
        padding: 12px 16px;
        margin-top: 16px;
      }
      h2 {
        font-size: 1.2rem;
        margin: 0 0 6px;
      }
      .separate {
        color: var(--kofu-muted);
        margin: 0 0 12px;
      }
      .word {
        font-size: 1.3rem;
        font-weight: 800;
        margin: 8px 0;
      }
      [data-latent='found'] .word {
        color: var(--kofu-ok);
      }
      .zoom {
        overflow: auto;
        max-height: 80vh;
        border: 1px solid var(--kofu-line);
        background: #fff;
        touch-action: pan-x pan-y pinch-zoom;
      }
      canvas {
        display: block;
        image-rendering: pixelated;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
        margin: 8px 0;
      }
      .originality {
        border-top: 1px solid var(--kofu-line);
        margin-top: 12px;
        padding-top: 8px;
      }
      .originality .verdict-word {
        font-weight: 800;
      }
      .note {
        color: var(--kofu-muted);
        font-size: 0.95rem;
      }
    `,
  ];

  /** The verified page's pixels, again (app/paper-check.ts paperSource). */
  @property({ attribute: false }) source?: PaperSource;
  /** The input's resolution as the carrier measured it, if it did. */
  @property({ attribute: false }) dpi?: number;
  /** The input is a PDF file, not a scan or photo of paper: originality does not apply. */
  @property({ type: Boolean }) digital = false;
  /** Replaceable in component tests. */
  check: (image: ImageData, dpi: number | undefined) => Promise<PaperCheck> = (image, dpi) => checkPaperPixels(image, dpi);
  film: () => Promise<DownloadFile> = decoderFilm;
  saveFile: SaveFile = browserSaveFile;

  @state() private view: View = { kind: 'idle' };
  @state() private zoom: (typeof ZOOMS)[number] = 1;
  private readonly i18n = new LanguageController(this);

  protected override willUpdate(changed: Map<string, unknown>): void {
    // A new page means a new check.
    if (changed.has('source') && changed.get('source') !== undefined) this.view = { kind: 'idle' };
  }

  /** Runs the check (the button does this; exposed for the verifier home and tests). */
  async run(): Promise<void> {
    const source = this.source;
    if (!source || this.view.kind === 'working') return;
    this.view = { kind: 'working' };
    try {
      const result = await this.check(await source(), this.dpi);
      if (this.source === source) this.view = { kind: 'done', result };
    } catch {
      if (this.source === source) this.view = { kind: 'failed' };
    }
  }

  private async saveFilm(): Promise<void> {
    const file = await this.film();
    this.saveFile(file.name, file.data, file.type);
  }

  protected override updated(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas[data-revealed]');
    const view = this.view.kind === 'done' ? this.view.result.latent.view : null;
    if (!canvas || !view) return;
    if (canvas.width !== view.width || canvas.height !== view.height || canvas.dataset.drawn !== '1') {
      canvas.width = view.width;
      canvas.height = view.height;
      const rgba = new Uint8ClampedArray(view.width * view.height * 4);
      for (let i = 0; i < view.data.length; i++) {
        rgba.fill(view.data[i], 4 * i, 4 * i + 3);
        rgba[4 * i + 3] = 255;
      }
      canvas.getContext('2d')?.putImageData(new ImageData(rgba, view.width, view.height), 0, 0);
      canvas.dataset.drawn = '1';
    }
    canvas.style.width = `${this.zoom * 100}%`;
  }

  override render() {
    if (!this.source) return nothing;
    const view = this.view;
    return html`<section aria-labelledby="paper-heading">
      <h2 id="paper-heading">${t('paper.heading')}</h2>
      <p class="separate">${t('paper.separate')}</p>
      ${view.kind === 'idle' ? html`<button class="secondary" data-action="check-paper" @click=${() => void this.run()}>${t('paper.open')}</button>` : nothing}
      ${view.kind === 'working' ? html`<p role="status">${t('paper.working')}</p>` : nothing}
      ${view.kind === 'failed'
        ? html`<p role="alert" data-paper-failed>${t('paper.failed')}</p>
            <button class="secondary" @click=${() => void this.run()}>${t('paper.retry')}</button>`
        : nothing}
      ${view.kind === 'done' ? this.renderResult(view.result) : nothing}
      <div class="row">
        <button class="secondary" data-action="decoder-film" @click=${() => void this.saveFilm()}>${t('paper.film')}</button>
      </div>
      <p class="note">${t('paper.film-lead')}</p>
    </section>`;
  }

  private renderResult({ latent, originality }: PaperCheck) {
    const dpi = originality.dpi;
    return html`<div data-latent=${latent.found ? 'found' : 'not-found'} role="status">
        <p class="word" data-latent-word>${t(latent.found ? 'paper.latent.found' : 'paper.latent.not-found')}</p>
        ${latent.found ? nothing : html`<p>${t(latent.screen ? 'paper.latent.no-mark' : 'paper.latent.no-screen')}</p>`}
      </div>
      ${latent.view
        ? html`<div class="row">
              <button class="secondary" data-action="zoom-out" ?disabled=${this.zoom === ZOOMS[0]} @click=${() => this.step(-1)}>${t('paper.zoom-out')}</button>
              <button class="secondary" data-action="zoom-in" ?disabled=${this.zoom === ZOOMS[ZOOMS.length - 1]} @click=${() => this.step(1)}>${t('paper.zoom-in')}</button>
              <span>${this.zoom}×</span>
            </div>
            <div class="zoom"><canvas data-revealed role="img" aria-label=${t('paper.latent.image')}></canvas></div>`
        : nothing}
      <ul>
        <li>${t('paper.latent.means')}</li>
        <li>${t('paper.latent.does-not-mean')}</li>
      </ul>
      ${this.digital
        ? html`<div class="originality" data-originality="digital"><p><strong>${t('paper.originality')}:</strong> ${t('paper.originality.digital')}</p></div>`
        : html`<div class="originality" data-originality=${originality.verdict}>
            <p><strong>${t('paper.originality')}:</strong> <span class="verdict-word">${t(`paper.originality.${originality.verdict}`)}</span></p>
            <p data-originality-reason>
              ${originality.reason === 'resolution-too-low'
                ? t('paper.reason.resolution-too-low', { dpi: Number.isFinite(dpi) ? String(Math.round(dpi)) : '?' })
                : t(`paper.reason.${originality.reason}`)}
            </p>
            <p class="note">${t('paper.originality.limits')}</p>
          </div>`}`;
  }

  private step(direction: 1 | -1): void {
    const i = ZOOMS.indexOf(this.zoom) + direction;
    this.zoom = ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, i))];
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-latent-view': KofuLatentView;
  }
}
