import { expect, html, waitUntil } from '@open-wc/testing';
import './authority-panel.ts';
import type { KofuAuthorityPanel } from './authority-panel.ts';
import './trust-store-panel.ts';
import { chooseFile, fill, mountPanels, trustDevice, usePanelFixture } from './testing.ts';

/** The authority panel, and beside it the same device's trust store (where published lists are installed). */
async function mount() {
  const device = await trustDevice();
  const { $ } = await mountPanels(html`<div>
    <kofu-authority-panel .authority=${device.authority} .saveFile=${device.saveFile}></kofu-authority-panel>
    <kofu-trust-store-panel .store=${device.store}></kofu-trust-store-panel>
  </div>`);
  await waitUntil(() => $('[data-section="root"]') && $('[data-section="trust"]'), 'panels loaded', { timeout: 10_000 });
  return { ...device, panel: $<KofuAuthorityPanel>('kofu-authority-panel')!, $ };
}

describe('ui/admin/trust/authority-panel', () => {
  usePanelFixture();

  it('creates a root, refuses mismatched passphrases, saves the backup and publishes a trust list', async () => {
    const { $, saved } = await mount();
    fill($<HTMLFormElement>('form[data-form="create-root"]')!, { municipality: '131017', name: 'Chiyoda' });
    await waitUntil(() => $('[data-section="root"] [data-result="error"]'));
    expect($('[data-section="root"] [data-result="error"]')!.textContent).to.match(/check digit.*Nothing was changed\.$/);

    fill($<HTMLFormElement>('form[data-form="create-root"]')!, { municipality: '131016', name: '千代田区' });
    await waitUntil(() => $('[data-field="root-kid"]'), 'root shown');
    expect($('[data-field="root-kid"]')!.textContent).to.match(/^([0-9a-f]{4} ){3}[0-9a-f]{4}$/);

    fill($<HTMLFormElement>('form[data-form="backup-root"]')!, { passphrase: 'a long passphrase 1', again: 'a long passphrase 2' });
    await waitUntil(() => $('[data-section="root"] [data-result="error"]'));
    expect($('[data-section="root"] [data-result="error"]')!.textContent).to.match(/do not match/);
    expect(saved).to.deep.equal([]);
    fill($<HTMLFormElement>('form[data-form="backup-root"]')!, { passphrase: 'a long passphrase 1', again: 'a long passphrase 1' });
    await waitUntil(() => $('[data-section="root"] [data-result="ok"]'));
    expect(saved[0].name).to.equal('kofu-root-131016.kofukey');

    fill($<HTMLFormElement>('form[data-form="publish"]')!, { days: '90' });
    await waitUntil(() => saved.length === 2);
    expect(saved[1].name).to.equal('kofu-trust-list-v1.kofutrust');
    await waitUntil(() => $('[data-list="real"][data-version="1"]'));
    expect($('[data-list="real"] [data-field="roots"]')!.textContent).to.contain('千代田区（131016）');

    // Restoring the backup with a wrong passphrase on another device is refused and changes nothing.
    const other = await mount();
    const form = other.$<HTMLFormElement>('form[data-form="restore-root"]')!;
    chooseFile(form.querySelector('input[name="file"]')!, new File([saved[0].data as Uint8Array<ArrayBuffer>], saved[0].name));
    await other.panel.updateComplete;
    expect(other.$('[data-field="restore-file"]')!.textContent).to.equal('kofu-root-131016.kofukey');
    fill(form, { passphrase: 'a long passphrase 9' });
    await waitUntil(() => other.$('[data-section="root"] [data-result="error"]'));
    expect(other.$('[data-section="root"] [data-result="error"]')!.textContent).to.equal('Wrong passphrase. Enter the passphrase used when the backup was made. Nothing was changed.');
    expect(other.$('form[data-form="create-root"]'), 'still no root on that device').to.not.equal(null);
  });
});
