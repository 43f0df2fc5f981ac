/**
 * `<kofu-admin-readers>`: the staff reader check. It says in plain words which readers this
 * browser can drive (WebUSB vendor-class readers everywhere Chromium runs; CCID only in an
 * Isolated Web App), lists the readers already allowed, and checks one end to end — reader and
 * its firmware, card, the card's frame size and waiting time (FSC/FWI), card type, PIN tries
 * left — without ever sending a VERIFY. In demo mode the same check
 * runs through the virtual RC-S380 with a demo card, exercising the real driver code.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { beginWork } from '../../app/activity.ts';
import { capabilitySummary, permittedReaders, readerCapabilities, runReaderCheck, type ReaderCheck, type ReaderChoice, type UsbDeviceSummary } from '../../app/reader-check.ts';
import { describeError, describeProblemForStaff } from '../shared/error-messages.ts';
import { DemoModeController } from '../shared/demo-mode-controller.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { panels, elementStyles } from '../shared/styles.ts';
import { staffAccess } from '../../app/staff/index.ts';

type Outcome = { kind: 'result'; check: ReaderCheck } | { kind: 'error'; error: unknown } | undefined;

@customElement('kofu-admin-readers')
export class KofuAdminReaders extends LitElement {
  static override styles = [
    ...elementStyles,
    panels,
    css`
      ul.devices {
        padding-left: 1.2em;
      }
      ul.devices li {
        margin: 6px 0;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px;
      }
    `,
  ];

  @state() private devices: UsbDeviceSummary[] = [];
  @state() private outcome: Outcome;
  @state() private working = false;
  private readonly i18n = new LanguageController(this);
  private readonly demoMode = new DemoModeController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refreshDevices();
  }

  private async refreshDevices(): Promise<void> {
    this.devices = await permittedReaders();
  }

  private async check(choice: ReaderChoice): Promise<void> {
    const done = beginWork('reader-check');
    this.working = true;
    this.outcome = undefined;
    try {
      // An admin action like the others: only for signed-in staff, and logged (the check's result stays on screen).
      this.outcome = { kind: 'result', check: await staffAccess().act('readers.check', () => runReaderCheck(choice, language())) };
    } catch (error) {
      this.outcome = { kind: 'error', error };
    } finally {
      this.working = false;
      done();
      void this.refreshDevices();
    }
  }

  private renderCapabilities() {
    const caps = readerCapabilities();
    const row = (label: string, on: boolean) => html`<dt>${label}</dt><dd class=${on ? 'ok' : ''}>${on ? t('readers.yes') : t('readers.no')}</dd>`;
    const summary = t(`readers.summary.${capabilitySummary(caps)}`);
    return html`
      <h3>${t('readers.capabilities')}</h3>
      <p data-summary>${summary}</p>
      <dl>
        ${row(t('readers.cap.webusb'), caps.webUsb)} ${row(t('readers.cap.isolated'), caps.isolatedContext)}
        ${row(t('readers.cap.smartcard'), caps.smartCardApi)} ${row(t('readers.cap.webnfc'), caps.webNfc)}
      </dl>
    `;
  }

  private renderResult() {
    const outcome = this.outcome;
    if (!outcome) return nothing;
    if (outcome.kind === 'error') return html`<p role="alert" class="error" data-result="error">${describeError(outcome.error, language())}</p>`;
    const { check } = outcome;
    const tries = check.tries;
    return html`
      <h3>${t('readers.result')}</h3>
      <dl data-result="check">
        <dt>${t('readers.result.reader')}</dt>
        <dd>${check.reader ? `${check.reader.label} (${check.reader.kind}, ${check.reader.path})` : '—'}</dd>
        ${check.reader?.firmware ? html`<dt>${t('readers.result.firmware')}</dt><dd data-firmware>${check.reader.firmware}</dd>` : nothing}
        <dt>${t('readers.result.card')}</dt>
        <dd data-card=${String(check.cardDetected)}>${check.cardDetected ? t('readers.result.card-yes') : t('readers.result.card-no')}</dd>
        ${check.link
          ? html`<dt>${t('readers.result.link')}</dt>
              <dd data-link>${t(check.link.assumed ? 'readers.result.link-assumed' : 'readers.result.link-value', { fsc: check.link.fsc, fwi: check.link.fwi, fwt: String(check.link.fwtMs) })}</dd>`
          : nothing}
        ${check.token ? html`<dt>${t('readers.result.token')}</dt><dd data-token>${check.token.label}</dd>` : nothing}
        ${tries
          ? html`<dt>${t('readers.result.tries')}</dt>
              <dd data-tries>${tries.locked ? t('readers.result.locked') : t('readers.result.tries-value', { left: tries.triesLeft === null ? '—' : String(tries.triesLeft), max: tries.maxTries })}</dd>`
          : nothing}
      </dl>
      ${check.problems.length > 0
        ? html`<p>${t('readers.result.problems')}</p>
            <ul class="error">
              ${check.problems.map((problem) => html`<li>${describeProblemForStaff(problem, language())}</li>`)}
            </ul>`
        : html`<p class="ok">${t('readers.result.ok')}</p>`}
    `;
  }

  override render() {
    return html`
      <section>
        <h2>${t('readers.heading')}</h2>
        <p>${t('readers.lead')}</p>
        ${this.renderCapabilities()}
        <h3>${t('readers.permitted')}</h3>
        ${this.devices.length === 0
          ? html`<p>${t('readers.permitted.none')}</p>`
          : html`<ul class="devices">
              ${this.devices.map(
                (device, index) => html`<li>
                  <span>${device.name} (${device.id}) — ${t(`readers.kind.${device.kind}`)}</span>
                  <button class="secondary" ?disabled=${this.working} @click=${() => this.check({ kind: 'permitted', index })}>${t('readers.check')}</button>
                </li>`,
              )}
            </ul>`}
        <div class="actions">
          ${readerCapabilities().webUsb
            ? html`<button data-action="add-reader" ?disabled=${this.working} @click=${() => this.check({ kind: 'chooser' })}>${t('readers.add')}</button>`
            : nothing}
          ${this.demoMode.on
            ? html`<button class="secondary" data-action="check-demo-reader" ?disabled=${this.working} @click=${() => this.check({ kind: 'demo' })}>${t('readers.check-demo')}</button>`
            : nothing}
        </div>
        ${this.working ? html`<p role="status">${t('common.working')}</p>` : nothing} ${this.renderResult()}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-admin-readers': KofuAdminReaders;
  }
}
