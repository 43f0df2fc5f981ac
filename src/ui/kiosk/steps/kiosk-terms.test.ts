import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setLanguage } from '../../shared/i18n.ts';
import './kiosk-terms.ts';
import type { KofuKioskTerms } from './kiosk-terms.ts';

const button = (el: KofuKioskTerms, action: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;

describe('<kofu-kiosk-terms>', () => {
  afterEach(() => setLanguage('ja'));

  it('says what is read from the card, that the PIN is not stored, the fee at the till and the printing here', async () => {
    const el = await fixture<KofuKioskTerms>(html`<kofu-kiosk-terms></kofu-kiosk-terms>`);
    const text = el.shadowRoot!.textContent!;
    expect(text).to.include('利用者証明用電子証明書').and.include('保存しません').and.include('レジ').and.include('このお店のプリンター');
    setLanguage('en');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.include('never stored').and.include('till');
    expect(button(el, 'agree').textContent!.trim()).to.equal('I agree');
  });

  it('同意する is the one primary action; 同意する and やめる fire kofu-kiosk-terms with the answer', async () => {
    const el = await fixture<KofuKioskTerms>(html`<kofu-kiosk-terms></kofu-kiosk-terms>`);
    expect(el.shadowRoot!.querySelectorAll('button.primary').length).to.equal(1);
    expect(button(el, 'agree').classList.contains('primary')).to.equal(true);
    const agreed = oneEvent(el, 'kofu-kiosk-terms');
    button(el, 'agree').click();
    expect((await agreed).detail).to.deep.equal({ accepted: true });
    const declined = oneEvent(el, 'kofu-kiosk-terms');
    button(el, 'decline').click();
    expect((await declined).detail).to.deep.equal({ accepted: false });
  });

  it('passes axe-core', async () => {
    const el = await fixture<KofuKioskTerms>(html`<kofu-kiosk-terms></kofu-kiosk-terms>`);
    await expect(el).to.be.accessible();
  });
});
