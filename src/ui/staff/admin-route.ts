/**
 * `<kofu-admin-route>`: the admin route. The console only for a signed-in staff member, the staff
 * gate (setup or sign-in) otherwise; input inside it keeps the staff session open. When the
 * session ends on a kiosk tablet, it asks the shell to go back to the kiosk (`kofu-leave-admin`),
 * so the store's customers never face a sign-in screen.
 */
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DeviceRole } from '../../app/device-role.ts';
import { staffAccess } from '../../app/staff/index.ts';
import '../admin/admin-home.ts';
import { LEAVE_ADMIN_EVENT } from './staff-gate.ts';

export { LEAVE_ADMIN_EVENT };

@customElement('kofu-admin-route')
export class KofuAdminRoute extends LitElement {
  /** The device role, from the shell. */
  @property({ attribute: false }) deviceRole: DeviceRole = 'demo';
  @state() private signedIn = staffAccess().current() !== undefined;
  private stopFollowing?: () => void;
  private readonly onInput = () => staffAccess().touch();

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopFollowing = staffAccess().onChange((session) => {
      const ended = this.signedIn && !session;
      this.signedIn = session !== undefined;
      if (ended && this.deviceRole === 'kiosk') this.dispatchEvent(new CustomEvent(LEAVE_ADMIN_EVENT, { bubbles: true, composed: true }));
    });
    for (const type of ['pointerdown', 'keydown', 'wheel']) this.addEventListener(type, this.onInput, { passive: true });
  }

  override disconnectedCallback(): void {
    this.stopFollowing?.();
    for (const type of ['pointerdown', 'keydown', 'wheel']) this.removeEventListener(type, this.onInput);
    super.disconnectedCallback();
  }

  override render() {
    return this.signedIn ? html`<kofu-admin-home></kofu-admin-home>` : html`<kofu-staff-gate></kofu-staff-gate>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kofu-admin-route': KofuAdminRoute;
  }
}
