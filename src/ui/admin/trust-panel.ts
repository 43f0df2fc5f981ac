/**
 * `<kofu-admin-trust>`: the admin screen's trust tools.
 *
 * - Demo mode switch (with what turning it off means).
 * - This tablet's signer and the trust lists in use, with stale and revoked warnings.
 * - Tablet side of provisioning: create a signing request (downloads the request file), install
 *   the certificate file; import trust lists from a file or an allowed URL, registering a new
 *   publisher only after staff type the key id the municipality published.
 * - Admin-device side: create or restore the municipality root, download its encrypted backup,
 *   certify a tablet's request, revoke a tablet, publish the next trust list.
 * - Issuance log: export for audit, verify this device's log or an exported file.
 *
 * All work goes through TrustService / IssuanceLogTools (src/app/trust-service.ts); this element
 * only collects input, shows state and hands files to the browser.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { beginWork } from '../../app/activity.ts';
import { onDemoModeChange } from '../../app/demo-mode.ts';
import {
  DEFAULT_SIGNER_VALIDITY_DAYS,
  DEFAULT_TRUST_LIST_VALIDITY_DAYS,
  ListSource,
  issuanceLogTools,
  isUnknownPublisher,
  trustService,
  type IssuanceLogTools,
  type IssuedSigner,
  type RootInfo,
  type SignerStatus,
  type TrustListSummary,
  type TrustService,
  TrustServiceError,
} from '../../app/trust-service.ts';
import { describeError } from '../shared/error-messages.ts';
import type { LogReport } from '../../seal/audit-log.ts';
import { MAX_BACKUP_FILE_BYTES, MIN_PASSPHRASE_LENGTH } from '../../seal/keys.ts';
import { MAX_SIGNER_CERTIFICATE_BYTES, MAX_SIGNER_REQUEST_BYTES } from '../../seal/signer-certificate.ts';
import { MAX_TRUST_LIST_BYTES } from '../../seal/trust-list.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { messages } from '../shared/messages.ts';
import { controls, panels, tokens } from '../shared/styles.ts';
import { browserSaveFile, type SaveFile } from '../shared/download.ts';

type Section = 'demo' | 'signer' | 'trust' | 'root' | 'log';
type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; error: unknown };

/** File name suffixes staff will see; the content is the binary format from docs/formats.md. */
export const FileKind = {
  request: '.kofureq',
  certificate: '.kofucert',
  trustList: '.kofutrust',
  rootBackup: '.kofukey',
  log: '.json',
} as const;

export { browserSaveFile, type SaveFile };

/** An exported issuance log of ~250,000 entries; anything larger is not one of ours. */
export const MAX_LOG_FILE_BYTES = 64 * 1024 * 1024;

/** Reads a chosen file, refusing one far larger than its format allows before loading it into memory. */
async function readFile(file: File, maxBytes: number): Promise<Uint8Array> {
  if (file.size > maxBytes) {
    throw new TrustServiceError('file.too-large', {
      ja: `「${file.name}」は大きすぎるため、この操作のファイルではありません。選んだファイルを確認してください。何も変更していません。`,
      en: `“${file.name}” is too large to be the file for this step. Check the file you chose. Nothing was changed.`,
    });
  }
  return new Uint8Array(await file.arrayBuffer());
}
const fileSafe = (s: string) => s.replace(/[^0-9A-Za-z_-]+/g, '_').slice(0, 40) || 'device';

function formatDate(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString(language() === 'ja' ? 'ja-JP' : 'en-GB', { year: 'numeric', month: 'short', day: 'numeric' });
}

function formatDateTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString(language() === 'ja' ? 'ja-JP' : 'en-GB');
}

/** Key ids in groups of four hex digits, as staff read them aloud or compare them on paper. */
const groupedKid = (kid: string) => kid.replace(/(.{4})(?=.)/g, '$1 ');

