/**
 * `<kofu-admin-trust>`: the admin console's trust tools, one panel per role (src/app/trust/):
 *
 * - `<kofu-demo-mode-panel>`: the demo mode switch;
 * - `<kofu-signer-panel>`: this tablet's signer — signing request, certificate install;
 * - `<kofu-trust-store-panel>`: the trust lists this device checks against, publisher pinning;
 * - `<kofu-authority-panel>`: the municipality root — back up, restore, certify, revoke, publish;
 * - `<kofu-issuance-log-panel>`: the issuance log's audit export and checks.
 *
 * The admin console shows those the device's role uses (a kiosk tablet no authority, an admin
 * device no signer; the demo role all of them), over one set of services, and runs one action at a time across
 * them; after an action in any panel every panel re-reads its state before the outcome shows.
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DeviceRole } from '../../app/device-role.ts';
import { municipalityAuthority, type MunicipalityAuthority } from '../../app/trust/authority.ts';
import { issuanceLogTools, type IssuanceLogTools } from '../../app/trust/issuance-log-tools.ts';
import { tabletSigner, type TabletSigner } from '../../app/trust/tablet-signer.ts';
import { trustStore, type TrustStore } from '../../app/trust/verifier-trust.ts';
import { browserSaveFile, type SaveFile } from '../shared/download.ts';
import { LanguageController, t } from '../shared/i18n.ts';
import { controls, panels, tokens } from '../shared/styles.ts';
import './trust/authority-panel.ts';
import './trust/demo-mode-panel.ts';
import './trust/issuance-log-panel.ts';
import './trust/signer-panel.ts';
import './trust/trust-store-panel.ts';
import type { TrustSection } from './trust/trust-section.ts';

@customElement('kofu-admin-trust')
export class KofuAdminTrust extends LitElement {
  static override styles = [tokens, controls, panels];

  /** The services; tests inject ones over a scratch database. */
  @property({ attribute: false }) store: TrustStore = trustStore();
  @property({ attribute: false }) signer: TabletSigner = tabletSigner();
  @property({ attribute: false }) authority: MunicipalityAuthority = municipalityAuthority();
  @property({ attribute: false }) logTools: IssuanceLogTools = issuanceLogTools();
  /** The device role, from the admin console: which panels it needs. */
  @property({ attribute: false }) deviceRole: DeviceRole = 'demo';
  /** How files reach the user; tests replace it to capture them. */
  @property({ attribute: false }) saveFile: SaveFile = browserSaveFile;

  /** The panels whose action is running (they say so with `kofu-trust-working`, WORKING_EVENT). */
  @state() private working = new Set<EventTarget>();

  private readonly i18n = new LanguageController(this);

  private readonly onWorking = (event: CustomEvent<boolean>): void => {
    const working = new Set(this.working);
    if (event.detail) working.add(event.currentTarget!);
    else working.delete(event.currentTarget!);
    this.working = working;
  };

  /** Re-reads every panel's state: an action in one changes what others show. */
  private readonly refreshAll = async (): Promise<void> => {
    const sections = [...this.renderRoot.querySelectorAll<TrustSection<unknown>>('[data-trust-section]')];
    await Promise.all(sections.map((section) => section.refresh()));
  };

  override render() {
    const refresh = this.refreshAll;
    const busy = this.working.size > 0;
    const working = this.onWorking;
    return html`
      <h2 class="visually-hidden">${t('trust.heading')}</h2>
      <kofu-demo-mode-panel data-trust-section .store=${this.store}
        .refreshAfterAction=${refresh} .othersWorking=${busy} @kofu-trust-working=${working}></kofu-demo-mode-panel>
      ${this.deviceRole === 'admin' ? nothing : html`<kofu-signer-panel data-trust-section .signer=${this.signer} .saveFile=${this.saveFile}
        .refreshAfterAction=${refresh} .othersWorking=${busy} @kofu-trust-working=${working}></kofu-signer-panel>`}
      <kofu-trust-store-panel data-trust-section .store=${this.store}
        .refreshAfterAction=${refresh} .othersWorking=${busy} @kofu-trust-working=${working}></kofu-trust-store-panel>
      ${this.deviceRole === 'kiosk' ? nothing : html`<kofu-authority-panel data-trust-section .authority=${this.authority} .saveFile=${this.saveFile}
        .refreshAfterAction=${refresh} .othersWorking=${busy} @kofu-trust-working=${working}></kofu-authority-panel>`}
      <kofu-issuance-log-panel .logTools=${this.logTools} .saveFile=${this.saveFile}
        .refreshAfterAction=${refresh} .othersWorking=${busy} @kofu-trust-working=${working}></kofu-issuance-log-panel>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-admin-trust': KofuAdminTrust;
  }
}
