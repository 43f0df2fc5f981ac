/**
 * What the trust panels share (`<kofu-demo-mode-panel>`, `<kofu-signer-panel>`,
 * `<kofu-trust-store-panel>`, `<kofu-authority-panel>`, `<kofu-issuance-log-panel>`): their
 * styles, the file and date helpers, and `TrustSection`, the base that keeps a panel's view of
 * stored state current. The panels only collect input, show state and hand files to the browser;
 * the work is in src/app/trust/.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { refuse } from '../../../app/trust/common.ts';
import { describeError } from '../../shared/error-messages.ts';
import { LanguageController, language } from '../../shared/i18n.ts';
import { controls, panels, tokens } from '../../shared/styles.ts';
import type { Outcome, TaskController } from '../../shared/task-controller.ts';

/** File name suffixes staff will see; the content is the binary format from docs/formats.md. */
export const FileKind = {
  request: '.kofureq',
  certificate: '.kofucert',
  trustList: '.kofutrust',
  rootBackup: '.kofukey',
  log: '.json',
} as const;

/** Reads a chosen file, refusing one far larger than its format allows before loading it into memory. */
export async function readFile(file: File, maxBytes: number): Promise<Uint8Array> {
  if (file.size > maxBytes) {
    throw refuse('file.too-large', { name: file.name });
  }
  return new Uint8Array(await file.arrayBuffer());
}

export const fileSafe = (s: string) => s.replace(/[^0-9A-Za-z_-]+/g, '_').slice(0, 40) || 'device';

export function formatDate(seconds: number): string {
  return new Date(seconds * 1000).toLocaleDateString(language() === 'ja' ? 'ja-JP' : 'en-GB', { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString(language() === 'ja' ? 'ja-JP' : 'en-GB');
}

/** Key ids in groups of four hex digits, as staff read them aloud or compare them on paper. */
export const groupedKid = (kid: string) => kid.replace(/(.{4})(?=.)/g, '$1 ');

export function renderOutcome(outcome: Outcome | undefined): TemplateResult | typeof nothing {
  if (!outcome) return nothing;
  return outcome.kind === 'ok'
    ? html`<p role="status" class="ok" data-result="ok">${outcome.text}</p>`
    : html`<p role="alert" class="error" data-result="error">${describeError(outcome.error, language())}</p>`;
}

export const trustSectionStyles = css`
  h3 {
    margin: 20px 0 8px;
    font-size: 1.05rem;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 8px 0;
  }
  .kid {
    font-family: ui-monospace, 'Noto Sans Mono', monospace;
    letter-spacing: 0.04em;
  }
  .actions,
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 12px;
    margin: 8px 0;
  }
  label.field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    font-size: 0.95rem;
    min-width: 0;
    max-width: 100%;
  }
  label.field input {
    max-width: 100%;
  }
  dl {
    grid-template-columns: max-content minmax(0, 1fr);
  }
  dd {
    overflow-wrap: anywhere;
  }
  .table-scroll {
    max-width: 100%;
    overflow-x: auto;
  }
  input[type='text'],
  input[type='password'],
  input[type='number'],
  input[type='url'] {
    min-height: var(--kofu-touch);
    box-sizing: border-box;
    padding: 0 12px;
    border: 1px solid var(--kofu-line);
    border-radius: var(--kofu-radius);
    font: inherit;
  }
  input[type='number'] {
    width: 7em;
  }
  .switch {
    display: flex;
    align-items: center;
    gap: 12px;
    min-height: var(--kofu-touch);
    font-weight: 600;
  }
  .switch input {
    width: 28px;
    height: 28px;
  }
  .warning {
    color: var(--kofu-danger);
    font-weight: 600;
  }
  .demo {
    color: var(--kofu-demo);
    font-weight: 700;
  }
  .hint,
  table {
    border-collapse: collapse;
    margin: 8px 0;
  }
  th,
  td {
    text-align: left;
    padding: 4px 12px 4px 0;
    border-bottom: 1px solid var(--kofu-line);
  }
  summary {
    cursor: pointer;
    min-height: var(--kofu-touch);
    display: flex;
    align-items: center;
    font-weight: 600;
  }
  ul.problems li {
    color: var(--kofu-danger);
  }
`;

/**
 * Fired by a trust panel (bubbling, `detail` true or false) when one of its actions starts or
 * ends, so `<kofu-admin-trust>` can hold off the other panels' actions meanwhile.
 */
export const WORKING_EVENT = 'kofu-trust-working';

/** The styles of every trust panel. */
export const trustPanelStyles = [tokens, controls, panels, trustSectionStyles];

/**
 * A trust panel that shows stored state (`View`): reads it when connected and whenever what it
 * follows changes, and again after each of its actions, before the action's outcome shows.
 */
export abstract class TrustSection<View> extends LitElement {
  static override styles = trustPanelStyles;

  /**
   * What to re-read after an action, before its outcome shows. `<kofu-admin-trust>` sets it to
   * every trust panel, since an action in one changes what others show (a success message never
   * sits beside stale state). Alone, a panel re-reads itself.
   */
  @property({ attribute: false }) refreshAfterAction?: () => Promise<void>;
  /** True while an action of another trust panel runs (set by `<kofu-admin-trust>`): one action at a time. */
  @property({ attribute: false }) othersWorking = false;

  /** The last complete read; undefined until the first one. */
  @state() protected view?: View;
  @state() protected loaded = false;

  protected readonly i18n = new LanguageController(this);
  protected abstract readonly tasks: TaskController<string>;
  /** The section a failed read is reported in. */
  protected abstract readonly section: string;
  private reads = 0;
  private unfollow: (() => void)[] = [];
  private reportedWorking = false;

  /** True while an action runs here or in another trust panel: the panel's buttons are disabled. */
  protected get working(): boolean {
    return this.tasks.working || this.othersWorking;
  }

  /** Reads everything the panel shows, so it never shows a half-updated state. */
  protected abstract read(): Promise<View>;

  /** Subscribes `refresh` to the changes this panel shows; returns the unsubscribe functions. */
  protected abstract follow(refresh: () => void): (() => void)[];

  override connectedCallback(): void {
    super.connectedCallback();
    this.unfollow = this.follow(() => void this.refresh());
    void this.refresh();
  }

  override disconnectedCallback(): void {
    for (const stop of this.unfollow.splice(0)) stop();
    super.disconnectedCallback();
  }

  override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.tasks.working === this.reportedWorking) return;
    this.reportedWorking = this.tasks.working;
    this.dispatchEvent(new CustomEvent<boolean>(WORKING_EVENT, { bubbles: true, detail: this.reportedWorking }));
  }

  /** Re-reads everything shown. Safe to call any time: only the newest of overlapping calls is shown. */
  async refresh(): Promise<void> {
    const generation = ++this.reads;
    try {
      const view = await this.read();
      if (generation === this.reads) this.view = view;
    } catch (error) {
      if (generation === this.reads) this.tasks.show(this.section, { kind: 'error', error });
    } finally {
      this.loaded = true;
    }
  }

  /** The TaskController's `refresh`: what runs after each action. */
  protected afterAction(): Promise<void> {
    return this.refreshAfterAction ? this.refreshAfterAction() : this.refresh();
  }
}
