/**
 * `<kofu-verifier-home>`: what a bank clerk, employer or landlord does with a printed kofu
 * certificate. Choose, drop or paste scans of the front and back (PNG, JPEG, WebP, TIFF; two
 * files, one multi-page file, or one side first and the other added after) or a kofu PDF,
 * share it from another app, open it with the installed app, or photograph it with the camera;
 * the verify worker finds the QR locator, decodes the scrambled image, checks the seal against
 * the trust list and draws the restored certificate; `<kofu-verdict>` shows the result.
 *
 * `/verify#<digits>` is what a phone's camera app opens from the printed QR code: the locator is
 * then already known and only the scrambled image is needed.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { beginWork } from '../../app/activity.ts';
import { inputFailureReport, readLocatorInWorker, verifyPages, verifyPixels } from '../../app/verifier.ts';
import { canReadClipboard, cameFromShare, onLaunchFiles, pastedFile, readClipboardFile, takeSharedFile } from '../../app/verifier-handoff.ts';
import { VERIFIER_ACCEPT, dpiIfA4, isPdfFile, joinPages, locatePage, locatorFromHash, openVerifierInput, scanPreview, type CameraProblem, type VerifierInput, type VerifierPages } from '../../app/verifier-input.ts';
import { AbortedError } from '../../bytes/errors.ts';
import type { VerificationReport } from '../../verify/report.ts';
import { reportReason } from '../shared/error-messages.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { buttonRow, elementStyles } from '../shared/styles.ts';
import { paperSource, type PaperSource } from '../../app/paper-check.ts';
import './latent-view.ts';
import './verdict-panel.ts';
import './camera-capture.ts';
import type { CameraResultDetail } from './camera-capture.ts';

/** Where the pixels came from: a PDF file is not paper, so the paper check's originality does not apply. */
type PaperInput = { source: PaperSource; digital: boolean };

type Status =
  | { kind: 'idle' }
  | { kind: 'camera' }
  | { kind: 'working'; percent: number; image?: { width: number; height: number } }
  | { kind: 'done'; report: VerificationReport; image?: { width: number; height: number }; paper?: PaperInput };

type LocatorState = { kind: 'none' } | { kind: 'known'; text: string; serial: number } | { kind: 'bad' };

@customElement('kofu-verifier-home')
export class KofuVerifierHome extends LitElement {
  static override styles = [
    ...elementStyles,
    buttonRow,
    css`
      .drop {
        border: 2px dashed var(--kofu-line);
        border-radius: var(--kofu-radius);
        background: var(--kofu-paper);
        padding: 20px;
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        align-items: center;
      }
      .flow {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      [data-result='error'] {
        font-size: 1.1rem;
        font-weight: 700;
      }
      /* With a result, the verdict comes first (a phone shows it without scrolling); the inputs
         stay in the DOM below it, so the file input keeps its identity. */
      .flow.result-first .status {
        order: -1;
      }
      .drop[hidden] {
        display: none;
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
      progress {
        width: min(240px, 60vw);
      }
      .locator {
        border-left: 6px solid var(--kofu-accent);
        background: #eef5ff;
        padding: 8px 12px;
        font-weight: 700;
      }
    `,
  ];

