/**
 * `<kofu-camera-capture>`: the verifier's camera. The preview with a live hint over it (近づけて ·
 * 動かさないで · 明るい場所で · まっすぐに), the torch where the device has one, and automatic
 * capture: frames go to the verify worker one at a time (src/app/camera-guidance.ts), and the
 * first that reads — or says something a better frame cannot change — ends the scan with a
 * `kofu-camera-result`. The worker does the pixel work, so the preview stays smooth; the page
 * only copies each frame out of the video.
 *
 * Events: `kofu-camera-result` (detail: report, image size, preview), `kofu-camera-frame`
 * (detail: frame — "check this picture" pressed), `kofu-camera-error` (detail: problem — the
 * camera did not open), `kofu-camera-close`.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { hasTorch, scanFrameInWorker, setTorch, type CameraHint, type FrameScan, type FrameScanCall } from '../../app/camera-scan.ts';
import { anotherFrameMayHelp, openCamera, scanPreview, videoFrame, type CameraStart } from '../../app/verifier-input.ts';
import type { VerificationReport } from '../../verify/report.ts';
import { reportReason } from '../shared/error-messages.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { buttonRow, elementStyles } from '../shared/styles.ts';

/** The pipeline runs on a frame whatever its hint at least this often (the hint can be wrong). */
export const DECODE_ANYWAY_MS = 1500;
/** A pause between frames, so the page keeps time for the preview and for taps. */
const FRAME_GAP_MS = 40;

export interface CameraResultDetail {
  readonly report: VerificationReport;
  readonly image: { readonly width: number; readonly height: number };
  readonly preview?: ImageBitmap;
  /** The frame that gave the report (its pixels stay in the page): the paper check reads it again. */
  readonly frame: ImageData;
}

@customElement('kofu-camera-capture')
export class KofuCameraCapture extends LitElement {
  static override styles = [
    ...elementStyles,
    buttonRow,
    css`
      .preview {
        position: relative;
        border-radius: var(--kofu-radius);
        overflow: hidden;
        background: #000;
      }
      video {
        display: block;
        width: 100%;
        max-height: 70vh;
        object-fit: contain;
      }
      /* Where the scrambled image should sit: a square guide in the middle of the preview. */
      .guide {
        position: absolute;
        inset: 12% 50% auto 50%;
        width: min(60%, 50vh);
        aspect-ratio: 1;
        transform: translateX(-50%);
        border: 3px solid rgb(255 255 255 / 0.85);
        border-radius: 8px;
        box-shadow: 0 0 0 100vmax rgb(0 0 0 / 0.25);
        pointer-events: none;
      }
      .guide[data-hint='ready'] {
        border-color: #4ade80;
      }
      .hint {
        position: absolute;
        left: 8px;
        right: 8px;
        bottom: 8px;
        margin: 0;
        padding: 8px 12px;
        border-radius: 8px;
        background: rgb(0 0 0 / 0.7);
        color: #fff;
        font-size: 1.15rem;
        font-weight: 700;
        text-align: center;
      }
    `,
  ];

  /** The locator is already known (`/verify#digits`): only the scrambled image is needed. */
  @property({ attribute: false }) locatorText?: string;
  /** Opens the camera; component tests give a fake stream. */
  @property({ attribute: false }) open: () => Promise<CameraStart> = () => openCamera();
  /** Scans one frame (the verify worker on the device). */
  @property({ attribute: false }) scanFrame: (frame: ImageData, options: FrameScanCall) => Promise<FrameScan> = scanFrameInWorker;

  @state() private hint?: CameraHint;
  @state() private scanning = false;
  @state() private attempts = 0;
  @state() private lastAttempt?: VerificationReport;
  @state() private torch: 'none' | 'off' | 'on' = 'none';
  @query('video') private video?: HTMLVideoElement;
  private stream?: MediaStream;
  private scan?: AbortController;
  private readonly i18n = new LanguageController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  private async start(): Promise<void> {
    const camera = await this.open();
    if (!camera.ok) {
      this.emit('kofu-camera-error', { problem: camera.problem });
      return;
    }
    if (!this.isConnected) {
      camera.stream.getTracks().forEach((track) => track.stop());
      return;
    }
    this.stream = camera.stream;
    this.torch = hasTorch(this.stream) ? 'off' : 'none';
    await this.updateComplete;
    if (this.video) {
      this.video.srcObject = this.stream;
      await this.video.play().catch(() => undefined);
    }
    void this.scanContinuously();
  }

