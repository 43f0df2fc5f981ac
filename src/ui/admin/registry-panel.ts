/**
 * `<kofu-admin-registry>`: the resident data this tablet issues from — what it holds, export as
 * JSON or residents CSV, import with every problem listed by file, line and field (a bad file
 * changes nothing), back to the demo data in demo mode — and the printer calibration sheet.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { DownloadFile } from '../../app/download-file.ts';
import { importProblems, registryAdmin, type ImportProgress, type RegistryFileKind, type RegistrySummary } from '../../app/registry-admin.ts';
import type { GlyphStatus } from '../../app/registry-glyphs.ts';
import { AbortedError } from '../../bytes/errors.ts';
import { describeError, describeFailure } from '../shared/error-messages.ts';
import type { ImportProblem } from '../../registry/import-check.ts';
import { browserSaveFile, type SaveFile } from '../shared/download.ts';
import { onFile } from '../shared/file-input.ts';
import { DemoModeController } from '../shared/demo-mode-controller.ts';
import { LanguageController, language, t } from '../shared/i18n.ts';
import { panels, elementStyles } from '../shared/styles.ts';
import { TaskController } from '../shared/task-controller.ts';
import { confirmPersonalNumberExport } from '../staff/personal-export.ts';

@customElement('kofu-admin-registry')
export class KofuAdminRegistry extends LitElement {
  static override styles = [
    ...elementStyles,
    panels,
    css`
      ol.problems {
        max-height: 16em;
        overflow: auto;
      }
      .progress {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: center;
      }
      .progress progress {
        width: min(320px, 70vw);
        height: 1.2em;
      }
    `,
  ];

  /** Where exports go; component tests replace it. */
  saveFile: SaveFile = browserSaveFile;

  @state() private summary?: RegistrySummary;
  /** The running import's progress, and how to cancel it. */
  @state() private progress?: ImportProgress;
  @state() private glyphs?: GlyphStatus;
  @state() private gaijiMunicipality?: string;
  private importing?: AbortController;
  private readonly i18n = new LanguageController(this);
  private readonly demoMode = new DemoModeController(this);
  /** Every action ends by reading the registry again, so the summary never shows stale data. */
  private readonly tasks = new TaskController<'main' | 'glyphs'>(this, 'registry', { refresh: () => this.afterChange(), refreshOnConnect: true });

  /** After every action: the summary again, and a word to the storage panel (an import changes the database's size). */
  private async afterChange(): Promise<void> {
    await this.loadSnapshot();
    this.dispatchEvent(new CustomEvent('kofu-registry-changed', { bubbles: true, composed: true }));
  }

  private async loadSnapshot(): Promise<void> {
    this.summary = await registryAdmin().summary();
    // Needs the certificate font; a status that cannot be had yet leaves the section's lead alone.
    this.glyphs = await registryAdmin().glyphs().catch(() => undefined);
  }

  private importGaiji(file: File | undefined): Promise<void> | undefined {
    const code = this.gaijiMunicipality ?? this.summary?.municipalities[0]?.code;
    if (!file || !code) return undefined;
    return this.tasks.run('glyphs', async () => t('registry.glyphs.imported', { gaiji: (await registryAdmin().importGaiji(file, code)).gaiji }), { name: 'registry.import-gaiji', detail: { municipality: code } });
  }

  private refreshGlyphs(): Promise<void> {
    return this.tasks.run('glyphs', async () => t('registry.glyphs.refreshed', { missing: (await registryAdmin().refreshGlyphs()).missing.length }), { name: 'registry.refresh-glyphs' });
  }

  private renderGlyphs() {
    const status = this.glyphs;
    const summary = this.summary;
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    const outcome = this.tasks.outcome('glyphs');
    return html`<section data-glyphs>
      <h2>${t('registry.glyphs.heading')}</h2>
      <p>${t('registry.glyphs.lead')}</p>
      ${status
        ? html`<p data-glyph-status>${t('registry.glyphs.status', { ipamj: status.ipamj, gaiji: status.gaiji, size: kb(status.bytes) })}</p>
            <p data-glyph-missing=${status.missing.length}>
              ${status.missing.length
                ? t('registry.glyphs.missing', { list: status.missing.map((c) => [...c].map((p) => `U+${p.codePointAt(0)!.toString(16).toUpperCase()}`).join(' ')).join('、') })
                : t('registry.glyphs.complete')}
            </p>`
        : nothing}
      <div class="actions">
        ${summary && summary.municipalities.length > 1
          ? html`<label>${t('registry.glyphs.municipality')}
              <select data-gaiji-municipality @change=${(e: Event) => (this.gaijiMunicipality = (e.target as HTMLSelectElement).value)}>
                ${summary.municipalities.map((m) => html`<option value=${m.code}>${m.name}</option>`)}
              </select></label>`
          : nothing}
        <label class="button secondary">
          ${t('registry.glyphs.import')}
          <input type="file" accept=".ttf,font/ttf,application/json,.json" data-action="import-gaiji" ?disabled=${this.tasks.working}
            @change=${onFile((file) => void this.importGaiji(file))} />
        </label>
        <button class="secondary" data-action="refresh-glyphs" ?disabled=${this.tasks.working} @click=${() => this.refreshGlyphs()}>${t('registry.glyphs.refresh')}</button>
      </div>
      ${outcome?.kind === 'ok' ? html`<p role="status" class="ok" data-glyph-result="ok">${outcome.text}</p>` : nothing}
      ${outcome?.kind === 'error' ? html`<p role="alert" class="error" data-glyph-result="error">${describeError(outcome.error, language())}</p>` : nothing}
    </section>`;
  }

  private save(file: DownloadFile): string {
    this.saveFile(file.name, file.data, file.type);
    return t('registry.exported', { file: file.name });
  }

  /** Both exports carry every resident's 個人番号: asked twice, and logged. */
  private exportJson(): Promise<void> | undefined {
    if (!confirmPersonalNumberExport(t('staff.export.registry-json'))) return undefined;
    return this.tasks.run('main', async () => this.save(await registryAdmin().exportJson()), { name: 'registry.export-json', detail: { personalNumbers: true } });
  }

  private exportCsv(): Promise<void> | undefined {
    if (!confirmPersonalNumberExport(t('staff.export.residents-csv'))) return undefined;
    return this.tasks.run('main', async () => this.save(await registryAdmin().exportCsv()), { name: 'registry.export-csv', detail: { personalNumbers: true } });
  }

  private import(file: File | undefined, kind: RegistryFileKind): Promise<void> | undefined {
    if (!file || !confirm(t('registry.confirm-replace'))) return undefined;
    const controller = (this.importing = new AbortController());
    return this.tasks.run('main', async () => {
      try {
        const summary = await registryAdmin().importFile(file, kind, { signal: controller.signal, onProgress: (progress) => (this.progress = progress) });
        return t('registry.imported', { residents: summary.residents });
      } catch (error) {
        if (error instanceof AbortedError) return t('registry.cancelled');
        throw error;
      } finally {
        this.importing = undefined;
        this.progress = undefined;
      }
    }, { name: `registry.import-${kind}` });
  }

  private resetDemo(): Promise<void> | undefined {
    if (!confirm(t('registry.confirm-reset'))) return undefined;
    return this.tasks.run('main', async () => {
      await registryAdmin().resetToDemo();
      return t('registry.reset-done');
    }, { name: 'registry.reset-demo' });
  }

  private openCalibrationSheet(): Promise<void> {
    return this.tasks.run('main', async () => this.save(await registryAdmin().calibrationSheet()), { name: 'printer.calibration-sheet' });
  }

  private renderProblems(problems: readonly ImportProblem[]) {
    return html`<p>${t('registry.problems', { count: problems.length })}</p>
      <ol class="problems" data-problems>
        ${problems.map((p) => html`<li>${t('registry.problem-at', p)}: ${describeFailure(p.code, p.params, language())}</li>`)}
      </ol>`;
  }

  /** The import's bar: an indeterminate one while the file is read and checked, records counted while they are saved. */
  private renderProgress() {
    if (!this.importing) return nothing;
    const progress = this.progress;
    const locale = language() === 'ja' ? 'ja-JP' : 'en-GB';
    const size = `${((progress?.total ?? 0) / 1048576).toFixed(1)} MB`;
    const text = !progress
      ? t('common.working')
      : progress.phase === 'writing'
        ? t('registry.progress.writing', { done: progress.done.toLocaleString(locale), total: progress.total.toLocaleString(locale) })
        : t(`registry.progress.${progress.phase}`, { size });
    return html`<div class="progress" role="status" data-import-progress=${progress?.phase ?? 'starting'}>
      <span>${text}</span>
      ${progress?.phase === 'writing' ? html`<progress max=${progress.total} value=${progress.done}></progress>` : html`<progress></progress>`}
      <button class="secondary" data-action="cancel-import" @click=${() => this.importing?.abort()}>${t('registry.cancel')}</button>
      <small>${t('registry.progress.note')}</small>
    </div>`;
  }

  private renderOutcome() {
    const outcome = this.tasks.outcome();
    if (!outcome) return nothing;
    if (outcome.kind === 'ok') return html`<p role="status" class="ok" data-result="ok">${outcome.text}</p>`;
    const problems = importProblems(outcome.error);
    return html`<div role="alert">
      <p class="error" data-result="error">${describeError(outcome.error, language())}</p>
      ${problems.length > 1 ? this.renderProblems(problems) : nothing}
    </div>`;
  }

  private fileButton(label: string, accept: string, action: string, kind: RegistryFileKind) {
    return html`<label class="button secondary">
      ${label}
      <input type="file" accept=${accept} data-action=${action} ?disabled=${this.tasks.working}
        @change=${onFile((file) => void this.import(file, kind))} />
    </label>`;
  }

  override render() {
    const summary = this.summary;
    return html`
      <section>
        <h2>${t('registry.heading')}</h2>
        <p>${t('registry.lead')}</p>
        ${summary && summary.residents > 0
          ? html`<ul data-summary>
              ${summary.municipalities.map((m) => html`<li>${t('registry.municipality', m)}</li>`)}
            </ul>`
          : html`<p>${t('registry.empty')}</p>`}
        <div class="actions">
          <button data-action="export-json" ?disabled=${this.tasks.working} @click=${() => this.exportJson()}>${t('registry.export-json')}</button>
          <button data-action="export-csv" ?disabled=${this.tasks.working} @click=${() => this.exportCsv()}>${t('registry.export-csv')}</button>
          ${this.fileButton(t('registry.import-json'), 'application/json,.json', 'import-json', 'json')}
          ${this.fileButton(t('registry.import-csv'), 'text/csv,.csv', 'import-csv', 'csv')}
          ${this.demoMode.on ? html`<button class="secondary" data-action="reset-demo" ?disabled=${this.tasks.working} @click=${() => this.resetDemo()}>${t('registry.reset-demo')}</button>` : nothing}
        </div>
        <small>${t('registry.privacy')}</small>
        ${this.renderProgress()} ${this.renderOutcome()}
      </section>
      ${this.renderGlyphs()}
      <section>
        <h2>${t('printer.heading')}</h2>
        <p>${t('printer.lead')}</p>
        <button class="secondary" data-action="calibration" ?disabled=${this.tasks.working} @click=${() => this.openCalibrationSheet()}>${t('printer.download')}</button>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-admin-registry': KofuAdminRegistry;
  }
}
