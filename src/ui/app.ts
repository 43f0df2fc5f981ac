/**
 * `<kofu-app>`: the shell. It picks the mode from the URL (kiosk `/`, verifier `/verify`, admin
 * `/admin`) as the device role allows (src/app/device-role.ts), keeps the language switch, the
 * large-text switch and the demo notice in view, and shows offline and update notices: "ready
 * offline" (for a few seconds) and "offline" (while it lasts) are notes inside the header's row,
 * so they take no room from a kiosk step and cover none of its buttons; the update notice is a
 * row of its own that stays until the person answers it. The kiosk view ships with the first
 * paint; the verifier and admin views load on demand. The admin route is behind staff sign-in
 * (`<kofu-admin-route>`); a kiosk tablet shows no links, and staff hold the logo to reach it.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { MODE_PATHS, modeFromPath, type Mode } from '../app/routes.ts';
import { isBusy, onIdle } from '../app/activity.ts';
import { applyUpdate, registerServiceWorker } from '../app/sw-bridge.ts';
import { appDemoMode, cachedDemoMode, onDemoModeChange } from '../app/demo-mode.ts';
import { adminByGesture, appDeviceRole, cachedDeviceRole, headerModes, onDeviceRoleChange, routeFor, type DeviceRole } from '../app/device-role.ts';
import { LanguageController, language, setLanguage, t } from './shared/i18n.ts';
import { largeText, setLargeText } from './shared/text-size.ts';
import { columnHost, elementStyles } from './shared/styles.ts';
import './kiosk/kiosk-home.ts';

/** How long the "ready to work offline" note stays (it needs no answer). */
export const OFFLINE_READY_MS = 6_000;

/** The verifier and the admin console load on demand, each after the words they show (messages-views.ts). */
const viewWords = () => import('./shared/messages-views.ts');
const lazyViews: Record<Exclude<Mode, 'kiosk'>, () => Promise<unknown>> = {
  verify: () => viewWords().then(() => import('./verifier/verifier-home.ts')),
  admin: () => viewWords().then(() => import('./staff/admin-route.ts')),
};

/** How long staff hold the logo on a kiosk tablet to reach the admin console (a customer will not by accident). */
const STAFF_GESTURE_MS = 3000;

@customElement('kofu-app')
export class KofuApp extends LitElement {
  static override styles = [
    ...elementStyles,
    columnHost,
    css`
      :host {
        min-height: 100vh;
        min-height: 100dvh;
        background: var(--kofu-surface);
      }
      header {
        background: var(--kofu-paper);
        border-bottom: 1px solid var(--kofu-line);
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 16px;
        padding: 8px 16px;
      }
      .brand {
        display: flex;
        align-items: center;
        gap: 10px;
        font-weight: 700;
        font-size: 1.15rem;
        margin-right: auto;
      }
      .brand img {
        width: 36px;
        height: 36px;
      }
      .demo {
        background: var(--kofu-demo);
        color: #fff;
        border-radius: 6px;
        padding: 2px 10px;
        font-size: 0.95rem;
        letter-spacing: 0.1em;
      }
      nav {
        display: flex;
        gap: 4px;
        flex-wrap: wrap;
      }
      nav a {
        display: inline-flex;
        align-items: center;
        min-height: var(--kofu-touch);
        padding: 0 14px;
        border-radius: var(--kofu-radius);
        color: var(--kofu-ink);
        text-decoration: none;
        font-weight: 600;
      }
      nav a[aria-current='page'] {
        background: var(--kofu-accent);
        color: var(--kofu-accent-ink);
      }
      .notice {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px;
        padding: 10px 16px;
        background: #fff8e6;
        border-bottom: 1px solid #f0d48a;
      }
      .note {
        display: inline-flex;
        align-items: center;
        gap: 8px;
        min-height: 40px;
        margin: 0;
        padding: 0 4px 0 12px;
        border: 1px solid #f0d48a;
        border-radius: var(--kofu-radius);
        background: #fff8e6;
        font-size: 0.95rem;
      }
      .note button {
        min-height: 40px;
        padding: 0 12px;
        border: 0;
        background: transparent;
      }
      .demo-line {
        padding: 6px 16px;
        font-size: 0.9rem;
        color: var(--kofu-demo-ink);
        background: var(--kofu-demo-surface);
        border-top: 1px solid #f3d2b4;
      }
      main {
        box-sizing: border-box;
        width: 100%;
        max-width: 1100px;
        margin: 0 auto;
        padding: 16px;
        flex: 1;
        display: flex;
        flex-direction: column;
      }
      main > * {
        flex: 1;
      }
      .short {
        display: none;
      }
      @media (max-width: 600px) {
        .top {
          padding: 6px 10px;
        }
        .long {
          display: none;
        }
        .short {
          display: inline;
        }
        /* Phone: brand and language on the first row, the three modes across the second. */
        .top > button {
          order: 1;
          padding: 0 12px;
        }
        nav {
          order: 2;
          width: 100%;
          flex-wrap: nowrap;
        }
        nav a {
          flex: 1;
          justify-content: center;
          padding: 0 6px;
          font-size: 0.9rem;
          text-align: center;
        }
        main {
          padding: 10px;
        }
      }
    `,
  ];

