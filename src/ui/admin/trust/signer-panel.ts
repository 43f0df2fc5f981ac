/**
 * `<kofu-signer-panel>`: the tablet's side of provisioning. This tablet's signer (the demo key in
 * demo mode, and the real one), with revoked, expired and ends-soon warnings; creating a signing
 * request (downloads the request file) and installing the certificate file the admin device made.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { onDemoModeChange } from '../../../app/demo-mode.ts';
import { MAX_SIGNER_CERTIFICATE_BYTES, tabletSigner, type SignerStatus, type TabletSigner } from '../../../app/trust/tablet-signer.ts';
import { browserSaveFile, type SaveFile } from '../../shared/download.ts';
import { t } from '../../shared/i18n.ts';
import { TaskController } from '../../shared/task-controller.ts';
import { FileKind, TrustSection, fileSafe, formatDate, formatDateTime, groupedKid, readFile, renderOutcome } from './trust-section.ts';
import { onFile } from '../../shared/file-input.ts';
import { submittedFields } from '../../shared/form-fields.ts';

interface SignerView {
  readonly demoMode: boolean;
  /** The signer in use: the demo key in demo mode. */
  readonly active: SignerStatus;
  /** The municipality-certified signer (the same as `active` out of demo mode). */
  readonly real: SignerStatus;
}

@customElement('kofu-signer-panel')
export class KofuSignerPanel extends TrustSection<SignerView> {
  /** The tablet's signer; tests inject one over a scratch database. */
  @property({ attribute: false }) signer: TabletSigner = tabletSigner();
  /** How files reach the user; tests replace it to capture them. */
  @property({ attribute: false }) saveFile: SaveFile = browserSaveFile;

  protected readonly section = 'signer';
  protected readonly tasks = new TaskController<'signer'>(this, 'admin-trust', { refresh: () => this.afterAction() });

  protected async read(): Promise<SignerView> {
    const demoMode = await this.signer.demoMode();
    await this.signer.ensureDemoProvisioning(); // a demo tablet shows its demo key from the first visit
    const active = await this.signer.signerStatus();
    const real = demoMode ? await this.signer.signerStatus(false) : active;
    return { demoMode, active, real };
  }

  protected follow(refresh: () => void): (() => void)[] {
    return [this.signer.onChange(refresh), onDemoModeChange(refresh)];
  }

  private createRequest(event: SubmitEvent): Promise<void> | undefined {
    const { deviceId, municipality } = submittedFields(event);
    if (this.view?.real.pending && !confirm(t('trust.request.confirm-replace'))) return undefined;
    return this.tasks.run('signer', async () => {
      const bytes = await this.signer.createSignerRequest(deviceId.trim(), Number(municipality));
      this.saveFile(`kofu-request-${fileSafe(deviceId)}${FileKind.request}`, bytes, 'application/octet-stream');
      return t('trust.request.created');
    }, { name: 'signer.request-create' });
  }

  private installCertificate(file: File): Promise<void> {
    return this.tasks.run('signer', async () => {
      const info = await this.signer.installSignerCertificate(await readFile(file, MAX_SIGNER_CERTIFICATE_BYTES));
      return t('trust.certificate.installed', { deviceId: info.deviceId, until: formatDate(info.notAfter) });
    }, { name: 'signer.certificate-install' });
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

  override render(): TemplateResult {
    if (!this.loaded) return html`<p aria-busy="true">${t('common.working')}</p>`;
    const real = this.view?.real;
    const working = this.working;
    return html`<section data-section="signer">
      <h2>${t('trust.signer.heading')}</h2>
      ${this.renderSignerInfo(this.view?.active, 'active')}
      ${(this.view?.demoMode ?? true)
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
        <button type="submit" data-action="create-request" ?disabled=${working}>${t('trust.request.create')}</button>
      </form>
      <div class="actions">
        <label class="button secondary">
          ${t('trust.certificate.install')}
          <input type="file" accept="${FileKind.certificate},application/octet-stream" data-action="install-certificate" ?disabled=${working}
            @change=${onFile((file) => void this.installCertificate(file))} />
        </label>
      </div>
      ${renderOutcome(this.tasks.outcome('signer'))}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-signer-panel': KofuSignerPanel;
  }
}
