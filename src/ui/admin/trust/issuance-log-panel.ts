/**
 * `<kofu-issuance-log-panel>`: the issuance log for audit — export it (sealed by this tablet's
 * signer), verify this device's log or an exported file, with every deleted or modified entry.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { issuanceLogTools, type IssuanceLogTools, type LogReport } from '../../../app/trust/issuance-log-tools.ts';
import { browserSaveFile, type SaveFile } from '../../shared/download.ts';
import { describeFailure } from '../../shared/error-messages.ts';
import { language, t } from '../../shared/i18n.ts';
import { TaskController } from '../../shared/task-controller.ts';
import { FileKind, TrustSection, readFile, renderOutcome } from './trust-section.ts';
import { onFile } from '../../shared/file-input.ts';

/** An exported issuance log of ~250,000 entries; anything larger is not one of ours. */
export const MAX_LOG_FILE_BYTES = 64 * 1024 * 1024;

@customElement('kofu-issuance-log-panel')
export class KofuIssuanceLogPanel extends TrustSection<void> {
  /** The log tools; tests inject ones over a scratch database. */
  @property({ attribute: false }) logTools: IssuanceLogTools = issuanceLogTools();
  /** How files reach the user; tests replace it to capture them. */
  @property({ attribute: false }) saveFile: SaveFile = browserSaveFile;

  @state() private report?: LogReport;

  protected readonly section = 'log';
  protected readonly tasks = new TaskController<'log'>(this, 'admin-trust', { refresh: () => this.afterAction() });

  /** The log panel shows no stored state of its own, only the report of its last check. */
  protected async read(): Promise<void> {}

  protected follow(): (() => void)[] {
    return [];
  }

  private exportLog(): Promise<void> {
    return this.tasks.run('log', async () => {
      const result = await this.logTools.export();
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      this.saveFile(`kofu-issuance-log-${stamp}${FileKind.log}`, result.json, 'application/json');
      return result.signedHead ? t('trust.log.exported', { entries: result.entries }) : t('trust.log.exported-unsigned', { entries: result.entries });
    }, { name: 'issuance-log.export' });
  }

  private verifyLog(file?: File): Promise<void> {
    this.report = undefined;
    return this.tasks.run('log', async () => {
      const text = file ? new TextDecoder().decode(await readFile(file, MAX_LOG_FILE_BYTES)) : undefined;
      this.report = await this.logTools.verify(text);
      return undefined;
    }, { name: 'issuance-log.verify' });
  }

  override render(): TemplateResult {
    const report = this.report;
    const working = this.working;
    return html`<section data-section="log">
      <h2>${t('trust.log.heading')}</h2>
      <p class="hint">${t('trust.log.lead')}</p>
      <div class="actions">
        <button data-action="export-log" ?disabled=${working} @click=${() => void this.exportLog()}>${t('trust.log.export')}</button>
        <button class="secondary" data-action="verify-log" ?disabled=${working} @click=${() => void this.verifyLog()}>${t('trust.log.verify-device')}</button>
        <label class="button secondary">${t('trust.log.verify-file')}
          <input type="file" accept="application/json,.json" data-action="verify-log-file" ?disabled=${working}
            @change=${onFile((file) => void this.verifyLog(file))} /></label>
      </div>
      ${report
        ? html`<div data-log-report data-ok=${String(report.ok)}>
            <p class=${report.ok ? 'ok' : 'error'}>${report.ok ? t('trust.log.ok', { entries: report.entries }) : t('trust.log.bad', { count: report.problems.length })}</p>
            <p>${t('trust.log.summary', { entries: report.entries, checkpoints: report.checkpoints, signed: report.signedThrough + 1, tail: report.unsignedTail })}</p>
            ${report.unsignedTail > 0 ? html`<p class="hint">${t('trust.log.tail-hint')}</p>` : nothing}
            <p data-log-till>${t('trust.log.till', { voided: report.voided, notPrinted: report.notPrinted, yen: report.tillFees.toLocaleString('ja-JP') })}</p>
            ${report.problems.length > 0
              ? html`<ul class="problems">${report.problems.map((p) => html`<li data-problem=${p.kind} data-seq=${p.seq}>${describeFailure(p.code, p.params, language())}</li>`)}</ul>`
              : nothing}
          </div>`
        : nothing}
      ${renderOutcome(this.tasks.outcome('log'))}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-issuance-log-panel': KofuIssuanceLogPanel;
  }
}