  @state() private status: Status = { kind: 'idle' };
  @state() private dragOver = false;
  @state() private locator: LocatorState = { kind: 'none' };
  @state() private cameraError?: string;
  @state() private pasteNote?: string;
  @state() private scan?: ImageBitmap;
  /** Every page's preview, by page index over all files given. */
  @state() private previews: (ImageBitmap | undefined)[] = [];
  /** The files given so far: "add the back" checks them again with the new one. */
  private inputs: VerifierInput[] = [];
  private controller?: AbortController;
  private readonly i18n = new LanguageController(this);
  private readonly onHash = () => void this.readHash();
  /** Ctrl+V (or the system's paste) anywhere on the page: an image on the clipboard is verified. */
  private readonly onPaste = (event: ClipboardEvent) => {
    const file = pastedFile(event.clipboardData);
    if (!file || this.status.kind === 'working') return;
    event.preventDefault();
    void this.open(file);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.onHash);
    addEventListener('paste', this.onPaste);
    void this.readHash();
    void this.openHandedFiles();
  }

  /** A file from the share sheet (`/verify?shared=1`) or from "open with" on the installed app. */
  private async openHandedFiles(): Promise<void> {
    onLaunchFiles((file) => void this.open(file));
    if (!cameFromShare(location.search)) return;
    history.replaceState(history.state, '', location.pathname + location.hash);
    const file = await takeSharedFile().catch(() => undefined);
    if (file) await this.open(file);
  }

  private async pasteFromClipboard(): Promise<void> {
    const file = await readClipboardFile();
    this.pasteNote = file ? undefined : t('verify.paste-none');
    if (file) await this.open(file);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.onHash);
    removeEventListener('paste', this.onPaste);
    this.controller?.abort();
    this.stopCamera();
  }

  /** `/verify#<digits>`: the locator the phone's camera app read from the printed QR code. */
  private async readHash(): Promise<void> {
    const fragment = locatorFromHash(location.hash);
    if (fragment === undefined) {
      this.locator = { kind: 'none' };
      return;
    }
    const peek = await readLocatorInWorker(fragment).catch(() => undefined);
    this.locator = peek?.ok ? { kind: 'known', text: fragment, serial: peek.serial } : { kind: 'bad' };
  }

  /**
   * Opens the files given (front and back as two files, or one of them); with `add`, they join
   * the pages already given ("add the back") and the whole sheet is checked again.
   */
  private async open(file: File | readonly File[] | undefined, add = false): Promise<void> {
    const files = file === undefined ? [] : Array.isArray(file) ? file : [file as File];
    if (files.length === 0) return;
    this.stopCamera();
    const inputs: VerifierInput[] = files.map((f) => ({ kind: 'file', file: f }));
    await this.run(add ? [...this.inputs, ...inputs] : inputs);
  }

  /** Reads the inputs' pages, shows the scan, runs the whole-sheet pipeline in the worker. */
  private async run(given: VerifierInput | readonly VerifierInput[]): Promise<void> {
    const inputs = Array.isArray(given) ? [...given] : [given as VerifierInput];
    this.inputs = inputs.filter((i) => i.kind === 'file');
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    const done = beginWork('verify');
    this.scan = undefined;
    this.status = { kind: 'working', percent: 0 };
    try {
      let pages: VerifierPages;
      const parts: VerifierPages[] = [];
      try {
        for (const input of inputs) parts.push(await openVerifierInput(input, controller.signal));
        pages = joinPages(parts);
      } catch (error) {
        if (error instanceof AbortedError || controller.signal.aborted) throw new AbortedError();
        this.status = { kind: 'done', report: inputFailureReport(error) };
        return;
      }
      let size: { width: number; height: number } | undefined;
      const locatorText = this.locator.kind === 'known' ? this.locator.text : undefined;
      // A TIFF may hold several pages: each is tried until one carries the back side.
      const tried: { size: { width: number; height: number }; preview?: ImageBitmap; paper?: PaperInput }[] = [];
      const { report, page } = await verifyPages(pages, {
        signal: controller.signal,
        locatorText,
        onPage: async (index, pixels) => {
          size = { width: pixels.width, height: pixels.height };
          this.status = { kind: 'working', percent: 0, image: size };
          // Kept before the pixels go to the worker: the paper check reads the page again.
          const at = locatePage(parts.map((p) => p.count), index);
          const input = inputs[at.part];
          const paper = { source: paperSource(input, at.index), digital: input.kind === 'file' && isPdfFile(input.file) };
          tried[index] = { size, preview: (this.scan = await scanPreview(pixels)), paper };
        },
        onProgress: (fraction) => {
          if (this.controller === controller) this.status = { kind: 'working', percent: Math.round(fraction * 100), image: size };
        },
      });
      if (this.controller === controller) {
        const paper = tried[page]?.paper;
        ({ size, preview: this.scan } = tried[page] ?? { size });
        this.previews = tried.map((t) => t?.preview);
        this.status = { kind: 'done', report, image: size, paper };
        await this.updateComplete;
        // On a phone the verdict would sit below the fold: bring it up.
        this.renderRoot.querySelector('kofu-verdict')?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
      }
    } catch (error) {
      if (this.controller !== controller) return;
      if (error instanceof AbortedError) this.status = { kind: 'idle' };
      else this.status = { kind: 'done', report: inputFailureReport(error) };
    } finally {
      done();
    }
  }

  // ---- camera (src/ui/verifier/camera-capture.ts) ------------------------------------------------

  private startCamera(): void {
    this.cameraError = undefined;
    this.status = { kind: 'camera' };
  }

  private stopCamera(): void {
    if (this.status.kind === 'camera') this.status = { kind: 'idle' };
  }

  /** Automatic capture: the camera's scan ended with a report a better frame would not change. */
  private cameraResult(detail: CameraResultDetail): void {
    this.scan = detail.preview;
    this.previews = [detail.preview];
    this.inputs = [];
    this.status = { kind: 'done', report: detail.report, image: detail.image, paper: { source: paperSource({ kind: 'frame', frame: detail.frame }), digital: false } };
  }

  private again(): void {
    this.controller?.abort();
    this.status = { kind: 'idle' };
    this.scan = undefined;
    this.previews = [];
    this.inputs = [];
    // The next certificate has its own QR code: forget the one the URL carried.
    if (this.locator.kind !== 'none') {
      this.locator = { kind: 'none' };
      history.replaceState(history.state, '', location.pathname + location.search);
    }
  }

  // ---- rendering --------------------------------------------------------------------------------

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragOver = false;
    void this.open([...(event.dataTransfer?.files ?? [])]);
  }

  private renderLocator() {
    if (this.locator.kind === 'known') return html`<p class="locator" data-locator="known">${t('verify.locator-known', { serial: String(this.locator.serial).padStart(6, '0') })}</p>`;
    if (this.locator.kind === 'bad') return html`<p class="locator" data-locator="bad">${t('verify.locator-bad')}</p>`;
    return nothing;
  }

  private renderInputs(hidden: boolean) {
    // Always in the DOM (hidden while busy), so the file input keeps its identity.
    return html`<div
        ?hidden=${hidden}
        class="drop ${this.dragOver ? 'over' : ''}"
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.dragOver = true;
        }}
        @dragleave=${() => (this.dragOver = false)}
        @drop=${this.onDrop}
      >
        <label class="button">
          ${t('verify.choose-file')}
          <input
            type="file"
            multiple
            accept=${VERIFIER_ACCEPT}
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              void this.open([...(input.files ?? [])]);
              input.value = '';
            }}
          />
        </label>
        <button class="secondary" data-action="camera" @click=${() => this.startCamera()}>${t('verify.camera')}</button>
        ${canReadClipboard() ? html`<button class="secondary" data-action="paste" @click=${() => void this.pasteFromClipboard()}>${t('verify.paste')}</button>` : nothing}
        <span>${t('verify.drop-here')}</span>
      </div>
      ${this.cameraError ? html`<p role="alert" class="error" data-camera-error>${this.cameraError}</p>` : nothing}
      ${this.pasteNote ? html`<p role="status" data-paste-note>${this.pasteNote}</p>` : nothing}`;
  }

  private renderStatus() {
    const status = this.status;
    const loaded = (image?: { width: number; height: number }) =>
      image
        ? html`<p class="ok" data-result="loaded">${t('verify.loaded', { width: image.width, height: image.height, dpi: String(dpiIfA4(image.width, image.height)) })}</p>`
        : nothing;
    switch (status.kind) {
      case 'camera':
        return html`<kofu-camera-capture
          .locatorText=${this.locator.kind === 'known' ? this.locator.text : undefined}
          @kofu-camera-result=${(e: CustomEvent<CameraResultDetail>) => this.cameraResult(e.detail)}
          @kofu-camera-frame=${(e: CustomEvent<{ frame: ImageData }>) => void this.run({ kind: 'frame', frame: e.detail.frame })}
          @kofu-camera-error=${(e: CustomEvent<{ problem: CameraProblem }>) => ((this.cameraError = t(`verify.camera.${e.detail.problem}`)), this.stopCamera())}
          @kofu-camera-close=${() => this.stopCamera()}
        ></kofu-camera-capture>`;
      case 'working':
        return html`${loaded(status.image)}
          <p role="status">
            ${t('verify.working', { percent: status.percent })}
            <progress max="100" value=${status.percent}></progress>
            <button class="secondary" @click=${() => this.controller?.abort()}>${t('verify.cancel')}</button>
          </p>`;
      case 'done': {
        const report = status.report;
        return html`${loaded(status.image)}
          ${report.stage === 'input' ? html`<p role="alert" class="error" data-result="error">${reportReason(report, language())}</p>` : nothing}
          <kofu-verdict .report=${report} .scan=${this.scan} .previews=${this.previews}></kofu-verdict>
          ${status.paper && report.stage !== 'input'
            ? html`<kofu-latent-view .source=${status.paper.source} .dpi=${report.diagnostics?.estimatedDpi} ?digital=${status.paper.digital}></kofu-latent-view>`
            : nothing}
          <div class="row">
            ${this.inputs.length > 0 ? this.renderAddPage(report) : nothing}
            <button data-action="again" @click=${() => this.again()}>${t('verify.again')}</button>
          </div>`;
      }
      default:
        return nothing;
    }
  }

  /** "Add the back" (after a front alone) or "add the back or front": another file joins the pages given. */
  private renderAddPage(report: VerificationReport) {
    const label = t(report.notes?.includes('front-only') ? 'verify.add-back' : 'verify.add-page');
    return html`<label class="button" data-action="add-page">
      ${label}
      <input
        type="file"
        multiple
        accept=${VERIFIER_ACCEPT}
        data-add-page
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          void this.open([...(input.files ?? [])], true);
          input.value = '';
        }}
      />
    </label>`;
  }

  override render() {
    const busy = this.status.kind === 'working' || this.status.kind === 'camera';
    return html`
      <h1>${t('verify.heading')}</h1>
      <p>${t('verify.lead')}</p>
      ${this.renderLocator()}
      <div class="flow ${this.status.kind === 'done' ? 'result-first' : ''}">
        ${this.renderInputs(busy)}
        <div class="status">${this.renderStatus()}</div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-verifier-home': KofuVerifierHome;
  }
}
