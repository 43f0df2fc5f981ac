/**
 * `<kofu-staff-gate>`: what the admin route shows until a staff member has signed in. On a device
 * never set up, the setup screen (role and first staff credential); afterwards, the sign-in with a
 * passkey or the staff passphrase. The shell swaps in the console when app/staff reports a session.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { DEVICE_ROLES, type DeviceRole } from '../../app/device-role.ts';
import { staffAccess } from '../../app/staff/index.ts';
import type { StaffStatus } from '../../app/staff/access.ts';
import { passkeysSupported } from '../../app/staff/passkeys.ts';
import { describeError } from '../shared/error-messages.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { ROLE_MESSAGE } from '../shared/messages-staff.ts';
import { panels, elementStyles } from '../shared/styles.ts';
import { TaskController } from '../shared/task-controller.ts';
import { formFields } from '../shared/form-fields.ts';

const ROLE_HINT = {
  demo: 'staff.role.demo.hint',
  kiosk: 'staff.role.kiosk.hint',
  admin: 'staff.role.admin.hint',
  verifier: 'staff.role.verifier.hint',
} as const satisfies Record<DeviceRole, string>;

/** Asks the shell to leave the admin route for the device's public screen (kiosk or verifier). */
export const LEAVE_ADMIN_EVENT = 'kofu-leave-admin';

@customElement('kofu-staff-gate')
export class KofuStaffGate extends LitElement {
  static override styles = [
    ...elementStyles,
    panels,
    css`
      fieldset {
        border: none;
        padding: 0;
        margin: 12px 0;
      }
      legend {
        font-weight: 700;
        margin-bottom: 6px;
      }
      label.choice {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px 10px;
        align-items: start;
        padding: 8px 0;
        min-height: var(--kofu-touch);
      }
      label.choice small {
        grid-column: 2;
      }
      input[type='radio'] {
        width: 22px;
        height: 22px;
        margin: 2px 0 0;
      }
      label.field {
        display: block;
        margin: 10px 0;
      }
      label.field input {
        display: block;
        width: min(100%, 28em);
        min-height: var(--kofu-touch);
        font: inherit;
        padding: 0 10px;
        margin-top: 4px;
        box-sizing: border-box;
      }
    `,
  ];

  @state() private status?: StaffStatus;
  @state() private method: 'passkey' | 'passphrase' = passkeysSupported() ? 'passkey' : 'passphrase';
  private readonly i18n = new LanguageController(this);
  private readonly tasks = new TaskController(this, 'staff-gate', { refresh: () => this.load(), refreshOnConnect: true });

  private async load(): Promise<void> {
    this.status = await staffAccess().status();
  }

  private setUp(form: HTMLFormElement): Promise<void> {
    const fields = formFields(form);
    return this.tasks.run('main', async () => {
      const role = DEVICE_ROLES.find((r) => r === fields.role) ?? 'demo';
      if (fields.method === 'passkey') {
        await staffAccess().setUp(role, { kind: 'passkey', label: fields.label ?? '' });
      } else {
        // Returned rather than thrown (ui/ makes no domain errors); renderOutcome shows the gate's only success line, this one, as the refusal it is.
        if (fields.passphrase !== fields.again) return t('staff.passphrase.mismatch');
        await staffAccess().setUp(role, { kind: 'passphrase', passphrase: fields.passphrase ?? '' });
      }
      return undefined;
    });
  }

  private signInWithPasskey(): Promise<void> {
    return this.tasks.run('main', async () => {
      await staffAccess().signInWithPasskey();
      return undefined;
    });
  }

  private signInWithPassphrase(form: HTMLFormElement): Promise<void> {
    const { passphrase } = formFields(form);
    return this.tasks.run('main', async () => {
      await staffAccess().signInWithPassphrase(passphrase ?? '');
      return undefined;
    });
  }

  private renderOutcome() {
    const outcome = this.tasks.outcome();
    if (!outcome) return nothing;
    if (outcome.kind === 'ok') return html`<p role="alert" class="error" data-result="error">${outcome.text}</p>`;
    return html`<p role="alert" class="error" data-result="error">${describeError(outcome.error, language())}</p>`;
  }

