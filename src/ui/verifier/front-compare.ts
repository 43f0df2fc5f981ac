/**
 * `<kofu-front-compare>`: one front page compared with its sheet's restored rendering, with the
 * differences shown where they are — red frames on the person's own image and on the restored
 * image, side by side; an overlay (black where both agree, red where only the restored image has
 * ink, blue where only the person's image has); a blink view that alternates the two aligned
 * images (automatic unless the person prefers reduced motion, and always by a button); zoom.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { FrontCheck, RestoredImage } from '../../verify/report.ts';
import { LanguageController, t } from '../shared/i18n.ts';
import { elementStyles } from '../shared/styles.ts';

export type CompareView = 'side' | 'overlay' | 'blink';
const VIEWS: readonly CompareView[] = ['side', 'overlay', 'blink'];
const ZOOMS = [1, 2, 4] as const;
const BLINK_MS = 700;
const FRAME = '#d01010';

/** The view and zoom buttons (a row of toggle groups) and the scrolling frame a zoomed canvas sits in; shared with `<kofu-verdict>`. */
export const viewControlStyles = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    align-items: center;
    margin: 8px 0;
  }
  .controls [role='group'] {
    display: flex;
    gap: 4px;
  }
  button[aria-pressed='true'] {
    outline: 3px solid var(--kofu-accent);
  }
  .scroll {
    overflow: auto;
    max-height: 80vh;
    border: 1px solid var(--kofu-line);
    background: #fff;
  }
  /* Zoom by attribute, not inline style: the app's CSP (style-src 'self') blocks those. */
  .scroll canvas {
    display: block;
    height: auto;
    width: 100%;
    border: 0;
  }
  .scroll canvas[data-zoom='2'] {
    width: 200%;
  }
  .scroll canvas[data-zoom='4'] {
    width: 400%;
  }
