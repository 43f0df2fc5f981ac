/**
 * `<kofu-verifier-home>`: the verifier's start — choose or drop a scan of the back of a
 * certificate. The image is read, checked against the size limits and converted to grey in the
 * vision worker; seal decoding plugs in after that stage.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { beginWork } from '../../app/activity.ts';
import { toGreyInWorker } from '../../app/vision.ts';
import { AbortedError, describeError } from '../../bytes/errors.ts';
import { greyToRgba, type GreyImage } from '../../vision/grey.ts';
import { dpiIfA4, readImageFile } from '../../vision/input.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { controls, tokens } from '../shared/styles.ts';

type Status = { kind: 'idle' } | { kind: 'working'; percent: number } | { kind: 'loaded'; image: GreyImage } | { kind: 'error'; error: unknown };

/** The preview is drawn at most this wide; the full-resolution grey image stays in memory. */
const PREVIEW_WIDTH = 600;

@customElement('kofu-verifier-home')
export class KofuVerifierHome extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
      }
      .drop {
        border: 2px dashed var(--kofu-line);
        border-radius: var(--kofu-radius);
        background: var(--kofu-paper);
        padding: 24px;
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: center;
      }
      .drop.over {
        border-color: var(--kofu-accent);
        background: #eef5ff;
      }
      input[type='file'] {
        position: absolute;
        opacity: 0;
        width: 1px;
        height: 1px;
      }
      canvas {
        max-width: 100%;
        border: 1px solid var(--kofu-line);
        margin-top: 12px;
        background: #fff;
      }
      progress {
        width: 240px;
      }
    `,
  ];

  @state() private status: Status = { kind: 'idle' };
  @state() private dragOver = false;
  @query('canvas') private preview?: HTMLCanvasElement;
  private controller?: AbortController;
  private readonly i18n = new LanguageController(this);

  private async open(file: File | undefined): Promise<void> {
    if (!file) return;
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    const done = beginWork('verify');
    this.status = { kind: 'working', percent: 0 };
    try {
      const rgba = await readImageFile(file);
      const image = await toGreyInWorker(rgba, {
        signal: controller.signal,
        onProgress: (fraction) => (this.status = { kind: 'working', percent: Math.round(fraction * 100) }),
      });
      this.status = { kind: 'loaded', image };
      await this.updateComplete;
      this.drawPreview(image);
    } catch (error) {
      if (!(error instanceof AbortedError)) this.status = { kind: 'error', error };
      else if (this.controller === controller) this.status = { kind: 'idle' };
    } finally {
      done();
    }
  }

  private drawPreview(image: GreyImage): void {
    const canvas = this.preview;
    if (!canvas) return;
    const full = new OffscreenCanvas(image.width, image.height);
    full.getContext('2d')!.putImageData(new ImageData(greyToRgba(image), image.width, image.height), 0, 0);
    const scale = Math.min(1, PREVIEW_WIDTH / image.width);
    canvas.width = Math.round(image.width * scale);
    canvas.height = Math.round(image.height * scale);
    canvas.getContext('2d')!.drawImage(full, 0, 0, canvas.width, canvas.height);
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragOver = false;
    void this.open(event.dataTransfer?.files[0]);
  }

  private renderStatus() {
    const status = this.status;
    switch (status.kind) {
      case 'working':
        return html`<p role="status">
          ${t('verify.reading', { percent: status.percent })}
          <progress max="100" value=${status.percent}></progress>
          <button class="secondary" @click=${() => this.controller?.abort()}>${t('verify.cancel')}</button>
        </p>`;
      case 'loaded':
        return html`<p role="status" class="ok" data-result="loaded">
            ${t('verify.loaded', { width: status.image.width, height: status.image.height, dpi: String(dpiIfA4(status.image.width, status.image.height)) })}
          </p>
          <p>${t('verify.seal-pending')}</p>
          <canvas aria-hidden="true"></canvas>`;
      case 'error':
        return html`<p role="alert" class="error" data-result="error">${describeError(status.error, language())}</p>`;
      default:
        return nothing;
    }
  }

  override render() {
    return html`
      <h1>${t('verify.heading')}</h1>
      <p>${t('verify.lead')}</p>
      <div class="drop ${this.dragOver ? 'over' : ''}"
        @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragOver = true; }}
        @dragleave=${() => (this.dragOver = false)}
        @drop=${this.onDrop}>
        <label class="button">
          ${t('verify.choose-file')}
          <input type="file" accept="image/*" @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            void this.open(input.files?.[0]);
            input.value = '';
          }} />
        </label>
        <span>${t('verify.drop-here')}</span>
      </div>
      ${this.renderStatus()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-verifier-home': KofuVerifierHome;
  }
}