  private renderSetup() {
    const working = this.tasks.working;
    return html`<section data-staff="setup">
      <h1>${t('staff.setup.heading')}</h1>
      <p>${t('staff.setup.lead')}</p>
      <form data-form="setup" @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.setUp(e.target as HTMLFormElement))}>
        <fieldset>
          <legend>${t('staff.setup.role')}</legend>
          ${DEVICE_ROLES.map(
            (role) => html`<label class="choice">
              <input type="radio" name="role" value=${role} ?checked=${role === 'demo'} />
              <span>${t(ROLE_MESSAGE[role])}</span>
              <small>${t(ROLE_HINT[role])}</small>
            </label>`,
          )}
        </fieldset>
        <fieldset>
          <legend>${t('staff.setup.method')}</legend>
          ${passkeysSupported()
            ? html`<label class="choice"><input type="radio" name="method" value="passkey" ?checked=${this.method === 'passkey'} @change=${() => (this.method = 'passkey')} /><span>${t('staff.method.passkey')}</span></label>`
            : nothing}
          <label class="choice"><input type="radio" name="method" value="passphrase" ?checked=${this.method === 'passphrase'} @change=${() => (this.method = 'passphrase')} /><span>${t('staff.method.passphrase')}</span></label>
        </fieldset>
        ${this.method === 'passkey'
          ? html`<label class="field">${t('staff.passkey.label')}<input name="label" autocomplete="off" required /></label>`
          : html`<label class="field">${t('staff.passphrase')}<input name="passphrase" type="password" autocomplete="new-password" minlength="12" required /></label>
              <label class="field">${t('staff.passphrase.again')}<input name="again" type="password" autocomplete="new-password" required /></label>`}
        <div class="actions"><button type="submit" data-action="set-up" ?disabled=${working}>${t('staff.setup.submit')}</button></div>
      </form>
      ${this.renderOutcome()}
    </section>`;
  }

  private renderSignIn(status: StaffStatus) {
    const working = this.tasks.working;
    const locked = status.passphraseLockedUntil > 0;
    return html`<section data-staff="sign-in">
      <h1>${t('staff.signin.heading')}</h1>
      <p>${t('staff.signin.lead')}</p>
      ${status.passkeys > 0
        ? passkeysSupported()
          ? html`<div class="actions"><button data-action="sign-in-passkey" ?disabled=${working} @click=${() => this.signInWithPasskey()}>${t('staff.signin.passkey')}</button></div>`
          : html`<p>${t('staff.signin.no-passkeys')}</p>`
        : nothing}
      ${status.passphrase
        ? html`<form data-form="sign-in-passphrase" @submit=${(e: SubmitEvent) => (e.preventDefault(), void this.signInWithPassphrase(e.target as HTMLFormElement))}>
            <label class="field">${t('staff.passphrase')}<input name="passphrase" type="password" autocomplete="current-password" required ?disabled=${locked} /></label>
            ${locked ? html`<p class="error" data-locked>${t('staff.signin.locked-until', { time: new Date(status.passphraseLockedUntil).toLocaleTimeString(language() === 'ja' ? 'ja-JP' : 'en-GB') })}</p>` : nothing}
            <div class="actions"><button type="submit" class="secondary" data-action="sign-in-passphrase" ?disabled=${working || locked}>${t('staff.signin.passphrase')}</button></div>
          </form>`
        : nothing}
      ${this.renderOutcome()}
      ${status.role === 'kiosk' || status.role === 'verifier'
        ? html`<div class="actions"><button class="secondary" data-action="leave" @click=${() => this.dispatchEvent(new CustomEvent(LEAVE_ADMIN_EVENT, { bubbles: true, composed: true }))}>${t('staff.signin.back')}</button></div>`
        : nothing}
    </section>`;
  }

  override render() {
    const status = this.status;
    if (!status) return html`${this.renderOutcome()}<p aria-busy="true">${t('common.working')}</p>`;
    return status.configured ? this.renderSignIn(status) : this.renderSetup();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-staff-gate': KofuStaffGate;
  }
}
