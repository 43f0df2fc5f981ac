import { expect, html, waitUntil } from '@open-wc/testing';
import './signer-panel.ts';
import { chooseFile, mountPanels, trustDevice, usePanelFixture } from './testing.ts';

async function mount() {
  const device = await trustDevice();
  const { root: panel, $ } = await mountPanels(html`<kofu-signer-panel .signer=${device.signer} .saveFile=${device.saveFile}></kofu-signer-panel>`);
  await waitUntil(() => $('[data-signer="active"][data-state="certified"]') || $('[data-signer="active"][data-state="none"]'), 'panel loaded', { timeout: 10_000 });
  return { ...device, panel, $ };
}

describe('ui/admin/trust/signer-panel', () => {
  usePanelFixture();

  it('shows the demo signer in demo mode and no real one yet', async () => {
    const { $ } = await mount();
    expect($('[data-signer="active"]')!.dataset.demo).to.equal('true');
    expect($('[data-signer="active"] [data-field="device"]')!.textContent).to.match(/^DEMO-/);
    expect($('[data-signer="active"] [data-field="municipality"]')!.textContent).to.equal('992011');
    expect($('[data-signer="real"]')!.dataset.state).to.equal('none');
  });

  it('refuses a certificate file far larger than its format allows before reading it', async () => {
    const { $, store } = await mount();
    await store.setDemoMode(false);
    await waitUntil(() => $('[data-signer="active"][data-state="none"]'), 'follows demo mode');
    chooseFile($<HTMLInputElement>('input[data-action="install-certificate"]')!, new File([new Uint8Array(4096)], 'photo.jpg'));
    await waitUntil(() => $('[data-section="signer"] [data-result="error"]'));
    expect($('[data-section="signer"] [data-result="error"]')!.textContent).to.equal('“photo.jpg” is too large to be the file for this step. Check the file you chose. Nothing was changed.');
  });
});