  @state() private requestedMode: Mode = modeFromPath(location.pathname);
  /** The role decides which modes exist on this device; the first-paint copy until the store answers. */
  @state() private deviceRole: DeviceRole = cachedDeviceRole();
  private get mode(): Mode {
    return routeFor(this.deviceRole, this.requestedMode);
  }
  private gestureTimer?: ReturnType<typeof setTimeout>;
  private stopWatchingRole?: () => void;
  @state() private loadedModes = new Set<Mode>(['kiosk']);
  @state() private online = navigator.onLine;
  @state() private notice?: 'offline-ready' | 'update';
  @state() private updateWaitingForWork = false;
  /** The last known value until the setting is read (a fresh install is a demo). */
  @state() private demoMode = cachedDemoMode();
  private stopWatchingDemoMode?: () => void;

  private readonly i18n = new LanguageController(this);
  private readonly onPopState = () => this.show(modeFromPath(location.pathname));
  private readonly onOnline = () => (this.online = navigator.onLine);
  private readyTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('popstate', this.onPopState);
    addEventListener('online', this.onOnline);
    addEventListener('offline', this.onOnline);
    document.documentElement.lang = language();
    void this.show(this.requestedMode);
    this.stopWatchingRole = onDeviceRoleChange((role) => this.setRole(role));
    appDeviceRole()
      .then((role) => this.setRole(role))
      .catch(() => undefined); // storage unavailable: the admin screen reports it
    // LEAVE_ADMIN_EVENT of ui/staff/staff-gate.ts, by name: the admin code loads on demand.
    this.addEventListener('kofu-leave-admin', () => this.go(routeFor(this.deviceRole, 'kiosk')));
    this.stopWatchingDemoMode = onDemoModeChange((on) => (this.demoMode = on));
    appDemoMode()
      .then((on) => (this.demoMode = on))
      .catch(() => undefined); // storage unavailable: the admin screen reports it; keep the demo notice
    registerServiceWorker({
      offlineReady: () => this.showOfflineReady(),
      updateAvailable: () => (this.notice = 'update'),
    });
  }

  override disconnectedCallback(): void {
    removeEventListener('popstate', this.onPopState);
    removeEventListener('online', this.onOnline);
    removeEventListener('offline', this.onOnline);
    this.stopWatchingDemoMode?.();
    clearTimeout(this.readyTimer);
    this.stopWatchingRole?.();
    super.disconnectedCallback();
  }

  /** "Ready offline" is news, not a question: shown for a few seconds, never over an update notice. */
  private showOfflineReady(): void {
    if (this.notice === 'update') return;
    this.notice = 'offline-ready';
    clearTimeout(this.readyTimer);
    this.readyTimer = setTimeout(() => {
      if (this.notice === 'offline-ready') this.notice = undefined;
    }, OFFLINE_READY_MS);
  }

  override firstUpdated(): void {
    performance.mark('kofu:first-render');
    // The rest of the words (the other views', the seal's and the verifier's errors) right after
    // the first paint: a kiosk error then always finds its message.
    void viewWords();
  }

  private setRole(role: DeviceRole): void {
    this.deviceRole = role;
    void this.show(this.requestedMode);
  }

  private async show(requested: Mode): Promise<void> {
    this.requestedMode = requested;
    const mode = this.mode;
    document.title = `${t(mode === 'kiosk' ? 'nav.kiosk' : mode === 'verify' ? 'nav.verify' : 'nav.admin')} — kofu`;
    if (mode !== 'kiosk' && !this.loadedModes.has(mode)) {
      await lazyViews[mode]();
      this.loadedModes = new Set([...this.loadedModes, mode]);
    }
  }

  private navigate(event: MouseEvent, mode: Mode): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (mode === this.mode) return;
    this.go(mode);
  }

  private go(mode: Mode): void {
    history.pushState(null, '', MODE_PATHS[mode]);
    void this.show(mode);
  }

  /** Holding the logo for STAFF_GESTURE_MS opens the staff sign-in where the header has no admin link. */
  private startGesture(event: PointerEvent): void {
    if (!adminByGesture(this.deviceRole) || this.mode === 'admin') return;
    event.preventDefault();
    clearTimeout(this.gestureTimer);
    this.gestureTimer = setTimeout(() => this.go('admin'), STAFF_GESTURE_MS);
  }

  private stopGesture(): void {
    clearTimeout(this.gestureTimer);
  }

  private update_(): void {
    if (isBusy()) {
      this.updateWaitingForWork = true;
      const unsubscribe = onIdle(() => {
        unsubscribe();
        this.updateWaitingForWork = false;
      });
    }
    applyUpdate();
  }

  private renderNotice() {
    if (this.notice === 'update') {
      return html`<div class="notice" role="status" data-notice="update">
        <span>${t('update.available')} ${this.updateWaitingForWork ? t('update.wait-for-work') : nothing}</span>
        <button @click=${() => this.update_()}>${t('update.apply')}</button>
        <button class="secondary" @click=${() => (this.notice = undefined)}>${t('update.later')}</button>
      </div>`;
    }
    return nothing;
  }

  /** The short notes that need no answer sit in the header's row: they push no kiosk step down. */
  private renderNote() {
    if (this.notice === 'offline-ready') {
      return html`<p class="note" role="status" data-notice="offline-ready">
        <span>${t('offline.ready')}</span>
        <button class="secondary" aria-label=${t('common.close')} @click=${() => (this.notice = undefined)}>✕</button>
      </p>`;
    }
    if (!this.online) return html`<p class="note" role="status" data-notice="offline"><span>${t('offline.now')}</span></p>`;
    return nothing;
  }

  private renderView() {
    if (!this.loadedModes.has(this.mode)) return html`<p aria-busy="true">${t('common.working')}</p>`;
    switch (this.mode) {
      case 'verify':
        return html`<kofu-verifier-home></kofu-verifier-home>`;
      case 'admin':
        return html`<kofu-admin-route .deviceRole=${this.deviceRole}></kofu-admin-route>`;
      default:
        return html`<kofu-kiosk-home></kofu-kiosk-home>`;
    }
  }

  override render() {
    const link = (mode: Mode, key: 'nav.kiosk' | 'nav.verify' | 'nav.admin') =>
      html`<a href=${MODE_PATHS[mode]} aria-current=${this.mode === mode ? 'page' : 'false'} data-mode=${mode} @click=${(e: MouseEvent) => this.navigate(e, mode)}>${t(key)}</a>`;
    const links = headerModes(this.deviceRole);
    const keys = { kiosk: 'nav.kiosk', verify: 'nav.verify', admin: 'nav.admin' } as const;
    return html`
      <header>
        <div class="top">
          <div class="brand" data-staff-gesture @pointerdown=${(e: PointerEvent) => this.startGesture(e)} @pointerup=${() => this.stopGesture()}
            @pointerleave=${() => this.stopGesture()} @pointercancel=${() => this.stopGesture()} @contextmenu=${(e: Event) => adminByGesture(this.deviceRole) && e.preventDefault()}>
            <img src="/icons/icon.svg" alt="" />
            <span>kofu</span>
            ${this.demoMode ? html`<span class="demo" title=${t('app.demo-explainer')}>${t('app.demo-badge')}</span>` : nothing}
          </div>
          ${this.renderNote()}
          ${links.length > 0 ? html`<nav aria-label="kofu">${links.map((mode) => link(mode, keys[mode]))}</nav>` : nothing}
          <button class="secondary" data-action="large-text" aria-pressed=${largeText() ? 'true' : 'false'} aria-label=${t('nav.large-text')}
            @click=${() => {
              setLargeText(!largeText());
              this.requestUpdate();
            }}><span class="long">${t('nav.large-text')}</span><span class="short" aria-hidden="true">${t('nav.large-text-short')}</span></button>
          <button class="secondary" lang=${language() === 'ja' ? 'en' : 'ja'} aria-label=${t('nav.language-label')} data-action="language"
            @click=${() => setLanguage(language() === 'ja' ? 'en' : 'ja')}>${t('nav.language')}</button>
        </div>
        ${this.demoMode ? html`<div class="demo-line">${t('app.demo-explainer')}</div>` : nothing}
        ${this.renderNotice()}
      </header>
      <main data-mode=${this.mode}>${this.renderView()}</main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-app': KofuApp;
  }
}
