import { expect, fixture, html } from '@open-wc/testing';
import { modeFromPath } from '../app/routes.ts';
import { language, setLanguage, t } from './shared/i18n.ts';
import { messages } from './shared/messages.ts';
import './app.ts';
import type { KofuApp } from './app.ts';

describe('ui/app shell', () => {
  afterEach(() => setLanguage('ja'));

  it('maps URLs to modes, with the kiosk as the default', () => {
    expect(modeFromPath('/')).to.equal('kiosk');
    expect(modeFromPath('/verify')).to.equal('verify');
    expect(modeFromPath('/verify/')).to.equal('verify');
    expect(modeFromPath('/admin')).to.equal('admin');
    expect(modeFromPath('/nonsense')).to.equal('kiosk');
  });

  it('has the same message keys in Japanese and English', () => {
    expect(Object.keys(messages.en).sort()).to.deep.equal(Object.keys(messages.ja).sort());
    for (const [key, value] of Object.entries(messages.ja)) expect(typeof messages.en[key as keyof typeof messages.en], key).to.equal(typeof value);
  });

  it('renders the kiosk in Japanese and re-renders in English when switched', async () => {
    setLanguage('ja');
    const app = await fixture<KofuApp>(html`<kofu-app></kofu-app>`);
    const kiosk = app.shadowRoot!.querySelector('kofu-kiosk-home')!;
    await kiosk.updateComplete;
    expect(kiosk.shadowRoot!.querySelector('h1')!.textContent).to.equal(messages.ja['kiosk.heading']);
    (app.shadowRoot!.querySelector('button[data-action="language"]') as HTMLButtonElement).click();
    expect(language()).to.equal('en');
    await app.updateComplete;
    await kiosk.updateComplete;
    expect(kiosk.shadowRoot!.querySelector('h1')!.textContent).to.equal(messages.en['kiosk.heading']);
    expect(localStorage.getItem('kofu.language')).to.equal('en');
    expect(document.documentElement.lang).to.equal('en');
  });

  it('interpolates parameters', () => {
    setLanguage('en');
    expect(t('admin.backup.saved', { records: 3 })).to.equal('Backup saved (3 records).');
  });
});