@customElement('kofu-admin-trust')
export class KofuAdminTrust extends LitElement {
  static override styles = [
    tokens,
    controls,
    panels,
    css`
      h3 {
        margin: 20px 0 8px;
        font-size: 1.05rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 4px 16px;
        margin: 8px 0;
      }
      .kid {
        font-family: ui-monospace, 'Noto Sans Mono', monospace;
        letter-spacing: 0.04em;
      }
      .actions,
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 12px;
        margin: 8px 0;
      }
      label.field {
        display: flex;
        flex-direction: column;
        gap: 4px;
        font-size: 0.95rem;
        min-width: 0;
        max-width: 100%;
      }
      label.field input {
        max-width: 100%;
      }
      dl {
        grid-template-columns: max-content minmax(0, 1fr);
      }
      dd {
        overflow-wrap: anywhere;
      }
      .table-scroll {
        max-width: 100%;
        overflow-x: auto;
      }
      input[type='text'],
      input[type='password'],
      input[type='number'],
      input[type='url'] {
        min-height: var(--kofu-touch);
        box-sizing: border-box;
        padding: 0 12px;
        border: 1px solid var(--kofu-line);
        border-radius: var(--kofu-radius);
        font: inherit;
      }
      input[type='number'] {
        width: 7em;
      }
      .switch {
        display: flex;
        align-items: center;
        gap: 12px;
        min-height: var(--kofu-touch);
        font-weight: 600;
      }
      .switch input {
        width: 28px;
        height: 28px;
      }
      .warning {
        color: var(--kofu-danger);
        font-weight: 600;
      }
      .demo {
        color: var(--kofu-demo);
        font-weight: 700;
      }
      .hint,
      table {
        border-collapse: collapse;
        margin: 8px 0;
      }
      th,
      td {
        text-align: left;
        padding: 4px 12px 4px 0;
        border-bottom: 1px solid var(--kofu-line);
      }
      summary {
        cursor: pointer;
        min-height: var(--kofu-touch);
        display: flex;
        align-items: center;
        font-weight: 600;
      }
      ul.problems li {
        color: var(--kofu-danger);
      }
    `,
  ];

  /** The services; tests inject ones over a scratch database. */
  @property({ attribute: false }) service: TrustService = trustService();
  @property({ attribute: false }) logTools: IssuanceLogTools = issuanceLogTools();
  /** How files reach the user; tests replace it to capture them. */
  @property({ attribute: false }) saveFile: SaveFile = browserSaveFile;

  @state() private loaded = false;
  @state() private working = false;
  @state() private demoMode = true;
  @state() private signer?: SignerStatus;
  @state() private realSigner?: SignerStatus;
  @state() private lists: { list?: TrustListSummary; demoList?: TrustListSummary } = {};
  @state() private root?: RootInfo;
  @state() private issued: IssuedSigner[] = [];
  @state() private anchors: { kid: string; label: string }[] = [];
  @state() private configuredUrl?: string;
  @state() private outcomes: Partial<Record<Section, Outcome>> = {};
  /** A trust list whose publisher is not registered yet, waiting for staff to confirm its key id. */
  @state() private pendingPublisher?: { bytes: Uint8Array; source: string; kid: string; name: string; municipality: number };
  /** A request file read on the admin device, waiting for staff to check it and certify. */
  @state() private pendingRequest?: { bytes: Uint8Array; deviceId: string; municipality: number; kid: string };
  @state() private logReport?: LogReport;
  @state() private restoreFileName?: string;

