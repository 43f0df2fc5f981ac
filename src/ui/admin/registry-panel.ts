/**
 * `<kofu-admin-registry>`: the resident data this tablet issues from — what it holds, export as
 * JSON or residents CSV, import with every problem listed by file, line and field (a bad file
 * changes nothing), back to the demo data in demo mode — and the printer calibration sheet.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { beginWork } from '../../app/activity.ts';
import { appDatabase } from '../../app/database.ts';
import { readDemoMode } from '../../app/demo-mode.ts';
import { pdfBridge } from '../../app/pdf.ts';
import { appRegistry } from '../../app/registry.ts';
import { describeError } from '../shared/error-messages.ts';
import { demoRegistry } from '../../registry/demo.ts';
import type { RegistrySnapshot } from '../../registry/model.ts';
import { ImportError, exportRegistryJson, exportResidentsCsv, importRegistryJson, importResidentsCsv, type ImportProblem } from '../../registry/transfer.ts';
import { browserSaveFile, type SaveFile } from '../shared/download.ts';
import { DemoModeController } from '../shared/demo-mode-controller.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { controls, panels, tokens } from '../shared/styles.ts';

/** A registry export of a large town is a few MB; refuse anything far larger before reading it. */
export const MAX_REGISTRY_FILE_BYTES = 32 * 1024 * 1024;

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; error: unknown } | undefined;

@customElement('kofu-admin-registry')
export class KofuAdminRegistry extends LitElement {
  static override styles = [
    tokens,
    controls,
    panels,
    css`
      ol.problems {
        max-height: 16em;
        overflow: auto;
      }
    `,
  ];

  /** Where exports go; component tests replace it. */
  saveFile: SaveFile = browserSaveFile;

  @state() private snapshot?: RegistrySnapshot;
  @state() private outcome: Outcome;
  @state() private working = false;
  private readonly i18n = new LanguageController(this);
  private readonly demoMode = new DemoModeController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  private async registry() {
    return appRegistry(await readDemoMode(await appDatabase()));
  }

  private async refresh(): Promise<void> {
    try {
      this.snapshot = await (await this.registry()).snapshot();
    } catch (error) {
      this.outcome = { kind: 'error', error };
    }
  }

  private async run(task: () => Promise<string>): Promise<void> {
    const done = beginWork('registry');
    this.working = true;
    this.outcome = undefined;
    try {
      this.outcome = { kind: 'ok', text: await task() };
    } catch (error) {
      this.outcome = { kind: 'error', error };
    } finally {
      this.working = false;
      done();
      await this.refresh();
    }
  }

  private exportJson(): Promise<void> {
    return this.run(async () => {
      const file = `kofu-registry-${new Date().toISOString().slice(0, 10)}.json`;
      this.saveFile(file, exportRegistryJson(await (await this.registry()).snapshot()), 'application/json');
      return t('registry.exported', { file });
    });
  }

  private exportCsv(): Promise<void> {
    return this.run(async () => {
      const file = `kofu-residents-${new Date().toISOString().slice(0, 10)}.csv`;
      this.saveFile(file, exportResidentsCsv((await (await this.registry()).snapshot()).residents), 'text/csv');
      return t('registry.exported', { file });
    });
  }

  private import(file: File | undefined, kind: 'json' | 'csv'): Promise<void> | undefined {
    if (!file || !confirm(t('registry.confirm-replace'))) return undefined;
    return this.run(async () => {
      if (file.size > MAX_REGISTRY_FILE_BYTES) {
        throw new ImportError([{ file: file.name, line: 0, field: '', message: { ja: `ファイルが大きすぎます（${(file.size / 1048576).toFixed(0)} MB）。`, en: `The file is too large (${(file.size / 1048576).toFixed(0)} MB).` } }]);
      }
      const text = await file.text();
      const registry = await this.registry();
      const snapshot = kind === 'json' ? await importRegistryJson(registry, text, file.name) : await importResidentsCsv(registry, text, file.name);
      return t('registry.imported', { residents: snapshot.residents.length });
    });
  }

  private resetDemo(): Promise<void> | undefined {
    if (!confirm(t('registry.confirm-reset'))) return undefined;
    return this.run(async () => {
      await (await this.registry()).replaceAll(demoRegistry);
      return t('registry.reset-done');
    });
  }

  private openCalibrationSheet(): Promise<void> {
    return this.run(async () => {
      const pdf = await pdfBridge().call((api) => api.calibrationPdf());
      this.saveFile('kofu-calibration.pdf', pdf, 'application/pdf');
      return t('registry.exported', { file: 'kofu-calibration.pdf' });
    });
  }

  private renderProblems(problems: readonly ImportProblem[]) {
    return html`<p>${t('registry.problems', { count: problems.length })}</p>
      <ol class="problems" data-problems>
        ${problems.map((p) => html`<li>${t('registry.problem-at', p)}: ${p.message[language()]}</li>`)}
      </ol>`;
  }

  private renderOutcome() {
    const outcome = this.outcome;
    if (!outcome) return nothing;
    if (outcome.kind === 'ok') return html`<p role="status" class="ok" data-result="ok">${outcome.text}</p>`;
    return html`<div role="alert">
      <p class="error" data-result="error">${describeError(outcome.error, language())}</p>
      ${outcome.error instanceof ImportError && outcome.error.problems.length > 1 ? this.renderProblems(outcome.error.problems) : nothing}
    </div>`;
  }

  private fileButton(label: string, accept: string, action: string, kind: 'json' | 'csv') {
    return html`<label class="button secondary">
      ${label}
      <input type="file" accept=${accept} data-action=${action} ?disabled=${this.working}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          void this.import(input.files?.[0], kind);
          input.value = '';
        }} />
    </label>`;
  }

  override render() {
    const snapshot = this.snapshot;
    return html`
      <section>
        <h2>${t('registry.heading')}</h2>
        <p>${t('registry.lead')}</p>
        ${snapshot && snapshot.residents.length > 0
          ? html`<ul data-summary>
              ${snapshot.municipalities.map(
                (m) => html`<li>
                  ${t('registry.municipality', {
                    name: m.name,
                    code: m.code,
                    residents: snapshot.residents.filter((r) => r.municipality === m.code).length,
                    households: snapshot.households.filter((h) => h.municipality === m.code).length,
                    koseki: snapshot.koseki.filter((k) => k.municipality === m.code).length,
                  })}
                </li>`,
              )}
            </ul>`
          : html`<p>${t('registry.empty')}</p>`}
        <div class="actions">
          <button data-action="export-json" ?disabled=${this.working} @click=${() => this.exportJson()}>${t('registry.export-json')}</button>
          <button data-action="export-csv" ?disabled=${this.working} @click=${() => this.exportCsv()}>${t('registry.export-csv')}</button>
          ${this.fileButton(t('registry.import-json'), 'application/json,.json', 'import-json', 'json')}
          ${this.fileButton(t('registry.import-csv'), 'text/csv,.csv', 'import-csv', 'csv')}
          ${this.demoMode.on ? html`<button class="secondary" data-action="reset-demo" ?disabled=${this.working} @click=${() => this.resetDemo()}>${t('registry.reset-demo')}</button>` : nothing}
        </div>
        <small>${t('registry.privacy')}</small>
        ${this.renderOutcome()}
      </section>
      <section>
        <h2>${t('printer.heading')}</h2>
        <p>${t('printer.lead')}</p>
        <button class="secondary" data-action="calibration" ?disabled=${this.working} @click=${() => this.openCalibrationSheet()}>${t('printer.download')}</button>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-admin-registry': KofuAdminRegistry;
  }
}
