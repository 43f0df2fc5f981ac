/**
 * `<kofu-demo-mode-panel>`: the demo mode switch, with what turning it off means. Demo mode
 * decides which roots the trust store trusts and which key the signer uses, so the switch sits
 * beside both panels rather than in either.
 */
import { html, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { onDemoModeChange } from '../../../app/demo-mode.ts';
import { trustStore, type TrustStore } from '../../../app/trust/verifier-trust.ts';
import { t } from '../../shared/i18n.ts';
import { TaskController } from '../../shared/task-controller.ts';
import { TrustSection, renderOutcome } from './trust-section.ts';

interface DemoView {
  readonly demoMode: boolean;
}

@customElement('kofu-demo-mode-panel')
export class KofuDemoModePanel extends TrustSection<DemoView> {
  /** The trust store; tests inject one over a scratch database. */
  @property({ attribute: false }) store: TrustStore = trustStore();

  protected readonly section = 'demo';
  protected readonly tasks = new TaskController<'demo'>(this, 'admin-trust', { refresh: () => this.afterAction() });

  protected async read(): Promise<DemoView> {
    return { demoMode: await this.store.demoMode() };
  }

  protected follow(refresh: () => void): (() => void)[] {
    return [this.store.onChange(refresh), onDemoModeChange(refresh)]; // also when another tab switches it
  }

  private setDemoMode(on: boolean): Promise<void> {
    return this.tasks.run('demo', async () => {
      await this.store.setDemoMode(on);
      return on ? t('trust.demo.turned-on') : t('trust.demo.turned-off');
    }, { name: 'demo-mode.switch', detail: { on } });
  }

  override render(): TemplateResult {
    if (!this.loaded) return html`<p aria-busy="true">${t('common.working')}</p>`;
    const demoMode = this.view?.demoMode ?? true;
    return html`<section data-section="demo">
      <h2>${t('trust.demo.heading')}</h2>
      <label class="switch">
        <input type="checkbox" data-action="demo-mode" .checked=${demoMode} ?disabled=${this.working}
          @change=${(e: Event) => void this.setDemoMode((e.target as HTMLInputElement).checked)} />
        ${demoMode ? t('trust.demo.on') : t('trust.demo.off')}
      </label>
      <p>${t('trust.demo.explain')}</p>
      <p class="hint">${t('trust.demo.explain-off')}</p>
      ${renderOutcome(this.tasks.outcome('demo'))}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-demo-mode-panel': KofuDemoModePanel;
  }
}
