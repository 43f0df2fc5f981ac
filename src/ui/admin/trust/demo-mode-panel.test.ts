import { expect, html, waitUntil } from '@open-wc/testing';
import './demo-mode-panel.ts';
import { mountPanels, trustDevice, usePanelFixture } from './testing.ts';

describe('ui/admin/trust/demo-mode-panel', () => {
  usePanelFixture();

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