`;

@customElement('kofu-front-compare')
export class KofuFrontCompare extends LitElement {
  static override styles = [
    ...elementStyles,
    viewControlStyles,
    css`
      :host {
        display: block;
        margin-top: 16px;
      }
      h2 {
        margin: 0 0 4px;
        font-size: 1.2rem;
      }
      .status[data-status='differs'] {
        color: var(--kofu-danger);
        font-weight: 700;
      }
      .views {
        display: grid;
        grid-template-columns: 1fr;
        gap: 12px;
      }
      @media (min-width: 720px) {
        .views.side {
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
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 2px 12px;
        font-size: 0.95rem;
      }
      dd {
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) check?: FrontCheck;
  /** The person's image of this page, scaled for the screen. */
  @property({ attribute: false }) image?: ImageBitmap;
  @state() private view: CompareView = 'side';
  @state() private zoom: (typeof ZOOMS)[number] = 1;
  @state() private blinkShowsRestored = true;
  private timer?: ReturnType<typeof setInterval>;
  private readonly i18n = new LanguageController(this);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopBlink();
  }

  private setView(view: CompareView): void {
    this.view = view;
    this.stopBlink();
    const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    if (view === 'blink' && !reduced) this.timer = setInterval(() => (this.blinkShowsRestored = !this.blinkShowsRestored), BLINK_MS);
  }

  private stopBlink(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  protected override updated(): void {
    const check = this.check;
    if (!check) return;
    const canvas = (name: string) => this.renderRoot.querySelector<HTMLCanvasElement>(`canvas[data-view="${name}"]`);
    const yours = canvas('yours');
    if (yours && this.image) drawImageWithQuads(yours, this.image, check);
    const restored = canvas('restored');
    if (restored && check.rendering) drawWithFrames(restored, check.rendering, check);
    const overlay = canvas('overlay');
    if (overlay && check.rendering && check.aligned) drawWithFrames(overlay, overlayOf(check.rendering, check.aligned), check);
    const blink = canvas('blink');
    const shown = this.blinkShowsRestored ? check.rendering : check.aligned;
    if (blink && shown) drawWithFrames(blink, shown, check);
  }

  override render() {
    const check = this.check;
    if (!check) return nothing;
    const comparable = check.status !== 'unreadable' && !!check.rendering;
    return html`<section aria-labelledby="front-heading">
      <h2 id="front-heading">${t('verify.front.heading', { page: check.page + 1 })}</h2>
      <p class="status" data-status=${check.status} data-front-status=${check.status}>
        ${t(`verify.front.status.${check.status}`)}${check.regions.length ? html` — ${t('verify.front.regions', { count: check.regions.length })}` : nothing}
      </p>
      <dl>
        <dt>${t('verify.front.method')}</dt><dd>${t(`verify.front.method.${check.method}`)}</dd>
        <dt>${t('verify.front.coverage')}</dt><dd>${Math.round(check.coverage * 100)} %</dd>
        <dt>${t('verify.front.score')}</dt><dd data-front-score>${check.score.toFixed(2)}</dd>
        ${check.text?.added.length ? html`<dt>${t('verify.front.text-added')}</dt><dd data-text-added>${check.text.added.join('、')}</dd>` : nothing}
        ${check.text?.missing.length ? html`<dt>${t('verify.front.text-missing')}</dt><dd data-text-missing>${check.text.missing.join('、')}</dd>` : nothing}
      </dl>
      ${comparable ? this.renderViews(check) : nothing}
    </section>`;
  }

  private renderViews(check: FrontCheck) {
    const views = check.aligned ? VIEWS : (['side'] as const);
    const figure = (name: string, caption: string) =>
      html`<figure>
        <figcaption>${caption}</figcaption>
        <div class="scroll" tabindex="0" role="group" aria-label=${caption}><canvas data-view=${name} role="img" aria-label=${caption} data-zoom=${this.zoom}></canvas></div>
      </figure>`;
    return html`<div class="controls">
        <div role="group" aria-label=${t('verify.view.label')}>
          ${views.map((v) => html`<button class="secondary" data-compare-view=${v} aria-pressed=${this.view === v ? 'true' : 'false'} @click=${() => this.setView(v)}>${t(`verify.view.${v}`)}</button>`)}
        </div>
        <div role="group" aria-label=${t('verify.view.zoom')}>
          ${ZOOMS.map((z) => html`<button class="secondary" data-zoom=${z} aria-pressed=${this.zoom === z ? 'true' : 'false'} @click=${() => (this.zoom = z)}>${z * 100}%</button>`)}
        </div>
      </div>
      ${this.view === 'side'
        ? html`<div class="views side">${this.image ? figure('yours', t('verify.view.yours')) : nothing}${figure('restored', t('verify.view.restored'))}</div>`
        : this.view === 'overlay'
          ? html`<p>${t('verify.view.overlay-key')}</p>
              <div class="views">${figure('overlay', t('verify.view.overlay'))}</div>`
          : html`<p role="status" data-blink>${t(this.blinkShowsRestored ? 'verify.view.showing-restored' : 'verify.view.showing-yours')}</p>
              <button class="secondary" data-action="blink-next" @click=${() => (this.blinkShowsRestored = !this.blinkShowsRestored)}>${t('verify.view.blink-next')}</button>
              <div class="views">${figure('blink', t('verify.view.blink'))}</div>`}`;
  }
}

/** Restored ink in red, the person's in blue, both in black: R = theirs, G = darker of both, B = restored. */
export function overlayOf(rendering: RestoredImage, aligned: RestoredImage): RestoredImage {
  const pixels = new Uint8ClampedArray(rendering.pixels.length);
  for (let i = 0; i < pixels.length; i += 4) {
    const r = rendering.pixels[i];
    const a = aligned.pixels[i] ?? 255;
    pixels[i] = a;
    pixels[i + 1] = Math.min(r, a);
    pixels[i + 2] = r;
    pixels[i + 3] = 255;
  }
  return { ...rendering, pixels };
}

function drawWithFrames(canvas: HTMLCanvasElement, image: RestoredImage, check: FrontCheck): void {
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d')!;
  context.putImageData(new ImageData(new Uint8ClampedArray(image.pixels), image.width, image.height), 0, 0);
  context.strokeStyle = FRAME;
  context.lineWidth = Math.max(2, image.width / 400);
  const pad = image.width / 200;
  for (const r of check.regions) context.strokeRect(r.x * image.width - pad, r.y * image.height - pad, r.w * image.width + 2 * pad, r.h * image.height + 2 * pad);
}

function drawImageWithQuads(canvas: HTMLCanvasElement, image: ImageBitmap, check: FrontCheck): void {
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0);
  context.strokeStyle = FRAME;
  context.lineWidth = Math.max(2, image.width / 400);
  for (const quad of check.regionsOnImage) {
    context.beginPath();
    quad.forEach((p, i) => (i === 0 ? context.moveTo(p.x * image.width, p.y * image.height) : context.lineTo(p.x * image.width, p.y * image.height)));
    context.closePath();
    context.stroke();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-front-compare': KofuFrontCompare;
  }
}