  /** Stops scanning and the camera (the light goes off with it). */
  private stop(): void {
    this.scan?.abort();
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = undefined;
  }

  private emit(type: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private close(): void {
    this.stop();
    this.emit('kofu-camera-close');
  }

  /** 「この画面で確認する」: the frame now, through the whole pipeline, whatever the hint. */
  private capture(): void {
    this.scan?.abort();
    const frame = this.video ? videoFrame(this.video) : undefined;
    if (!frame) return;
    this.stop();
    this.emit('kofu-camera-frame', { frame });
  }

  private async toggleTorch(): Promise<void> {
    const on = this.torch !== 'on';
    if (await setTorch(this.stream, on)) this.torch = on ? 'on' : 'off';
  }

  /**
   * Frame after frame, one in the worker at a time: the hint for each, the pipeline when the hint
   * is good (and every DECODE_ANYWAY_MS regardless). A report a better frame could change
   * (no QR yet, carrier too small) only updates the status line; any other ends the scan.
   */
  private async scanContinuously(): Promise<void> {
    if (this.scanning) {
      this.scan?.abort();
      return;
    }
    const controller = (this.scan = new AbortController());
    this.scanning = true;
    this.attempts = 0;
    this.lastAttempt = undefined;
    let lastDecode = performance.now();
    try {
      while (!controller.signal.aborted && this.stream) {
        const frame = this.video ? videoFrame(this.video) : undefined;
        if (!frame) {
          await pause(100);
          continue;
        }
        const decodeAnyway = performance.now() - lastDecode >= DECODE_ANYWAY_MS;
        // A copy goes to the worker: the frame stays here for the preview of a final result.
        const scan = await this.scanFrame(new ImageData(frame.data.slice(), frame.width, frame.height), { locatorText: this.locatorText, decodeAnyway, signal: controller.signal });
        if (controller.signal.aborted) return;
        this.hint = scan.guidance.hint;
        if (scan.report) {
          lastDecode = performance.now();
          this.attempts++;
          this.lastAttempt = scan.report;
          if (!anotherFrameMayHelp(scan.report)) {
            const preview = await scanPreview(frame);
            this.stop();
            this.emit('kofu-camera-result', { report: scan.report, image: { width: frame.width, height: frame.height }, preview, frame } satisfies CameraResultDetail);
            return;
          }
        }
        await pause(FRAME_GAP_MS);
      }
    } catch {
      // Aborted (camera closed or scanning switched off): nothing to show.
    } finally {
      if (this.scan === controller) {
        this.scan = undefined;
        this.scanning = false;
      }
    }
  }

  override render() {
    const hint = this.hint;
    return html`<p>${t(this.locatorText ? 'verify.camera.hint-carrier' : 'verify.camera.hint')} ${t('camera.auto-note')}</p>
      <div class="preview">
        <video playsinline muted aria-label=${t('verify.camera')}></video>
        <div class="guide" data-hint=${hint ?? 'none'}></div>
        ${this.scanning && hint ? html`<p class="hint" role="status" aria-live="polite" data-hint=${hint}>${t(`camera.hint.${hint}`)}</p>` : nothing}
      </div>
      <div class="row">
        <button data-action="capture" @click=${() => this.capture()}>${t('verify.camera.capture')}</button>
        <button class="secondary" data-action="continuous" aria-pressed=${this.scanning ? 'true' : 'false'} @click=${() => void this.scanContinuously()}>
          ${t(this.scanning ? 'verify.camera.continuous-stop' : 'verify.camera.continuous')}
        </button>
        ${this.torch !== 'none'
          ? html`<button class="secondary" data-action="torch" aria-pressed=${this.torch === 'on' ? 'true' : 'false'} @click=${() => void this.toggleTorch()}>
              ${t(this.torch === 'on' ? 'camera.torch-off' : 'camera.torch-on')}
            </button>`
          : nothing}
        <button class="secondary" data-action="close-camera" @click=${() => this.close()}>${t('verify.camera.stop')}</button>
      </div>
      ${this.scanning
        ? html`<p role="status" data-attempts=${this.attempts}>
            ${t('verify.camera.attempts', { count: this.attempts })}${this.lastAttempt ? html`<br />${reportReason(this.lastAttempt, language())}` : nothing}
          </p>`
        : nothing}`;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

declare global {
  interface HTMLElementTagNameMap {
    'kofu-camera-capture': KofuCameraCapture;
  }
}
