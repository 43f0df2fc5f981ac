import { expect, html, waitUntil } from '@open-wc/testing';
import './trust-panel.ts';
import type { KofuAdminTrust } from './trust-panel.ts';
import { mountPanels, trustDevice, usePanelFixture } from './trust/testing.ts';

/** The admin console's trust tools: every role's panel over one device's services. */
async function mount() {
  const device = await trustDevice();
  const { root: panel, $ } = await mountPanels<KofuAdminTrust>(
    html`<kofu-admin-trust .store=${device.store} .signer=${device.signer} .authority=${device.authority} .logTools=${device.logTools} .saveFile=${device.saveFile}></kofu-admin-trust>`,
  );
  await waitUntil(() => $('[data-signer="active"][data-state="certified"]') || $('[data-signer="active"][data-state="none"]'), 'panel loaded', { timeout: 10_000 });
  return { ...device, panel, $ };
}

describe('ui/admin/trust-panel', () => {
  usePanelFixture();

  it('shows the panels the device role uses: a kiosk tablet no authority, an admin device no signer', async () => {
    const device = await trustDevice();
    for (const [role, present, absent] of [['kiosk', 'kofu-signer-panel', 'kofu-authority-panel'], ['admin', 'kofu-authority-panel', 'kofu-signer-panel']] as const) {
      const { root } = await mountPanels<KofuAdminTrust>(
        html`<kofu-admin-trust .deviceRole=${role} .store=${device.store} .signer=${device.signer} .authority=${device.authority} .logTools=${device.logTools}></kofu-admin-trust>`,
      );
      expect(root.shadowRoot!.querySelector(present), `${role}: ${present}`).to.not.equal(null);
      expect(root.shadowRoot!.querySelector(absent), `${role}: ${absent}`).to.equal(null);
      expect(root.shadowRoot!.querySelector('kofu-trust-store-panel')).to.not.equal(null);
    }
  });

  it('shows the demo signer and demo trust list, and turning demo mode off stops using them', async () => {
    const { $, store } = await mount();
    const signer = $('[data-signer="active"]')!;
    expect(signer.dataset.demo).to.equal('true');
    expect($('[data-signer="active"] [data-field="device"]')!.textContent).to.match(/^DEMO-/);
    expect($('[data-signer="active"] [data-field="municipality"]')!.textContent).to.equal('992011');
    expect($('[data-signer="real"]')!.dataset.state).to.equal('none');
    expect($('[data-list="demo"] [data-field="version"]')!.textContent).to.contain('1');
    expect($('[data-list="demo"] [data-field="revoked"]')!.textContent).to.equal('0');
    expect($('[data-list="real"]')!.dataset.state).to.equal('none');

    const toggle = $<HTMLInputElement>('input[data-action="demo-mode"]')!;
    expect(toggle.checked).to.equal(true);
    toggle.checked = false;
    toggle.dispatchEvent(new Event('change'));
    await waitUntil(() => $('[data-section="demo"] [data-result="ok"]'), 'turned off');
    expect($('[data-section="demo"] [data-result="ok"]')!.textContent).to.match(/no longer trusted/);
    expect(await store.demoMode()).to.equal(false);
    expect($<HTMLInputElement>('input[data-action="demo-mode"]')!.checked).to.equal(false);
    // The other panels show the new state by the time the outcome does.
    expect($('[data-signer="active"]')!.dataset.state).to.equal('none');
    expect($('[data-list="demo"]')).to.equal(null);
    expect($('[data-section="demo"]')!.textContent).to.match(/stops trusting the demo municipalities’ root keys/);
  });

  it('shows one panel per role, in the order staff use them', async () => {
    const { panel } = await mount();
    const tags = [...panel.shadowRoot!.children].map((e) => e.localName).filter((name) => name.startsWith('kofu-'));
    expect(tags).to.deep.equal(['kofu-demo-mode-panel', 'kofu-signer-panel', 'kofu-trust-store-panel', 'kofu-authority-panel', 'kofu-issuance-log-panel']);
  });

  it('runs one action at a time: while one panel works, the others hold their buttons', async () => {
    const { $, store } = await mount();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const setDemoMode = store.setDemoMode.bind(store);
    store.setDemoMode = async (on) => {
      await held;
      return setDemoMode(on);
    };
    const toggle = $<HTMLInputElement>('input[data-action="demo-mode"]')!;
    toggle.checked = false;
    toggle.dispatchEvent(new Event('change'));
    await waitUntil(() => $<HTMLButtonElement>('button[data-action="create-root"]')!.disabled, 'the authority panel holds off');
    expect($<HTMLButtonElement>('button[data-action="create-request"]')!.disabled).to.equal(true);
    expect($<HTMLButtonElement>('button[data-action="export-log"]')!.disabled).to.equal(true);
    release();
    await waitUntil(() => $('[data-section="demo"] [data-result="ok"]'), 'turned off');
    await waitUntil(() => !$<HTMLButtonElement>('button[data-action="create-root"]')!.disabled, 'free again');
    expect($<HTMLButtonElement>('button[data-action="create-request"]')!.disabled).to.equal(false);
  });
});
