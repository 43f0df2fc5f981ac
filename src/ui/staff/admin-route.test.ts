import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { staffAccess } from '../../app/staff/index.ts';
import { signInAsTestStaff } from '../../app/staff/testing.ts';
import './admin-route.ts';
import type { KofuAdminRoute } from './admin-route.ts';
import { LEAVE_ADMIN_EVENT } from './admin-route.ts';

const shown = (el: KofuAdminRoute) => el.shadowRoot!.firstElementChild?.tagName.toLowerCase();

describe('ui/staff admin route', () => {
  afterEach(() => staffAccess().signOut());

  it('shows the staff gate without a session and the console with one; signing out closes it', async function () {
    this.timeout(20_000);
    staffAccess().signOut();
    const el = await fixture<KofuAdminRoute>(html`<kofu-admin-route></kofu-admin-route>`);
    expect(shown(el)).to.equal('kofu-staff-gate');
    await signInAsTestStaff();
    await waitUntil(() => shown(el) === 'kofu-admin-home', 'no console after sign-in');
    // The storage panel says what the registry holds (the demo data on a fresh device).
    const home = el.shadowRoot!.firstElementChild!;
    await waitUntil(() => home.shadowRoot?.querySelector('[data-registry-holdings]'), 'no registry holdings', { timeout: 15_000 });
    expect(home.shadowRoot!.querySelector('[data-registry-holdings]')!.textContent).to.match(/住民データ：[\d,]+人・[\d,]+世帯（データベース [\d.]+ MB）/);
    staffAccess().signOut();
    await waitUntil(() => shown(el) === 'kofu-staff-gate', 'the console stayed open');
  });

  it('on a kiosk tablet, the end of the session sends the shell back to the kiosk', async function () {
    this.timeout(20_000);
    await signInAsTestStaff();
    const el = await fixture<KofuAdminRoute>(html`<kofu-admin-route .deviceRole=${'kiosk'}></kofu-admin-route>`);
    let left = 0;
    el.addEventListener(LEAVE_ADMIN_EVENT, () => left++);
    staffAccess().signOut();
    expect(left).to.equal(1);
  });
});
