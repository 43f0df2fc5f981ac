/**
 * `<kofu-admin-home>`: staff tools for the tablet — storage status, whole-database backup and
 * restore, app version. Later issues add keys, trust lists, the registry and the reader check.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { backupTools, storageStatus } from '../../app/backup-tools.ts';
import { registryAdmin, type RegistryHoldings } from '../../app/registry-admin.ts';
import type { GlyphStatus } from '../../app/registry-glyphs.ts';
import { describeError } from '../shared/error-messages.ts';
import { APP_VERSION } from '../../app/version.ts';
import { browserSaveFile } from '../shared/download.ts';
import { onFile } from '../shared/file-input.ts';
import type { StorageStatus } from '../../store/database.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { panels, elementStyles } from '../shared/styles.ts';
import { TaskController } from '../shared/task-controller.ts';
import { confirmPersonalNumberExport } from '../staff/personal-export.ts';
import './readers-panel.ts';
import './print-panel.ts';
import './registry-panel.ts';
import './trust-panel.ts';
import './trust/demo-mode-panel.ts';
import './trust/trust-store-panel.ts';
import '../staff/staff-panel.ts';
import { cachedDeviceRole, onDeviceRoleChange, type DeviceRole } from '../../app/device-role.ts';

const formatBytes = (bytes: number | undefined) =>
  bytes === undefined ? '—' : bytes >= 1073741824 ? `${(bytes / 1073741824).toFixed(1)} GB` : `${(bytes / 1048576).toFixed(1)} MB`;

@customElement('kofu-admin-home')
export class KofuAdminHome extends LitElement {
  static override styles = [
    ...elementStyles,
    panels,
  ];

  @state() private storage?: StorageStatus;
  @state() private glyphs?: GlyphStatus;
  @state() private holdings?: RegistryHoldings;
  /** The registry panel says when an import or a reset changed the registry: its size is read again. */
  private readonly onRegistryChanged = () => void this.readHoldings();
  /** A verifier-only device's console shows only its trust list and demo mode (it holds nothing else). */
  @state() private deviceRole: DeviceRole = cachedDeviceRole();
  private stopFollowingRole?: () => void;
  private readonly i18n = new LanguageController(this);
  private readonly tasks = new TaskController(this, 'admin');

  override connectedCallback(): void {
    super.connectedCallback();
    void storageStatus().then((status) => (this.storage = status));
    this.addEventListener('kofu-registry-changed', this.onRegistryChanged);
    void this.readHoldings();
    this.stopFollowingRole = onDeviceRoleChange((role) => (this.deviceRole = role));
  }

  private async readHoldings(): Promise<void> {
    if (this.deviceRole === 'verifier') return;
    this.holdings = await registryAdmin().holdings().catch(() => undefined);
    // The character outlines the registry holds (docs/registry.md, "Characters"); not shown when the font cannot be read yet.
    this.glyphs = await registryAdmin().glyphs().catch(() => undefined);
  }

  override disconnectedCallback(): void {
    this.removeEventListener('kofu-registry-changed', this.onRegistryChanged);
    this.stopFollowingRole?.();
    super.disconnectedCallback();
  }

  /** A backup holds the registry, 個人番号 included: asked twice, and logged. */
  private saveBackup(): Promise<void> | undefined {
    if (!confirmPersonalNumberExport(t('staff.export.backup'))) return undefined;
    return this.tasks.run('main', async () => {
      const { file, summary } = await backupTools().save();
      browserSaveFile(file.name, file.data, file.type);
      return t('admin.backup.saved', { records: summary.records });
    }, { name: 'backup.save', detail: { personalNumbers: true } });
  }

  /** Checks the file and shows what it replaces, store by store; restores only when staff agree. */
  private restore(file: File | undefined): Promise<void> | undefined {
    if (!file) return undefined;
    return this.tasks.run('main', async () => {
      const plan = await backupTools().inspect(file);
      if (!confirm(t('admin.backup.confirm', plan))) return t('admin.backup.cancelled');
      const summary = await backupTools().restore(file);
      const date = new Date(summary.createdAt).toLocaleString(language() === 'ja' ? 'ja-JP' : 'en-GB');
      return t('admin.backup.restored', { records: summary.records, date });
    }, { name: 'backup.restore' });
  }

  override render() {
    const storage = this.storage;
    const working = this.tasks.working;
    const outcome = this.tasks.outcome();
    if (this.deviceRole === 'verifier') {
      return html`
        <h1>${t('admin.heading')}</h1>
        <kofu-admin-staff></kofu-admin-staff>
        <kofu-demo-mode-panel data-trust-section></kofu-demo-mode-panel>
        <kofu-trust-store-panel data-trust-section></kofu-trust-store-panel>
        <small>${t('admin.version', { version: APP_VERSION })}</small>
      `;
    }
    return html`
      <h1>${t('admin.heading')}</h1>
      <kofu-admin-staff></kofu-admin-staff>
      <section>
        <h2>${t('admin.storage')}</h2>
        ${storage
          ? html`<p data-persisted=${String(storage.persisted)}>${storage.persisted ? t('admin.storage.persisted') : t('admin.storage.not-persisted')}</p>
              <p>${t('admin.storage.usage', { used: formatBytes(storage.usageBytes), quota: formatBytes(storage.quotaBytes) })}</p>
              ${this.glyphs ? html`<p data-storage-glyphs>${t('admin.storage.glyphs', { count: this.glyphs.ipamj + this.glyphs.gaiji, size: `${(this.glyphs.bytes / 1024).toFixed(1)} KB` })}</p>` : nothing}`
          : html`<p>${t('common.working')}</p>`}
        ${this.holdings
          ? html`<p data-registry-holdings>
              ${t('admin.storage.registry', {
                residents: this.holdings.residents.toLocaleString(language() === 'ja' ? 'ja-JP' : 'en-GB'),
                households: this.holdings.households.toLocaleString(language() === 'ja' ? 'ja-JP' : 'en-GB'),
                size: formatBytes(this.holdings.databaseBytes),
              })}
            </p>`
          : nothing}
      </section>
      <section>
        <h2>${t('admin.backup')}</h2>
        <p>${t('admin.backup.lead')}</p>
        <div class="actions">
          <button data-action="save-backup" ?disabled=${working} @click=${() => this.saveBackup()}>${t('admin.backup.save')}</button>
          <label class="button secondary">
            ${t('admin.backup.restore')}
            <input type="file" accept="application/json,.json" ?disabled=${working} data-action="restore-backup" @change=${onFile((file) => void this.restore(file))} />
          </label>
        </div>
        ${outcome?.kind === 'ok' ? html`<p role="status" class="ok" data-result="ok">${outcome.text}</p>` : nothing}
        ${outcome?.kind === 'error' ? html`<p role="alert" class="error" data-result="error">${describeError(outcome.error, language())}</p>` : nothing}
      </section>
      <kofu-admin-trust .deviceRole=${this.deviceRole}></kofu-admin-trust>
      ${this.deviceRole === 'admin' ? nothing : html`<kofu-admin-readers></kofu-admin-readers><kofu-admin-print></kofu-admin-print>`}
      <kofu-admin-registry></kofu-admin-registry>
      <small>${t('admin.version', { version: APP_VERSION })}</small>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-admin-home': KofuAdminHome;
  }
}
