/**
 * `<kofu-trust-store-panel>`: the trust lists this device checks against, with stale warnings;
 * importing a list from a file or an allowed URL, registering a new publisher only after staff
 * type the key id the municipality published; the configured download address.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { onDemoModeChange } from '../../../app/demo-mode.ts';
import { ListSource } from '../../../app/trust/common.ts';
import { MAX_TRUST_LIST_BYTES, isUnknownPublisher, trustStore, type TrustListSummary, type TrustStore } from '../../../app/trust/verifier-trust.ts';
import { describeFailure } from '../../shared/error-messages.ts';
import { language, t } from '../../shared/i18n.ts';
import { TaskController } from '../../shared/task-controller.ts';
import { FileKind, TrustSection, formatDate, groupedKid, readFile, renderOutcome } from './trust-section.ts';
import { onFile } from '../../shared/file-input.ts';
import { formFields, submittedFields } from '../../shared/form-fields.ts';

interface TrustStoreView {
  readonly demoMode: boolean;
  readonly lists: { readonly list?: TrustListSummary; readonly demoList?: TrustListSummary };
  readonly anchors: readonly { readonly kid: string; readonly label: string }[];
  readonly configuredUrl?: string;
}

@customElement('kofu-trust-store-panel')
export class KofuTrustStorePanel extends TrustSection<TrustStoreView> {
  /** The trust store; tests inject one over a scratch database. */
  @property({ attribute: false }) store: TrustStore = trustStore();

  /** A trust list whose publisher is not registered yet, waiting for staff to confirm its key id. */
  @state() private pendingPublisher?: { bytes: Uint8Array; source: string; kid: string; name: string; municipality: number };

  protected readonly section = 'trust';
  protected readonly tasks = new TaskController<'trust'>(this, 'admin-trust', { refresh: () => this.afterAction() });

  protected async read(): Promise<TrustStoreView> {
    const demoMode = await this.store.demoMode();
    const lists = await this.store.trustListSummaries(); // in demo mode this provisions the demo list
    const [anchors, configuredUrl] = await Promise.all([this.store.registeredAnchors(), this.store.trustListUrl()]);
    return { demoMode, lists, anchors, configuredUrl };
  }

  protected follow(refresh: () => void): (() => void)[] {
    return [this.store.onChange(refresh), onDemoModeChange(refresh)];
  }

  private importList(from: { file: File } | { url: string }): Promise<void> {
    this.pendingPublisher = undefined;
    return this.tasks.run('trust', async () => {
      const { bytes: listBytes, url: listSource } =
        'file' in from ? { bytes: await readFile(from.file, MAX_TRUST_LIST_BYTES), url: from.file.name } : await this.store.downloadTrustList(from.url);
      try {
        const list = await this.store.importTrustList(listBytes, listSource);
        return t('trust.list.imported', { version: list.version });
      } catch (error) {
        if (!isUnknownPublisher(error)) throw error;
        const publisher = await this.store.findUntrustedPublisher(listBytes);
        if (!publisher) throw error;
        this.pendingPublisher = { bytes: listBytes, source: listSource, kid: publisher.kid, name: publisher.name, municipality: publisher.municipality };
        return undefined;
      }
    }, { name: 'trust.list-import' });
  }

  private confirmPublisher(event: SubmitEvent): Promise<void> | undefined {
    const { kid } = submittedFields(event);
    const pending = this.pendingPublisher;
    if (!pending) return undefined;
    return this.tasks.run('trust', async () => {
      const list = await this.store.trustPublisherAndImport(pending.bytes, kid, pending.source);
      this.pendingPublisher = undefined;
      return t('trust.list.imported', { version: list.version });
    }, { name: 'trust.publisher-confirm' });
  }

  private importFromUrl(event: SubmitEvent): Promise<void> {
    const { url } = submittedFields(event);
    return this.importList({ url: url.trim() });
  }

  private saveUrl(form: HTMLFormElement): Promise<void> {
    const { url } = formFields(form);
    return this.tasks.run('trust', async () => {
      await this.store.setTrustListUrl(url.trim());
      return t('trust.url.saved');
    }, { name: 'trust.list-url-save' });
  }

  private renderList(summary: TrustListSummary | undefined, which: 'real' | 'demo'): TemplateResult {
    if (!summary) return html`<p data-list=${which} data-state="none">${which === 'demo' ? t('trust.list.none-demo') : t('trust.list.none')}</p>`;
    return html`<div data-list=${which} data-version=${summary.version}>
      ${summary.status.stale ? html`<p class="warning" data-warning="stale">${describeFailure(summary.status.code, summary.status.params, language())}</p>` : nothing}
      <dl>
        <dt>${t('trust.field.version')}</dt><dd data-field="version">${summary.version}${summary.demo ? html` <span class="demo">${t('trust.kind.demo')}</span>` : nothing}</dd>
        <dt>${t('trust.field.issued')}</dt><dd>${formatDate(summary.issuedAt)}</dd>
        <dt>${t('trust.field.next-update')}</dt><dd data-field="next-update">${formatDate(summary.nextUpdate)}</dd>
        <dt>${t('trust.field.roots')}</dt>
        <dd data-field="roots">${summary.roots.map((r) => html`<div>${r.name}（${r.municipality}）${r.demo ? html` <span class="demo">${t('trust.kind.demo')}</span>` : nothing}</div>`)}</dd>
        <dt>${t('trust.field.revoked')}</dt><dd data-field="revoked">${summary.revokedCount}</dd>
        <dt>${t('trust.field.publisher')}</dt><dd class="kid">${groupedKid(summary.anchorKid)}</dd>
        ${summary.source
          ? html`<dt>${t('trust.field.source')}</dt>
              <dd>${summary.source === ListSource.demo ? t('trust.source.demo') : summary.source === ListSource.published ? t('trust.source.published') : summary.source}</dd>`
          : nothing}
      </dl>
    </div>`;
  }

  override render(): TemplateResult {
    if (!this.loaded) return html`<p aria-busy="true">${t('common.working')}</p>`;
    const pending = this.pendingPublisher;
    const view = this.view;
    const anchors = view?.anchors ?? [];
    const working = this.working;
    return html`<section data-section="trust">
      <h2>${t('trust.list.heading')}</h2>
      ${this.renderList(view?.lists.list, 'real')}
      ${(view?.demoMode ?? true) ? html`<h3>${t('trust.list.demo-heading')}</h3>${this.renderList(view?.lists.demoList, 'demo')}` : nothing}
      <h3>${t('trust.list.import-heading')}</h3>
      <div class="actions">
        <label class="button secondary">
          ${t('trust.list.import-file')}
          <input type="file" accept="${FileKind.trustList},application/octet-stream" data-action="import-list" ?disabled=${working}
            @change=${onFile((file) => void this.importList({ file }))} />
        </label>
      </div>
      <form data-form="import-url" @submit=${(e: SubmitEvent) => void this.importFromUrl(e)}>
        <label class="field">${t('trust.field.url')}
          <input type="url" name="url" required size="40" .value=${view?.configuredUrl ?? ''} placeholder="https://…" /></label>
        <button type="submit" data-action="import-url" ?disabled=${working}>${t('trust.list.import-url')}</button>
        <button type="button" class="secondary" data-action="save-url" ?disabled=${working}
          @click=${(e: Event) => void this.saveUrl((e.target as HTMLElement).closest('form')!)}>${t('trust.url.save')}</button>
      </form>
      <p class="hint">${t('trust.url.rule')}</p>
      ${pending
        ? html`<p class="warning" data-publisher-question>${t('trust.publisher.unknown', { name: pending.name, municipality: pending.municipality })}</p>
            <form data-form="confirm-publisher" @submit=${(e: SubmitEvent) => void this.confirmPublisher(e)}>
            <label class="field">${t('trust.publisher.kid')}
              <input type="text" name="kid" required autocomplete="off" class="kid" size="24" placeholder="0123 4567 89ab cdef" /></label>
            <button type="submit" data-action="confirm-publisher" ?disabled=${working}>${t('trust.publisher.confirm')}</button>
            <button type="button" class="secondary" @click=${() => (this.pendingPublisher = undefined)}>${t('trust.cancel')}</button>
          </form>`
        : nothing}
      ${anchors.length > 0
        ? html`<h3>${t('trust.publishers.heading')}</h3>
            <ul data-field="publishers">${anchors.map((a) => html`<li>${a.label} <span class="kid">${groupedKid(a.kid)}</span></li>`)}</ul>`
        : nothing}
      ${renderOutcome(this.tasks.outcome('trust'))}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-trust-store-panel': KofuTrustStorePanel;
  }
}
