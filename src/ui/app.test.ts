import { expect, fixture, html } from '@open-wc/testing';
import { modeFromPath } from '../app/routes.ts';
import { language, setLanguage, t } from './shared/i18n.ts';
import { largeText, setLargeText } from './shared/text-size.ts';
import { messages } from './shared/messages.ts';
import './app.ts';
import { OFFLINE_READY_MS, type KofuApp } from './app.ts';

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

  it('large text: the header switch scales the root type, says it is on, and is remembered', async () => {
    const app = await fixture<KofuApp>(html`<kofu-app></kofu-app>`);
    const toggle = () => app.shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="large-text"]')!;
    const rootSize = () => parseFloat(getComputedStyle(document.documentElement).fontSize);
    try {
      expect(toggle().getAttribute('aria-pressed')).to.equal('false');
      const normal = rootSize();
      toggle().click();
      await app.updateComplete;
      expect(largeText()).to.equal(true);
      expect(toggle().getAttribute('aria-pressed')).to.equal('true');
      expect(rootSize()).to.equal(normal * 1.25);
      expect(localStorage.getItem('kofu.textSize')).to.equal('large');
    } finally {
      setLargeText(false);
    }
    expect(localStorage.getItem('kofu.textSize')).to.equal('normal');
  });

  it('"ready offline" is a note in the header row that goes by itself; the update notice stays until answered', async () => {
    const app = await fixture<KofuApp>(html`<kofu-app></kofu-app>`);
    const notice = (kind: string) => app.shadowRoot!.querySelector(`[data-notice="${kind}"]`);
    app['showOfflineReady']();
    await app.updateComplete;
    expect(notice('offline-ready')).to.not.equal(null);
    expect(notice('offline-ready')!.closest('.top'), 'in the header row, taking no room from a kiosk step').to.not.equal(null);
    await new Promise((resolve) => setTimeout(resolve, OFFLINE_READY_MS + 100));
    await app.updateComplete;
    expect(notice('offline-ready')).to.equal(null);
    app['notice'] = 'update';
    app['showOfflineReady']();
    await app.updateComplete;
    expect(notice('update'), 'never replaced by the toast').to.not.equal(null);
    expect(notice('offline-ready')).to.equal(null);
  });

  it('interpolates parameters', () => {
    setLanguage('en');
    expect(t('admin.backup.saved', { records: 3 })).to.equal('Backup saved (3 records).');
  });
});
