/**
 * `<kofu-authority-panel>`: the admin device's side of provisioning. Create or restore the
 * municipality root, download its encrypted backup, remove it from the device; certify a tablet's
 * request, revoke a tablet, publish the next trust list.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  DEFAULT_SIGNER_VALIDITY_DAYS,
  DEFAULT_TRUST_LIST_VALIDITY_DAYS,
  MAX_BACKUP_FILE_BYTES,
  MAX_SIGNER_REQUEST_BYTES,
  MIN_PASSPHRASE_LENGTH,
  municipalityAuthority,
  type IssuedSigner,
  type MunicipalityAuthority,
  type RootInfo,
} from '../../../app/trust/authority.ts';
import { TrustServiceError } from '../../../app/trust/common.ts';
import { browserSaveFile, type SaveFile } from '../../shared/download.ts';
import { t } from '../../shared/i18n.ts';
import { messages } from '../../shared/messages.ts';
import { TaskController } from '../../shared/task-controller.ts';
import { FileKind, TrustSection, fileSafe, formatDate, formatDateTime, groupedKid, readFile, renderOutcome } from './trust-section.ts';
import { onFile } from '../../shared/file-input.ts';
import { formFields, submittedFields } from '../../shared/form-fields.ts';

interface AuthorityView {
  readonly root?: RootInfo;
  readonly issued: readonly IssuedSigner[];
}

@customElement('kofu-authority-panel')
export class KofuAuthorityPanel extends TrustSection<AuthorityView> {
  /** The municipality authority; tests inject one over a scratch database. */
  @property({ attribute: false }) authority: MunicipalityAuthority = municipalityAuthority();
  /** How files reach the user; tests replace it to capture them. */
  @property({ attribute: false }) saveFile: SaveFile = browserSaveFile;

  /** A request file read on the admin device, waiting for staff to check it and certify. */
  @state() private pendingRequest?: { bytes: Uint8Array; deviceId: string; municipality: number; kid: string };
  @state() private restoreFileName?: string;

  protected readonly section = 'root';
  protected readonly tasks = new TaskController<'root'>(this, 'admin-trust', { refresh: () => this.afterAction() });

  protected async read(): Promise<AuthorityView> {
    const [root, issued] = await Promise.all([this.authority.rootInfo(), this.authority.issuedSigners()]);
    return { root, issued };
  }

  protected follow(refresh: () => void): (() => void)[] {
    return [this.authority.onChange(refresh)];
  }

  private createRoot(event: SubmitEvent): Promise<void> {
    const { municipality, name } = submittedFields(event);
    return this.tasks.run('root', async () => {
      const root = await this.authority.createRoot(Number(municipality), name);
      return t('trust.root.created', { name: root.name });
    }, { name: 'trust.root-create' });
  }

  private restoreRoot(event: SubmitEvent): Promise<void> | undefined {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const file = (form.querySelector('input[name="file"]') as HTMLInputElement).files?.[0];
    const { passphrase } = formFields(form);
    return this.tasks.run('root', async () => {
      if (!file) throw new TrustServiceError('root.no-file', { ja: messages.ja['trust.root.choose-file'], en: messages.en['trust.root.choose-file'] });
      const root = await this.authority.restoreRoot(await readFile(file, MAX_BACKUP_FILE_BYTES), passphrase);
      form.reset();
      this.restoreFileName = undefined;
      return t('trust.root.restored', { name: root.name });
    }, { name: 'trust.root-restore' });
  }

  private backupRoot(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const { passphrase, again } = formFields(form);
    return this.tasks.run('root', async () => {
      const bytes = await this.authority.exportRootBackup(passphrase, again);
      form.reset();
      this.saveFile(`kofu-root-${this.view?.root?.municipality ?? 'key'}${FileKind.rootBackup}`, bytes, 'application/octet-stream');
      return t('trust.backup.saved');
    }, { name: 'trust.root-backup' });
  }

  private deleteRoot(event: SubmitEvent): Promise<void> {
    const { kid } = submittedFields(event);
    return this.tasks.run('root', async () => {
      await this.authority.deleteRoot(kid);
      return t('trust.root.removed');
    }, { name: 'trust.root-delete' });
  }

  private readRequest(file: File): Promise<void> {
    this.pendingRequest = undefined;
    return this.tasks.run('root', async () => {
      const bytes = await readFile(file, MAX_SIGNER_REQUEST_BYTES);
      const request = await this.authority.readSignerRequest(bytes);
      this.pendingRequest = { bytes, deviceId: request.deviceId, municipality: request.municipality, kid: request.kidHex };
      return undefined;
    }, { name: 'trust.signer-request-read' });
  }

  private certify(event: SubmitEvent): Promise<void> | undefined {
    const { days } = submittedFields(event);
    const pending = this.pendingRequest;
    if (!pending) return undefined;
    return this.tasks.run('root', async () => {
      const { certificate, issued } = await this.authority.certifySigner(pending.bytes, Number(days));
      this.pendingRequest = undefined;
      this.saveFile(`kofu-certificate-${fileSafe(issued.deviceId)}${FileKind.certificate}`, certificate, 'application/octet-stream');
      return t('trust.certify.done', { deviceId: issued.deviceId, until: formatDate(issued.notAfter) });
    }, { name: 'trust.signer-certify' });
  }

  private revoke(kid: string, label: string): Promise<void> | undefined {
    if (!confirm(t('trust.revoke.confirm', { label }))) return undefined;
    return this.tasks.run('root', async () => {
      const { bytes, list } = await this.authority.revokeSigner(kid);
      this.saveFile(`kofu-trust-list-v${list.version}${FileKind.trustList}`, bytes, 'application/octet-stream');
      return t('trust.revoke.done', { version: list.version });
    }, { name: 'trust.signer-revoke' });
  }

  private publish(event: SubmitEvent): Promise<void> {
    const { days } = submittedFields(event);
    return this.tasks.run('root', async () => {
      const { bytes, list } = await this.authority.publishTrustList(Number(days));
      this.saveFile(`kofu-trust-list-v${list.version}${FileKind.trustList}`, bytes, 'application/octet-stream');
      return t('trust.publish.done', { version: list.version });
    }, { name: 'trust.list-publish' });
  }

  /** No root on this device yet: create one, or restore it from its backup. */
  private renderNoRoot(): TemplateResult {
    const working = this.working;
    return html`<section data-section="root">
      <h2>${t('trust.root.heading')}</h2>
      <p>${t('trust.root.lead')}</p>
      <form data-form="create-root" @submit=${(e: SubmitEvent) => void this.createRoot(e)}>
        <label class="field">${t('trust.field.municipality-code')}
          <input type="text" name="municipality" required inputmode="numeric" pattern="[0-9]{5,6}" autocomplete="off" placeholder="131016" /></label>
        <label class="field">${t('trust.field.municipality-name')}
          <input type="text" name="name" required maxlength="64" autocomplete="off" /></label>
        <button type="submit" data-action="create-root" ?disabled=${working}>${t('trust.root.create')}</button>
      </form>
      <h3>${t('trust.root.restore-heading')}</h3>
      <form data-form="restore-root" @submit=${(e: SubmitEvent) => void this.restoreRoot(e)}>
        <label class="button secondary">${t('trust.root.choose-backup')}
          <input type="file" name="file" accept="${FileKind.rootBackup},application/octet-stream" data-action="restore-file"
            @change=${(e: Event) => (this.restoreFileName = (e.target as HTMLInputElement).files?.[0]?.name)} /></label>
        ${this.restoreFileName ? html`<span data-field="restore-file">${this.restoreFileName}</span>` : nothing}
        <label class="field">${t('trust.field.passphrase')}
          <input type="password" name="passphrase" required autocomplete="off" /></label>
        <button type="submit" data-action="restore-root" ?disabled=${working}>${t('trust.root.restore')}</button>
      </form>
      ${renderOutcome(this.tasks.outcome('root'))}
    </section>`;
  }

  override render(): TemplateResult {
    if (!this.loaded) return html`<p aria-busy="true">${t('common.working')}</p>`;
    const root = this.view?.root;
    if (!root) return this.renderNoRoot();
    const issued = this.view?.issued ?? [];
    const request = this.pendingRequest;
    const minimum = String(MIN_PASSPHRASE_LENGTH);
    const working = this.working;
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
        <button type="submit" data-action="backup-root" ?disabled=${working}>${t('trust.backup.save')}</button>
      </form>

      <details>
        <summary>${t('trust.root.remove-heading')}</summary>
        <p class="hint">${t('trust.root.remove-lead')}</p>
        <form data-form="delete-root" @submit=${(e: SubmitEvent) => void this.deleteRoot(e)}>
          <label class="field">${t('trust.root.remove-kid')}
            <input type="text" name="kid" required autocomplete="off" class="kid" size="24" /></label>
          <button type="submit" class="secondary" data-action="delete-root" ?disabled=${working}>${t('trust.root.remove')}</button>
        </form>
      </details>

      <h3>${t('trust.certify.heading')}</h3>
      <div class="actions">
        <label class="button secondary">${t('trust.certify.choose')}
          <input type="file" accept="${FileKind.request},application/octet-stream" data-action="read-request" ?disabled=${working}
            @change=${onFile((file) => void this.readRequest(file))} /></label>
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
            <button type="submit" data-action="certify" ?disabled=${working}>${t('trust.certify.issue')}</button>
            <button type="button" class="secondary" @click=${() => (this.pendingRequest = undefined)}>${t('trust.cancel')}</button>
          </form>`
        : nothing}

      <h3>${t('trust.tablets.heading')}</h3>
      ${issued.length === 0
        ? html`<p class="hint">${t('trust.tablets.none')}</p>`
        : html`<div class="table-scroll"><table data-field="issued">
            <thead><tr><th>${t('trust.field.device')}</th><th>${t('trust.field.kid')}</th><th>${t('trust.field.valid-until')}</th><th></th></tr></thead>
            <tbody>${issued.map(
              (s) => html`<tr data-kid=${s.kid}>
                <td>${s.deviceId}</td><td class="kid">${groupedKid(s.kid)}</td><td>${formatDate(s.notAfter)}</td>
                <td><button class="secondary" data-action="revoke" ?disabled=${working} @click=${() => void this.revoke(s.kid, s.deviceId)}>${t('trust.revoke.button')}</button></td>
              </tr>`,
            )}</tbody>
          </table></div>`}
      <form data-form="revoke" @submit=${(e: SubmitEvent) => {
        const { kid } = submittedFields(e);
        void this.revoke(kid, kid);
      }}>
        <label class="field">${t('trust.revoke.by-kid')}
          <input type="text" name="kid" required autocomplete="off" class="kid" size="24" /></label>
        <button type="submit" class="secondary" data-action="revoke-kid" ?disabled=${working}>${t('trust.revoke.button')}</button>
      </form>

      <h3>${t('trust.publish.heading')}</h3>
      <p class="hint">${t('trust.publish.lead')}</p>
      <form data-form="publish" @submit=${(e: SubmitEvent) => void this.publish(e)}>
        <label class="field">${t('trust.field.next-update-days')}
          <input type="number" name="days" min="1" max="366" required .value=${String(DEFAULT_TRUST_LIST_VALIDITY_DAYS)} /></label>
        <button type="submit" data-action="publish" ?disabled=${working}>${t('trust.publish.button')}</button>
      </form>
      ${renderOutcome(this.tasks.outcome('root'))}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-authority-panel': KofuAuthorityPanel;
  }
}
