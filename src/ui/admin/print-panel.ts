/**
 * `<kofu-admin-print>`: this tablet's print settings — the municipality's verifier URL that the
 * QR code and the back's caption carry (validated: https, ≤ 47 characters; a refused URL stores
 * nothing) and the 『複写』 pantograph's printer profile, chosen with the calibration sheet.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { DEMO_VERIFIER_URL, MAX_VERIFIER_URL, printAdmin, printerProfileChoices, type PrintSettingsView } from '../../app/print-admin.ts';
import { describeError } from '../shared/error-messages.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { elementStyles, panels } from '../shared/styles.ts';
import { TaskController } from '../shared/task-controller.ts';

@customElement('kofu-admin-print')
export class KofuAdminPrint extends LitElement {
  static override styles = [...elementStyles, panels];

  @state() private settings?: PrintSettingsView;
  private readonly i18n = new LanguageController(this);
  private readonly tasks = new TaskController(this, 'print', { refresh: () => this.load() });

  override connectedCallback(): void {
    super.connectedCallback();
    this.load().catch((error: unknown) => this.tasks.show('main', { kind: 'error', error }));
  }

  private async load(): Promise<void> {
    this.settings = await printAdmin.read();
  }

  private field<T extends HTMLElement>(name: string): T {
    return this.renderRoot.querySelector(`[data-field="${name}"]`) as T;
  }

  private saveUrl(): Promise<void> {
    const input = this.field<HTMLInputElement>('verifier-url').value;
    return this.tasks.run('main', async () => t('print.url.saved', { url: await printAdmin.setVerifierUrl(input) }), { name: 'print.verifier-url' });
  }

  private saveProfile(): Promise<void> {
    const id = this.field<HTMLSelectElement>('printer-profile').value;
    return this.tasks.run('main', async () => t('print.profile.saved', { id: await printAdmin.setPrinterProfile(id) }), { name: 'print.printer-profile' });
  }

  override render() {
    const s = this.settings;
    const working = this.tasks.working;
    const outcome = this.tasks.outcome();
    return html`
      <section data-print>
        <h2>${t('print.heading')}</h2>
        <p>${t('print.lead')}</p>
        <label for="verifier-url">${t('print.url.label')}</label>
        <input id="verifier-url" type="url" inputmode="url" autocomplete="off" spellcheck="false" maxlength="200" data-field="verifier-url"
          .value=${s && !s.verifierUrlIsDemo ? s.verifierUrl : ''} placeholder=${DEMO_VERIFIER_URL} aria-describedby="verifier-url-hint" />
        <p id="verifier-url-hint" class="hint">${t('print.url.hint', { max: MAX_VERIFIER_URL })}</p>
        ${s?.verifierUrlIsDemo ? html`<p class="hint" data-demo-url>${t('print.url.demo', { url: DEMO_VERIFIER_URL })}</p>` : nothing}
        <div class="actions">
          <button data-action="save-verifier-url" ?disabled=${working} @click=${() => this.saveUrl()}>${t('print.url.save')}</button>
        </div>
        <label for="printer-profile">${t('print.profile.label')}</label>
        <select id="printer-profile" data-field="printer-profile" aria-describedby="printer-profile-hint">
          ${printerProfileChoices().map(
            (p) => html`<option value=${p.id} ?selected=${s?.printerProfile === p.id}>${t('print.profile.option', { ...p, coverage: p.coveragePercent })}</option>`,
          )}
        </select>
        <p id="printer-profile-hint" class="hint">${t('print.profile.hint')}</p>
        <div class="actions">
          <button class="secondary" data-action="save-printer-profile" ?disabled=${working} @click=${() => this.saveProfile()}>${t('print.profile.save')}</button>
        </div>
        ${outcome?.kind === 'ok' ? html`<p role="status" class="ok" data-result="ok">${outcome.text}</p>` : nothing}
        ${outcome?.kind === 'error' ? html`<p role="alert" class="error" data-result="error">${describeError(outcome.error, language())}</p>` : nothing}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-admin-print': KofuAdminPrint;
  }
}
