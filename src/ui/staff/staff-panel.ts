/**
 * `<kofu-admin-staff>`: the admin console's staff section — who is signed in (and signing out),
 * the device role, the registered staff credentials, and the staff action log.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { DEVICE_ROLES, isDeviceRole, type DeviceRole } from '../../app/device-role.ts';
import { STAFF_IDLE_MINUTES, type StaffStatus } from '../../app/staff/access.ts';
import { staffAccess } from '../../app/staff/index.ts';
import { passkeysSupported } from '../../app/staff/passkeys.ts';
import { describeError } from '../shared/error-messages.ts';
import type { StaffLogEntry } from '../../store/staff.ts';
import { DemoModeController } from '../shared/demo-mode-controller.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { ROLE_MESSAGE } from '../shared/messages-staff.ts';
import { panels, elementStyles } from '../shared/styles.ts';
import { TaskController } from '../shared/task-controller.ts';

type Section = 'session' | 'role' | 'credentials';

const formatTime = (ms: number) => new Date(ms).toLocaleString(language() === 'ja' ? 'ja-JP' : 'en-GB');

@customElement('kofu-admin-staff')
export class KofuAdminStaff extends LitElement {
  static override styles = [
    ...elementStyles,
    panels,
    css`
      .table {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 0.9rem;
      }
      th,
      td {
        text-align: left;
        padding: 4px 8px;
        border-bottom: 1px solid var(--kofu-line);
        vertical-align: top;
      }
      select,
      input {
        min-height: var(--kofu-touch);
        font: inherit;
      }
      ul.credentials li {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 16px;
        align-items: center;
        margin: 6px 0;
      }
    `,
  ];

  @state() private status?: StaffStatus;
  @state() private log: StaffLogEntry[] = [];
  private readonly i18n = new LanguageController(this);
  private readonly demoMode = new DemoModeController(this);
  private readonly tasks = new TaskController<Section>(this, 'staff', { refresh: () => this.load() });

  private stopFollowing?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopFollowing = staffAccess().onLog(() => void this.load().catch(() => undefined));
    this.load().catch((error: unknown) => this.tasks.show('session', { kind: 'error', error }));
  }

  override disconnectedCallback(): void {
    this.stopFollowing?.();
    super.disconnectedCallback();
  }

  /** Re-reads the status and the log (also after another panel's action, through the admin console). */
  async load(): Promise<void> {
    const access = staffAccess();
    [this.status, this.log] = await Promise.all([access.status(), access.recentLog(50)]);
  }

  private changeRole(role: DeviceRole): Promise<void> | undefined {
    if (role === 'verifier' && !confirm(t('staff.section.confirm-verifier'))) return undefined;
    return this.tasks.run('role', async () => {
      await staffAccess().changeRole(role);
      return t('staff.section.role-changed');
    });
  }

  private addPasskey(label: string): Promise<void> {
    return this.tasks.run('credentials', async () => {
      await staffAccess().addPasskey(label);
      return t('staff.section.saved');
    });
  }

  private setPassphrase(form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    return this.tasks.run('credentials', async () => {
      if (data.get('passphrase') !== data.get('again')) throw new Error(t('staff.passphrase.mismatch'));
      await staffAccess().setPassphrase(String(data.get('passphrase') ?? ''));
      form.reset();
      return t('staff.section.saved');
    });
  }

  private removeCredential(id: string, label: string): Promise<void> | undefined {
    if (!confirm(t('staff.section.confirm-remove', { label }))) return undefined;
    return this.tasks.run('credentials', async () => {
      await staffAccess().removeCredential(id);
      return t('staff.section.saved');
    });
  }

  private outcome(section: Section) {
    const outcome = this.tasks.outcome(section);
    if (!outcome) return nothing;
    if (outcome.kind === 'ok') return html`<p role="status" class="ok" data-result="ok">${outcome.text}</p>`;
    const error = outcome.error;
    return html`<p role="alert" class="error" data-result="error">${error instanceof Error && !('code' in error) ? error.message : describeError(error, language())}</p>`;
  }

  private renderLog() {
    if (this.log.length === 0) return html`<p>${t('staff.log.empty')}</p>`;
    return html`<div class="table"><table data-staff-log>
      <thead><tr><th>${t('staff.log.time')}</th><th>${t('staff.log.action')}</th><th>${t('staff.log.credential')}</th><th>${t('staff.log.outcome')}</th></tr></thead>
      <tbody>
        ${this.log.map(
          (entry) => html`<tr data-action=${entry.action} data-credential=${entry.credentialId} data-outcome=${entry.outcome}>
            <td>${formatTime(entry.at)}</td>
            <td><code>${entry.action}</code>${entry.detail ? html`<br /><small>${Object.entries(entry.detail).map(([k, v]) => `${k}=${String(v)}`).join(' ')}</small>` : nothing}</td>
            <td>${entry.credentialLabel}<br /><small><code>${entry.credentialId.slice(0, 16)}</code></small></td>
            <td>${entry.outcome === 'ok' ? t('staff.log.ok') : entry.outcome}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }

  override render() {
    const status = this.status;
    const session = staffAccess().current();
    const working = this.tasks.working;
    if (!status) return html`<section><p aria-busy="true">${t('common.working')}</p>${this.outcome('session')}</section>`;
    const role = status.role ?? 'demo';
    return html`
      <section data-section="staff">
        <h2>${t('staff.section.heading')}</h2>
        ${session ? html`<p data-field="signed-in">${t('staff.section.signed-in', { label: session.credentialLabel })}</p>` : nothing}
        <p><small>${t('staff.section.idle', { minutes: STAFF_IDLE_MINUTES })}</small></p>
        <div class="actions"><button class="secondary" data-action="sign-out" @click=${() => staffAccess().signOut()}>${t('staff.section.sign-out')}</button></div>
        ${this.outcome('session')}
        <p data-field="role" data-role=${role}>${t('staff.section.role', { role: t(ROLE_MESSAGE[role]) })}</p>
        ${status.role === undefined ? html`<p><small>${t('staff.section.role-unset')}</small></p>` : nothing}
        ${role === 'demo' && !this.demoMode.on ? html`<p class="error">${t('staff.section.demo-role-live')}</p>` : nothing}
        <form class="actions" data-form="change-role" @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          const value = new FormData(e.target as HTMLFormElement).get('role');
          if (isDeviceRole(value)) void this.changeRole(value);
        }}>
          <select name="role" aria-label=${t('staff.setup.role')}>
            ${DEVICE_ROLES.map((r) => html`<option value=${r} ?selected=${r === role}>${t(ROLE_MESSAGE[r])}</option>`)}
          </select>
          <button type="submit" class="secondary" data-action="change-role" ?disabled=${working}>${t('staff.section.change-role')}</button>
        </form>
        ${this.outcome('role')}
        <h3>${t('staff.section.credentials')}</h3>
        <ul class="credentials">
          ${status.credentials.map(
            (c) => html`<li data-credential=${c.id} data-kind=${c.kind}>
              <span>${c.kind === 'passkey' ? '🔑' : '⌨'} ${c.label}</span><small>${formatTime(c.createdAt)}</small>
              <button class="secondary" data-action="remove-credential" ?disabled=${working || status.credentials.length <= 1} @click=${() => this.removeCredential(c.id, c.label)}>${t('staff.section.remove')}</button>
            </li>`,
          )}
        </ul>
        ${passkeysSupported()
          ? html`<form class="actions" data-form="add-passkey" @submit=${(e: SubmitEvent) => {
              e.preventDefault();
              void this.addPasskey(String(new FormData(e.target as HTMLFormElement).get('label') ?? ''));
            }}>
              <input name="label" required aria-label=${t('staff.passkey.label')} placeholder=${t('staff.passkey.label')} autocomplete="off" />
              <button type="submit" class="secondary" data-action="add-passkey" ?disabled=${working}>${t('staff.section.add-passkey')}</button>
            </form>`
          : nothing}
        <form class="actions" data-form="set-passphrase" @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.setPassphrase(e.target as HTMLFormElement))}>
          <input name="passphrase" type="password" required minlength="12" autocomplete="new-password" aria-label=${t('staff.passphrase')} placeholder=${t('staff.passphrase')} />
          <input name="again" type="password" required autocomplete="new-password" aria-label=${t('staff.passphrase.again')} placeholder=${t('staff.passphrase.again')} />
          <button type="submit" class="secondary" data-action="set-passphrase" ?disabled=${working}>${t('staff.section.set-passphrase')}</button>
        </form>
        ${this.outcome('credentials')}
      </section>
      <section data-section="staff-log">
        <h2>${t('staff.log.heading')}</h2>
        <p>${t('staff.log.lead')}</p>
        ${this.renderLog()}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-admin-staff': KofuAdminStaff;
  }
}
