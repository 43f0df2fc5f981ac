import { expect, html, waitUntil } from '@open-wc/testing';
import { setLanguage } from '../../shared/i18n.ts';
import './demo-mode-panel.ts';
import { mountPanels, removeTrustDevices, trustDevice } from './testing.ts';
import { signInAsTestStaff } from '../../../app/staff/testing.ts';

describe('ui/admin/trust/demo-mode-panel', () => {
  // Admin actions run only for a signed-in staff member (src/app/staff/access.ts).
  before(async function () {
    this.timeout(20_000);
    await signInAsTestStaff();
  });
  beforeEach(() => setLanguage('en'));
  afterEach(async () => {
    setLanguage('ja');
    await removeTrustDevices();
  });

  it('switches demo mode off and on again, saying what each means', async () => {
    const { store } = await trustDevice();
    const { $ } = await mountPanels(html`<kofu-demo-mode-panel .store=${store}></kofu-demo-mode-panel>`);
    await waitUntil(() => $('input[data-action="demo-mode"]'), 'panel loaded');
    const toggle = () => $<HTMLInputElement>('input[data-action="demo-mode"]')!;
    expect(toggle().checked).to.equal(true);
    expect($('[data-section="demo"]')!.textContent).to.match(/stops trusting the demo municipalities’ root keys/);

    toggle().checked = false;
    toggle().dispatchEvent(new Event('change'));
    await waitUntil(() => $('[data-section="demo"] [data-result="ok"]'), 'turned off');
    expect($('[data-section="demo"] [data-result="ok"]')!.textContent).to.match(/no longer trusted/);
    expect(await store.demoMode()).to.equal(false);
    expect(toggle().checked).to.equal(false);

    toggle().checked = true;
    toggle().dispatchEvent(new Event('change'));
    await waitUntil(() => /are in use/.test($('[data-section="demo"] [data-result="ok"]')?.textContent ?? ''), 'turned on');
    expect(await store.demoMode()).to.equal(true);
    expect(toggle().checked).to.equal(true);
  });
});
