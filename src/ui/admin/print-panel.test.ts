import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { printAdmin } from '../../app/print-admin.ts';
import { DEMO_VERIFIER_URL } from '../../app/print-settings.ts';
import { signInAsTestStaff } from '../../app/staff/testing.ts';
import { setLanguage } from '../shared/i18n.ts';
import './print-panel.ts';
import type { KofuAdminPrint } from './print-panel.ts';

const $ = (el: KofuAdminPrint, selector: string) => el.shadowRoot!.querySelector(selector);

async function result(el: KofuAdminPrint, previous?: Element | null): Promise<Element> {
  await waitUntil(() => $(el, '[data-result]') && $(el, '[data-result]') !== previous, 'no outcome', { timeout: 15_000 });
  return $(el, '[data-result]')!;
}

describe('ui/admin print panel', () => {
  before(async function () {
    this.timeout(20_000);
    await signInAsTestStaff();
  });
  afterEach(() => setLanguage('ja'));

  it('refuses an http or too long verifier URL with the reason, storing nothing, then saves a good one', async function () {
    this.timeout(30_000);
    const el = await fixture<KofuAdminPrint>(html`<kofu-admin-print></kofu-admin-print>`);
    await waitUntil(() => $(el, '[data-demo-url]') || (el as unknown as { settings?: unknown }).settings, 'not loaded');
    const before = await printAdmin.read();
    const input = $(el, '[data-field="verifier-url"]') as HTMLInputElement;
    setLanguage('en');
    input.value = 'http://verify.city.example.jp/v';
    ($(el, '[data-action="save-verifier-url"]') as HTMLButtonElement).click();
    const refused = await result(el);
    expect(refused.getAttribute('data-result')).to.equal('error');
    expect(refused.textContent).to.contain('https://');
    expect((await printAdmin.read()).verifierUrl).to.equal(before.verifierUrl);

    input.value = 'https://verify.city.example.jp/' + 'v'.repeat(30);
    ($(el, '[data-action="save-verifier-url"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '[data-result]')?.textContent?.includes('47'), 'no length message', { timeout: 15_000 });

    input.value = 'https://verify.city.example.jp/v';
    ($(el, '[data-action="save-verifier-url"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '[data-result="ok"]'), 'not saved', { timeout: 15_000 });
    const saved = await printAdmin.read();
    expect(saved).to.include({ verifierUrl: 'https://verify.city.example.jp/v', verifierUrlIsDemo: false });
    expect(saved.verifierUrl).to.not.equal(DEMO_VERIFIER_URL);
  });

  it('stores the printer profile picked from the list', async function () {
    this.timeout(30_000);
    const el = await fixture<KofuAdminPrint>(html`<kofu-admin-print></kofu-admin-print>`);
    const select = $(el, '[data-field="printer-profile"]') as HTMLSelectElement;
    await waitUntil(() => select.options.length === 4, 'no profiles');
    select.value = 'inkjet-600';
    ($(el, '[data-action="save-printer-profile"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '[data-result="ok"]'), 'not saved', { timeout: 15_000 });
    expect((await printAdmin.read()).printerProfile).to.equal('inkjet-600');
  });
});
