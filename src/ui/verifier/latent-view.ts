/**
 * `<kofu-latent-view>`: the paper check under a verdict (issue #10). On request it sends the page
 * to the verify worker again, then shows the revealed latent emblem (large, zoomable), found or
 * not found in plain words, what that shows and what it does not, and the originality hint
 * (original / looks like a copy / cannot tell, with why), set apart from the signature verdict,
 * which it never changes. It also offers the decoder film for people without the app.
 *
 * The check takes seconds on a 300 dpi back, so while it runs the view shows a WAI-ARIA
 * `progressbar` (aria-valuenow 0–100, aria-valuetext the step: reading the image again, looking
 * for the emblem, revealing it, originality) and a Cancel button, which terminates the worker
 * (src/app/paper-check.ts) and leaves the button to start again.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { AbortedError, decoderFilm, runPaperCheck, type PaperCheck, type PaperCheckOptions, type PaperSource, type PaperStep } from '../../app/paper-check.ts';
import type { DownloadFile } from '../../app/download-file.ts';
import { browserSaveFile, type SaveFile } from '../shared/download.ts';
import { LanguageController, t } from '../shared/i18n.ts';
import type { StaticMessageKey } from '../shared/messages.ts';
import { progressBar, progressBarStyles } from '../shared/progress-bar.ts';
import { elementStyles } from '../shared/styles.ts';

type View =
  | { kind: 'idle'; cancelled?: boolean }
  | { kind: 'working'; step: PaperStep; percent: number }
  | { kind: 'done'; result: PaperCheck }
  | { kind: 'failed' };

const STEP_WORDS: Readonly<Record<PaperStep, StaticMessageKey>> = {
  read: 'paper.step.read',
  locate: 'paper.step.locate',
  reveal: 'paper.step.reveal',
  originality: 'paper.step.originality',
};

const ZOOMS = [1, 2, 4] as const;

@customElement('kofu-latent-view')
export class KofuLatentView extends LitElement {
  static override styles = [
    ...elementStyles,
    progressBarStyles,
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
      .bar {
        flex: 1 1 200px;
        max-width: 420px;
        height: 20px;
        border-radius: 10px;
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
  check: (source: PaperSource, dpi: number | undefined, options: PaperCheckOptions) => Promise<PaperCheck> = runPaperCheck;
  film: () => Promise<DownloadFile> = decoderFilm;
  saveFile: SaveFile = browserSaveFile;

  @state() private view: View = { kind: 'idle' };
  @state() private zoom: (typeof ZOOMS)[number] = 1;
  private readonly i18n = new LanguageController(this);
  /** The running check's; aborting it terminates the paper-check worker. */
  private controller?: AbortController;

  protected override willUpdate(changed: Map<string, unknown>): void {
    // A new page means a new check; one still running for the old page is stopped.
    if (changed.has('source') && changed.get('source') !== undefined) {
      this.controller?.abort();
      this.view = { kind: 'idle' };
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // "Check another sheet" removes the view: the worker's seconds of work are for nobody.
    this.controller?.abort();
  }

  /** Runs the check (the button does this; exposed for the verifier home and tests). */
  async run(): Promise<void> {
    const source = this.source;
    if (!source || this.view.kind === 'working') return;
    const controller = (this.controller = new AbortController());
    const current = () => this.controller === controller && this.source === source;
    this.view = { kind: 'working', step: 'read', percent: 0 };
    try {
      const result = await this.check(source, this.dpi, {
        signal: controller.signal,
        onProgress: ({ step, fraction }) => {
          if (current() && this.view.kind === 'working') this.view = { kind: 'working', step, percent: Math.round(Math.min(1, Math.max(0, fraction)) * 100) };
        },
      });
      if (current()) this.view = { kind: 'done', result };
    } catch (error) {
      if (!current()) return;
      this.view = error instanceof AbortedError || controller.signal.aborted ? { kind: 'idle', cancelled: true } : { kind: 'failed' };
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  /** Stops the running check (the Cancel button): the worker is terminated, the view is ready to start again. */
  cancel(): void {
    this.controller?.abort();
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
      ${view.kind === 'idle'
        ? html`${view.cancelled ? html`<p role="status" data-paper-cancelled>${t('paper.cancelled')}</p>` : nothing}
            <button class="secondary" data-action="check-paper" @click=${() => void this.run()}>${t('paper.open')}</button>`
        : nothing}
      ${view.kind === 'working' ? this.renderProgress(view.step, view.percent) : nothing}
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

  private renderProgress(step: PaperStep, percent: number) {
    const words = t(STEP_WORDS[step]);
    return html`<p>${t('paper.working')}</p>
      <div class="row">
        ${progressBar({ label: t('paper.progress'), percent, step: words })}
        <button class="secondary" data-action="cancel-paper" @click=${() => this.cancel()}>${t('paper.cancel')}</button>
      </div>
      <p role="status" data-paper-step=${step}>${words}</p>`;
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
