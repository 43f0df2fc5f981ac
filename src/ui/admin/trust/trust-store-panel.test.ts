import { expect, html, waitUntil } from '@open-wc/testing';
import { setLanguage } from '../../shared/i18n.ts';
import './authority-panel.ts';
import './trust-store-panel.ts';
import type { KofuTrustStorePanel } from './trust-store-panel.ts';
import { chooseFile, fill, mountPanels, trustDevice, usePanelFixture } from './testing.ts';

describe('ui/admin/trust/trust-store-panel', () => {
  usePanelFixture();

  it('shows the demo trust list in demo mode and no real one yet', async () => {
    const { store } = await trustDevice();
    const { $ } = await mountPanels(html`<kofu-trust-store-panel .store=${store}></kofu-trust-store-panel>`);
    // The placeholder also carries data-list="demo" (data-state="none"): wait for the list itself.
    await waitUntil(() => $('[data-list="demo"][data-version]'), 'demo list provisioned', { timeout: 10_000 });
    expect($('[data-list="demo"] [data-field="version"]')!.textContent).to.contain('1');
    expect($('[data-list="demo"] [data-field="revoked"]')!.textContent).to.equal('0');
    expect($('[data-list="real"]')!.dataset.state).to.equal('none');
  });

  it('asks for the publisher key id before trusting a new trust list, and keeps the language', async () => {
    // The admin device publishes its municipality's first list.
    const adminDevice = await trustDevice();
    const admin = await mountPanels(html`<kofu-authority-panel .authority=${adminDevice.authority} .saveFile=${adminDevice.saveFile}></kofu-authority-panel>`);
    await waitUntil(() => admin.$('form[data-form="create-root"]'), 'admin panel loaded');
    fill(admin.$<HTMLFormElement>('form[data-form="create-root"]')!, { municipality: '131016', name: '千代田区' });
    await waitUntil(() => admin.$('[data-field="root-kid"]'));
    const kid = admin.$('[data-field="root-kid"]')!.textContent!;
    fill(admin.$<HTMLFormElement>('form[data-form="publish"]')!, { days: '30' });
    await waitUntil(() => adminDevice.saved.length === 1);

    const tabletDevice = await trustDevice();
    const tablet = await mountPanels<KofuTrustStorePanel>(html`<kofu-trust-store-panel .store=${tabletDevice.store}></kofu-trust-store-panel>`);
    await waitUntil(() => tablet.$('input[data-action="import-list"]'), 'tablet panel loaded');
    chooseFile(tablet.$<HTMLInputElement>('input[data-action="import-list"]')!, new File([adminDevice.saved[0].data as Uint8Array<ArrayBuffer>], 'list.kofutrust'));
    await waitUntil(() => tablet.$('form[data-form="confirm-publisher"]'));
    expect(tablet.$('[data-publisher-question]')!.textContent).to.contain('千代田区');
    fill(tablet.$<HTMLFormElement>('form[data-form="confirm-publisher"]')!, { kid: '0000 0000 0000 0000' });
    await waitUntil(() => tablet.$('[data-section="trust"] [data-result="error"]'));
    expect(tablet.$('[data-section="trust"] [data-result="error"]')!.textContent).to.match(/does not match.*Nothing was changed\.$/);
    fill(tablet.$<HTMLFormElement>('form[data-form="confirm-publisher"]')!, { kid });
    await waitUntil(() => tablet.$('[data-list="real"][data-version="1"]'));
    expect(tablet.$('form[data-form="confirm-publisher"]')).to.equal(null);
    expect(tablet.$('[data-field="publishers"]')!.textContent).to.contain(kid);

    setLanguage('ja');
    await tablet.root.updateComplete;
    expect(tablet.$('[data-section="trust"] h2')!.textContent).to.equal('信頼リスト');
  });
});