  private readonly i18n = new LanguageController(this);
  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    const stopService = this.service.onChange(() => void this.refresh());
    const stopDemo = onDemoModeChange(() => void this.refresh()); // also when another tab switches it
    this.unsubscribe = () => {
      stopService();
      stopDemo();
    };
    void this.refresh();
  }

  override disconnectedCallback(): void {
    this.unsubscribe?.();
    super.disconnectedCallback();
  }

  private refreshes = 0;

  /** Re-reads everything shown. Safe to call any time: only the newest of overlapping calls is shown. */
  async refresh(): Promise<void> {
    const generation = ++this.refreshes;
    try {
      // Read everything first and assign together, so the screen never shows a half-updated state.
      const service = this.service;
      const demoMode = await service.demoMode();
      const lists = await service.trustListSummaries(); // in demo mode this provisions the demo key and list
      const signer = await service.signerStatus();
      const realSigner = demoMode ? await service.signerStatus(false) : signer;
      const [root, issued, anchors, configuredUrl] = await Promise.all([service.rootInfo(), service.issuedSigners(), service.registeredAnchors(), service.trustListUrl()]);
      if (generation !== this.refreshes) return;
      this.demoMode = demoMode;
      this.lists = lists;
      this.signer = signer;
      this.realSigner = realSigner;
      this.root = root;
      this.issued = issued;
      this.anchors = anchors;
      this.configuredUrl = configuredUrl;
    } catch (error) {
      if (generation === this.refreshes) this.outcomes = { ...this.outcomes, signer: { kind: 'error', error } };
    } finally {
      this.loaded = true;
    }
  }

  /**
   * Runs one action: holds off app updates meanwhile, then shows its outcome in its section
   * together with the refreshed state (never a success message next to the old state).
   */
  private async run(section: Section, task: () => Promise<string | undefined>): Promise<void> {
    const done = beginWork(`admin-trust:${section}`);
    this.working = true;
    this.outcomes = { ...this.outcomes, [section]: undefined };
    let outcome: Outcome | undefined;
    try {
      const message = await task();
      if (message !== undefined) outcome = { kind: 'ok', text: message };
    } catch (error) {
      outcome = { kind: 'error', error };
    }
    try {
      await this.refresh();
    } finally {
      this.outcomes = { ...this.outcomes, [section]: outcome };
      this.working = false;
      done();
    }
  }

  private fields(form: HTMLFormElement): Record<string, string> {
    return Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)]));
  }

  private onFile(handler: (file: File) => void) {
    return (event: Event) => {
      const input = event.target as HTMLInputElement;
      const file = input.files?.[0];
      input.value = '';
      if (file) handler(file);
    };
  }

  // ---- actions ---------------------------------------------------------------------------------

  private setDemoMode(on: boolean): Promise<void> {
    return this.run('demo', async () => {
      await this.service.setDemoMode(on);
      return on ? t('trust.demo.turned-on') : t('trust.demo.turned-off');
    });
  }

  private createRequest(event: SubmitEvent): Promise<void> | undefined {
    event.preventDefault();
    const { deviceId, municipality } = this.fields(event.target as HTMLFormElement);
    if (this.realSigner?.pending && !confirm(t('trust.request.confirm-replace'))) return undefined;
    return this.run('signer', async () => {
      const bytes = await this.service.createSignerRequest(deviceId.trim(), Number(municipality));
      this.saveFile(`kofu-request-${fileSafe(deviceId)}${FileKind.request}`, bytes, 'application/octet-stream');
      return t('trust.request.created');
    });
  }

  private installCertificate(file: File): Promise<void> {
    return this.run('signer', async () => {
      const info = await this.service.installSignerCertificate(await readFile(file, MAX_SIGNER_CERTIFICATE_BYTES));
      return t('trust.certificate.installed', { deviceId: info.deviceId, until: formatDate(info.notAfter) });
    });
  }

  private importList(from: { file: File } | { url: string }): Promise<void> {
    this.pendingPublisher = undefined;
    return this.run('trust', async () => {
      const { bytes: listBytes, url: listSource } =
        'file' in from ? { bytes: await readFile(from.file, MAX_TRUST_LIST_BYTES), url: from.file.name } : await this.service.downloadTrustList(from.url);
      try {
        const list = await this.service.importTrustList(listBytes, listSource);
        return t('trust.list.imported', { version: list.version });
      } catch (error) {
        if (!isUnknownPublisher(error)) throw error;
        const publisher = await this.service.findUntrustedPublisher(listBytes);
        if (!publisher) throw error;
        this.pendingPublisher = { bytes: listBytes, source: listSource, kid: publisher.kid, name: publisher.name, municipality: publisher.municipality };
        return undefined;
      }
    });
  }

  private confirmPublisher(event: SubmitEvent): Promise<void> | undefined {
    event.preventDefault();
    const pending = this.pendingPublisher;
    if (!pending) return undefined;
    const { kid } = this.fields(event.target as HTMLFormElement);
    return this.run('trust', async () => {
      const list = await this.service.trustPublisherAndImport(pending.bytes, kid, pending.source);
      this.pendingPublisher = undefined;
      return t('trust.list.imported', { version: list.version });
    });
  }

  private importFromUrl(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { url } = this.fields(event.target as HTMLFormElement);
    return this.importList({ url: url.trim() });
  }

  private saveUrl(form: HTMLFormElement): Promise<void> {
    const { url } = this.fields(form);
    return this.run('trust', async () => {
      await this.service.setTrustListUrl(url.trim());
      return t('trust.url.saved');
    });
  }

  private createRoot(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { municipality, name } = this.fields(event.target as HTMLFormElement);
    return this.run('root', async () => {
      const root = await this.service.createRoot(Number(municipality), name);
      return t('trust.root.created', { name: root.name });
    });
  }

  private restoreRoot(event: SubmitEvent): Promise<void> | undefined {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const file = (form.querySelector('input[name="file"]') as HTMLInputElement).files?.[0];
    const { passphrase } = this.fields(form);
    return this.run('root', async () => {
      if (!file) throw new TrustServiceError('root.no-file', { ja: messages.ja['trust.root.choose-file'], en: messages.en['trust.root.choose-file'] });
      const root = await this.service.restoreRoot(await readFile(file, MAX_BACKUP_FILE_BYTES), passphrase);
      form.reset();
      this.restoreFileName = undefined;
      return t('trust.root.restored', { name: root.name });
    });
  }

  private backupRoot(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { passphrase, again } = this.fields(form);
    return this.run('root', async () => {
      const bytes = await this.service.exportRootBackup(passphrase, again);
      form.reset();
      this.saveFile(`kofu-root-${this.root?.municipality ?? 'key'}${FileKind.rootBackup}`, bytes, 'application/octet-stream');
      return t('trust.backup.saved');
    });
  }

  private deleteRoot(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { kid } = this.fields(event.target as HTMLFormElement);
    return this.run('root', async () => {
      await this.service.deleteRoot(kid);
      return t('trust.root.removed');
    });
  }

  private readRequest(file: File): Promise<void> {
    this.pendingRequest = undefined;
    return this.run('root', async () => {
      const bytes = await readFile(file, MAX_SIGNER_REQUEST_BYTES);
      const request = await this.service.readSignerRequest(bytes);
      this.pendingRequest = { bytes, deviceId: request.deviceId, municipality: request.municipality, kid: request.kidHex };
      return undefined;
    });
  }

  private certify(event: SubmitEvent): Promise<void> | undefined {
    event.preventDefault();
    const pending = this.pendingRequest;
    if (!pending) return undefined;
    const { days } = this.fields(event.target as HTMLFormElement);
    return this.run('root', async () => {
      const { certificate, issued } = await this.service.certifySigner(pending.bytes, Number(days));
      this.pendingRequest = undefined;
      this.saveFile(`kofu-certificate-${fileSafe(issued.deviceId)}${FileKind.certificate}`, certificate, 'application/octet-stream');
      return t('trust.certify.done', { deviceId: issued.deviceId, until: formatDate(issued.notAfter) });
    });
  }

  private revoke(kid: string, label: string): Promise<void> | undefined {
    if (!confirm(t('trust.revoke.confirm', { label }))) return undefined;
    return this.run('root', async () => {
      const { bytes, list } = await this.service.revokeSigner(kid);
      this.saveFile(`kofu-trust-list-v${list.version}${FileKind.trustList}`, bytes, 'application/octet-stream');
      return t('trust.revoke.done', { version: list.version });
    });
  }

  private publish(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { days } = this.fields(event.target as HTMLFormElement);
    return this.run('root', async () => {
      const { bytes, list } = await this.service.publishTrustList(Number(days));
      this.saveFile(`kofu-trust-list-v${list.version}${FileKind.trustList}`, bytes, 'application/octet-stream');
      return t('trust.publish.done', { version: list.version });
    });
  }

  private exportLog(): Promise<void> {
    return this.run('log', async () => {
      const result = await this.logTools.export();
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      this.saveFile(`kofu-issuance-log-${stamp}${FileKind.log}`, result.json, 'application/json');
      return result.signedHead ? t('trust.log.exported', { entries: result.entries }) : t('trust.log.exported-unsigned', { entries: result.entries });
    });
  }

  private verifyLog(file?: File): Promise<void> {
    this.logReport = undefined;
    return this.run('log', async () => {
      const text = file ? new TextDecoder().decode(await readFile(file, MAX_LOG_FILE_BYTES)) : undefined;
      this.logReport = await this.logTools.verify(text);
      return undefined;
    });
  }

  // ---- rendering -------------------------------------------------------------------------------

  private outcome(section: Section): TemplateResult | typeof nothing {
    const outcome = this.outcomes[section];
    if (!outcome) return nothing;
    return outcome.kind === 'ok'
      ? html`<p role="status" class="ok" data-result="ok">${outcome.text}</p>`
      : html`<p role="alert" class="error" data-result="error">${describeError(outcome.error, language())}</p>`;
  }

  private renderSignerInfo(status: SignerStatus | undefined, which: 'active' | 'real'): TemplateResult {
    if (!status) return html`<p>${t('common.working')}</p>`;
    if (status.state === 'none') return html`<p data-signer=${which} data-state="none">${status.demo ? t('trust.signer.none-demo') : t('trust.signer.none')}</p>`;
    if (status.state === 'requested') {
      return html`<div data-signer=${which} data-state="requested">
        <p class="warning">${t('trust.signer.requested')}</p>
        <dl>
          <dt>${t('trust.field.device')}</dt><dd data-field="device">${status.deviceId}</dd>
          <dt>${t('trust.field.kid')}</dt><dd class="kid" data-field="kid">${groupedKid(status.kid)}</dd>
          <dt>${t('trust.field.requested-at')}</dt><dd>${formatDateTime(status.createdAt)}</dd>
        </dl>
      </div>`;
    }
    return html`<div data-signer=${which} data-state="certified" data-demo=${String(status.demo)}>
      ${status.demo ? html`<p class="demo">${t('trust.signer.demo-note')}</p>` : nothing}
      ${status.revoked ? html`<p class="warning" data-warning="revoked">${t('trust.signer.revoked')}</p>` : nothing}
      ${status.expired ? html`<p class="warning" data-warning="expired">${t('trust.signer.expired')}</p>` : nothing}
      ${status.expiresSoon && !status.demo ? html`<p class="warning" data-warning="expires-soon">${t('trust.signer.expires-soon', { date: formatDate(status.notAfter) })}</p>` : nothing}
      <dl>
        <dt>${t('trust.field.device')}</dt><dd data-field="device">${status.deviceId}</dd>
        <dt>${t('trust.field.municipality')}</dt><dd data-field="municipality">${status.municipality}</dd>
        <dt>${t('trust.field.validity')}</dt><dd data-field="validity">${formatDate(status.notBefore)} – ${formatDate(status.notAfter)}</dd>
        <dt>${t('trust.field.kind')}</dt><dd data-field="kind">${status.demo ? t('trust.kind.demo') : t('trust.kind.real')}</dd>
        <dt>${t('trust.field.kid')}</dt><dd class="kid" data-field="kid">${groupedKid(status.kid)}</dd>
      </dl>
      ${status.pending
        ? html`<div data-pending>
            <p class="warning">${t('trust.signer.pending')}</p>
            <dl>
              <dt>${t('trust.field.device')}</dt><dd>${status.pending.deviceId}</dd>
              <dt>${t('trust.field.kid')}</dt><dd class="kid" data-field="pending-kid">${groupedKid(status.pending.kid)}</dd>
              <dt>${t('trust.field.requested-at')}</dt><dd>${formatDateTime(status.pending.createdAt)}</dd>
            </dl>
          </div>`
        : nothing}
    </div>`;
  }

  private renderList(summary: TrustListSummary | undefined, which: 'real' | 'demo'): TemplateResult {
    if (!summary) return html`<p data-list=${which} data-state="none">${which === 'demo' ? t('trust.list.none-demo') : t('trust.list.none')}</p>`;
    return html`<div data-list=${which} data-version=${summary.version}>
      ${summary.status.stale ? html`<p class="warning" data-warning="stale">${summary.status.message[language()]}</p>` : nothing}
      <dl>
        <dt>${t('trust.field.version')}</dt><dd data-field="version">${summary.version}${summary.demo ? html` <span class="demo">${t('trust.kind.demo')}</span>` : nothing}</dd>
        <dt>${t('trust.field.issued')}</dt><dd>${formatDate(summary.issuedAt)}</dd>
        <dt>${t('trust.field.next-update')}</dt><dd data-field="next-update">${formatDate(summary.nextUpdate)}</dd>
        <dt>${t('trust.field.roots')}</dt>
        <dd data-field="roots">${summary.roots.map((r) => html`<div>${r.name}（${r.municipality}）${r.demo ? html` <span class="demo">${t('trust.kind.demo')}</span>` : nothing}</div>`)}</dd>
        <dt>${t('trust.field.revoked')}</dt><dd data-field="revoked">${summary.revokedCount}</dd>
        <dt>${t('trust.field.publisher')}</dt><dd class="kid">${groupedKid(summary.anchorKid)}</dd>
        ${summary.source
          ? html`<dt>${t('trust.field.source')}</dt>
              <dd>${summary.source === ListSource.demo ? t('trust.source.demo') : summary.source === ListSource.published ? t('trust.source.published') : summary.source}</dd>`
          : nothing}
      </dl>
    </div>`;
  }

  private renderDemo(): TemplateResult {
    return html`<section data-section="demo">
      <h2>${t('trust.demo.heading')}</h2>
      <label class="switch">
        <input type="checkbox" data-action="demo-mode" .checked=${this.demoMode} ?disabled=${this.working}
          @change=${(e: Event) => void this.setDemoMode((e.target as HTMLInputElement).checked)} />
        ${this.demoMode ? t('trust.demo.on') : t('trust.demo.off')}
      </label>
      <p>${t('trust.demo.explain')}</p>
      <p class="hint">${t('trust.demo.explain-off')}</p>
      ${this.outcome('demo')}
    </section>`;
  }

  private renderSigner(): TemplateResult {
    const real = this.realSigner;
    return html`<section data-section="signer">
      <h2>${t('trust.signer.heading')}</h2>
      ${this.renderSignerInfo(this.signer, 'active')}
      ${this.demoMode
        ? html`<h3>${t('trust.signer.real-heading')}</h3>
            ${this.renderSignerInfo(real, 'real')}`
        : nothing}
      <h3>${t('trust.provision.heading')}</h3>
      <p class="hint">${t('trust.provision.lead')}</p>
      <form data-form="request" @submit=${(e: SubmitEvent) => void this.createRequest(e)}>
        <label class="field">${t('trust.field.device')}
          <input type="text" name="deviceId" required maxlength="32" autocomplete="off" placeholder="T01"
            .value=${real?.state === 'requested' || real?.state === 'certified' ? real.deviceId : ''} /></label>
        <label class="field">${t('trust.field.municipality-code')}
          <input type="text" name="municipality" required inputmode="numeric" pattern="[0-9]{5,6}" autocomplete="off" placeholder="131016"
            .value=${real?.state === 'certified' ? String(real.municipality) : real?.state === 'requested' && real.municipality ? String(real.municipality) : ''} /></label>
        <button type="submit" data-action="create-request" ?disabled=${this.working}>${t('trust.request.create')}</button>
      </form>
      <div class="actions">
        <label class="button secondary">
          ${t('trust.certificate.install')}
          <input type="file" accept="${FileKind.certificate},application/octet-stream" data-action="install-certificate" ?disabled=${this.working}
            @change=${this.onFile((file) => void this.installCertificate(file))} />
        </label>
      </div>
      ${this.outcome('signer')}
    </section>`;
  }

  private renderTrust(): TemplateResult {
    const pending = this.pendingPublisher;
    return html`<section data-section="trust">
      <h2>${t('trust.list.heading')}</h2>
      ${this.renderList(this.lists.list, 'real')}
      ${this.demoMode ? html`<h3>${t('trust.list.demo-heading')}</h3>${this.renderList(this.lists.demoList, 'demo')}` : nothing}
      <h3>${t('trust.list.import-heading')}</h3>
      <div class="actions">
        <label class="button secondary">
          ${t('trust.list.import-file')}
          <input type="file" accept="${FileKind.trustList},application/octet-stream" data-action="import-list" ?disabled=${this.working}
            @change=${this.onFile((file) => void this.importList({ file }))} />
        </label>
      </div>
      <form data-form="import-url" @submit=${(e: SubmitEvent) => void this.importFromUrl(e)}>
        <label class="field">${t('trust.field.url')}
          <input type="url" name="url" required size="40" .value=${this.configuredUrl ?? ''} placeholder="https://…" /></label>
        <button type="submit" data-action="import-url" ?disabled=${this.working}>${t('trust.list.import-url')}</button>
        <button type="button" class="secondary" data-action="save-url" ?disabled=${this.working}
          @click=${(e: Event) => void this.saveUrl((e.target as HTMLElement).closest('form')!)}>${t('trust.url.save')}</button>
      </form>
      <p class="hint">${t('trust.url.rule')}</p>
      ${pending
        ? html`<p class="warning" data-publisher-question>${t('trust.publisher.unknown', { name: pending.name, municipality: pending.municipality })}</p>
            <form data-form="confirm-publisher" @submit=${(e: SubmitEvent) => void this.confirmPublisher(e)}>
            <label class="field">${t('trust.publisher.kid')}
              <input type="text" name="kid" required autocomplete="off" class="kid" size="24" placeholder="0123 4567 89ab cdef" /></label>
            <button type="submit" data-action="confirm-publisher" ?disabled=${this.working}>${t('trust.publisher.confirm')}</button>
            <button type="button" class="secondary" @click=${() => (this.pendingPublisher = undefined)}>${t('trust.cancel')}</button>
          </form>`
        : nothing}
      ${this.anchors.length > 0
        ? html`<h3>${t('trust.publishers.heading')}</h3>
            <ul data-field="publishers">${this.anchors.map((a) => html`<li>${a.label} <span class="kid">${groupedKid(a.kid)}</span></li>`)}</ul>`
        : nothing}
      ${this.outcome('trust')}
    </section>`;
  }

  private renderRootKey(): TemplateResult {
    const root = this.root;
    const minimum = String(MIN_PASSPHRASE_LENGTH);
    if (!root) {
      return html`<section data-section="root">
        <h2>${t('trust.root.heading')}</h2>
        <p>${t('trust.root.lead')}</p>
        <form data-form="create-root" @submit=${(e: SubmitEvent) => void this.createRoot(e)}>
          <label class="field">${t('trust.field.municipality-code')}
            <input type="text" name="municipality" required inputmode="numeric" pattern="[0-9]{5,6}" autocomplete="off" placeholder="131016" /></label>
          <label class="field">${t('trust.field.municipality-name')}
            <input type="text" name="name" required maxlength="64" autocomplete="off" /></label>
          <button type="submit" data-action="create-root" ?disabled=${this.working}>${t('trust.root.create')}</button>
        </form>
        <h3>${t('trust.root.restore-heading')}</h3>
        <form data-form="restore-root" @submit=${(e: SubmitEvent) => void this.restoreRoot(e)}>
          <label class="button secondary">${t('trust.root.choose-backup')}
            <input type="file" name="file" accept="${FileKind.rootBackup},application/octet-stream" data-action="restore-file"
              @change=${(e: Event) => (this.restoreFileName = (e.target as HTMLInputElement).files?.[0]?.name)} /></label>
          ${this.restoreFileName ? html`<span data-field="restore-file">${this.restoreFileName}</span>` : nothing}
          <label class="field">${t('trust.field.passphrase')}
            <input type="password" name="passphrase" required autocomplete="off" /></label>
          <button type="submit" data-action="restore-root" ?disabled=${this.working}>${t('trust.root.restore')}</button>
        </form>
        ${this.outcome('root')}
      </section>`;
    }
    const request = this.pendingRequest;
    return html`<section data-section="root">
      <h2>${t('trust.root.heading')}</h2>
      <dl data-root>
        <dt>${t('trust.field.municipality-name')}</dt><dd data-field="root-name">${root.name}</dd>
        <dt>${t('trust.field.municipality-code')}</dt><dd>${root.municipality}</dd>
        <dt>${t('trust.field.created')}</dt><dd>${formatDateTime(root.createdAt)}</dd>
        <dt>${t('trust.field.publisher-kid')}</dt><dd class="kid" data-field="root-kid">${groupedKid(root.kid)}</dd>
      </dl>
      <p class="hint">${t('trust.root.publish-kid')}</p>

      <h3>${t('trust.backup.heading')}</h3>
      <p class="hint">${t('trust.backup.lead', { minimum: MIN_PASSPHRASE_LENGTH })}</p>
      <form data-form="backup-root" @submit=${(e: SubmitEvent) => void this.backupRoot(e)}>
        <label class="field">${t('trust.field.passphrase')}
          <input type="password" name="passphrase" required minlength=${minimum} autocomplete="new-password" /></label>
        <label class="field">${t('trust.field.passphrase-again')}
          <input type="password" name="again" required minlength=${minimum} autocomplete="new-password" /></label>
        <button type="submit" data-action="backup-root" ?disabled=${this.working}>${t('trust.backup.save')}</button>
      </form>

      <details>
        <summary>${t('trust.root.remove-heading')}</summary>
        <p class="hint">${t('trust.root.remove-lead')}</p>
        <form data-form="delete-root" @submit=${(e: SubmitEvent) => void this.deleteRoot(e)}>
          <label class="field">${t('trust.root.remove-kid')}
            <input type="text" name="kid" required autocomplete="off" class="kid" size="24" /></label>
          <button type="submit" class="secondary" data-action="delete-root" ?disabled=${this.working}>${t('trust.root.remove')}</button>
        </form>
      </details>

      <h3>${t('trust.certify.heading')}</h3>
      <div class="actions">
        <label class="button secondary">${t('trust.certify.choose')}
          <input type="file" accept="${FileKind.request},application/octet-stream" data-action="read-request" ?disabled=${this.working}
            @change=${this.onFile((file) => void this.readRequest(file))} /></label>
      </div>
      ${request
        ? html`<dl data-request>
              <dt>${t('trust.field.device')}</dt><dd data-field="request-device">${request.deviceId}</dd>
              <dt>${t('trust.field.municipality-code')}</dt><dd>${request.municipality}</dd>
              <dt>${t('trust.field.kid')}</dt><dd class="kid" data-field="request-kid">${groupedKid(request.kid)}</dd>
            </dl>
            <p class="warning">${t('trust.certify.check')}</p>
            <form data-form="certify" @submit=${(e: SubmitEvent) => void this.certify(e)}>
            <label class="field">${t('trust.field.validity-days')}
              <input type="number" name="days" min="1" max="1095" required .value=${String(DEFAULT_SIGNER_VALIDITY_DAYS)} /></label>
            <button type="submit" data-action="certify" ?disabled=${this.working}>${t('trust.certify.issue')}</button>
            <button type="button" class="secondary" @click=${() => (this.pendingRequest = undefined)}>${t('trust.cancel')}</button>
          </form>`
        : nothing}

      <h3>${t('trust.tablets.heading')}</h3>
      ${this.issued.length === 0
        ? html`<p class="hint">${t('trust.tablets.none')}</p>`
        : html`<div class="table-scroll"><table data-field="issued">
            <thead><tr><th>${t('trust.field.device')}</th><th>${t('trust.field.kid')}</th><th>${t('trust.field.valid-until')}</th><th></th></tr></thead>
            <tbody>${this.issued.map(
              (s) => html`<tr data-kid=${s.kid}>
                <td>${s.deviceId}</td><td class="kid">${groupedKid(s.kid)}</td><td>${formatDate(s.notAfter)}</td>
                <td><button class="secondary" data-action="revoke" ?disabled=${this.working} @click=${() => void this.revoke(s.kid, s.deviceId)}>${t('trust.revoke.button')}</button></td>
              </tr>`,
            )}</tbody>
          </table></div>`}
      <form data-form="revoke" @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const { kid } = this.fields(e.target as HTMLFormElement);
        void this.revoke(kid, kid);
      }}>
        <label class="field">${t('trust.revoke.by-kid')}
          <input type="text" name="kid" required autocomplete="off" class="kid" size="24" /></label>
        <button type="submit" class="secondary" data-action="revoke-kid" ?disabled=${this.working}>${t('trust.revoke.button')}</button>
      </form>

      <h3>${t('trust.publish.heading')}</h3>
      <p class="hint">${t('trust.publish.lead')}</p>
      <form data-form="publish" @submit=${(e: SubmitEvent) => void this.publish(e)}>
        <label class="field">${t('trust.field.next-update-days')}
          <input type="number" name="days" min="1" max="366" required .value=${String(DEFAULT_TRUST_LIST_VALIDITY_DAYS)} /></label>
        <button type="submit" data-action="publish" ?disabled=${this.working}>${t('trust.publish.button')}</button>
      </form>
      ${this.outcome('root')}
    </section>`;
  }

  private renderLog(): TemplateResult {
    const report = this.logReport;
    return html`<section data-section="log">
      <h2>${t('trust.log.heading')}</h2>
      <p class="hint">${t('trust.log.lead')}</p>
      <div class="actions">
        <button data-action="export-log" ?disabled=${this.working} @click=${() => void this.exportLog()}>${t('trust.log.export')}</button>
        <button class="secondary" data-action="verify-log" ?disabled=${this.working} @click=${() => void this.verifyLog()}>${t('trust.log.verify-device')}</button>
        <label class="button secondary">${t('trust.log.verify-file')}
          <input type="file" accept="application/json,.json" data-action="verify-log-file" ?disabled=${this.working}
            @change=${this.onFile((file) => void this.verifyLog(file))} /></label>
      </div>
      ${report
        ? html`<div data-log-report data-ok=${String(report.ok)}>
            <p class=${report.ok ? 'ok' : 'error'}>${report.ok ? t('trust.log.ok', { entries: report.entries }) : t('trust.log.bad', { count: report.problems.length })}</p>
            <p>${t('trust.log.summary', { entries: report.entries, checkpoints: report.checkpoints, signed: report.signedThrough + 1, tail: report.unsignedTail })}</p>
            ${report.unsignedTail > 0 ? html`<p class="hint">${t('trust.log.tail-hint')}</p>` : nothing}
            ${report.problems.length > 0
              ? html`<ul class="problems">${report.problems.map((p) => html`<li data-problem=${p.kind} data-seq=${p.seq}>${p.text[language()]}</li>`)}</ul>`
              : nothing}
          </div>`
        : nothing}
      ${this.outcome('log')}
    </section>`;
  }

  override render() {
    if (!this.loaded) return html`<p aria-busy="true">${t('common.working')}</p>`;
    return html`
      <h2 class="visually-hidden">${t('trust.heading')}</h2>
      ${this.renderDemo()} ${this.renderSigner()} ${this.renderTrust()} ${this.renderRootKey()} ${this.renderLog()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-admin-trust': KofuAdminTrust;
  }
}
