import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setLanguage } from '../shared/i18n.ts';
import './readers-panel.ts';
import type { KofuAdminReaders } from './readers-panel.ts';
import { signInAsTestStaff } from '../../app/staff/testing.ts';

const text = (el: KofuAdminReaders, selector: string) => el.shadowRoot!.querySelector(selector)?.textContent?.trim() ?? '';

describe('ui/admin readers panel', () => {
  // Admin actions run only for a signed-in staff member (src/app/staff/access.ts).
  before(async function () {
    this.timeout(20_000);
    await signInAsTestStaff();
  });
  afterEach(() => setLanguage('ja'));

  it('says in plain words which readers this browser can use', async () => {
    const el = await fixture<KofuAdminReaders>(html`<kofu-admin-readers></kofu-admin-readers>`);
    // Headless Chromium has WebUSB and is not an Isolated Web App.
    expect(text(el, '[data-summary]')).to.contain('RC-S380');
    expect(text(el, '[data-summary]')).to.contain('Isolated Web App');
  });

  it('checks the demo reader end to end: card found, My Number card, three tries, no VERIFY', async function () {
    this.timeout(30_000);
    const el = await fixture<KofuAdminReaders>(html`<kofu-admin-readers></kofu-admin-readers>`);
    (el.shadowRoot!.querySelector('button[data-action="check-demo-reader"]') as HTMLButtonElement).click();
    await waitUntil(() => el.shadowRoot!.querySelector('[data-result]'), 'no result', { timeout: 25_000 });
    expect(el.shadowRoot!.querySelector('[data-result="error"]'), text(el, '[data-result="error"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[data-card]')!.getAttribute('data-card')).to.equal('true');
    expect(text(el, '[data-result="check"] dd')).to.contain('RC-S380');
    expect(text(el, '[data-tries]')).to.match(/^3 ／ 3回$/);
    expect(text(el, '[data-firmware]')).to.equal('1.11');
    expect(text(el, '[data-link]')).to.equal('最大フレーム 256バイト（FSC）、応答待ち 77.3ミリ秒（FWI 8）');
  });

  it('switches language', async () => {
    const el = await fixture<KofuAdminReaders>(html`<kofu-admin-readers></kofu-admin-readers>`);
    setLanguage('en');
    await el.updateComplete;
    expect(text(el, 'h2')).to.equal('Card reader check');
  });
});
