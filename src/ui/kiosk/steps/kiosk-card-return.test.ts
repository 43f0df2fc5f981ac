import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './kiosk-card-return.ts';
import type { KofuKioskCardReturn } from './kiosk-card-return.ts';

describe('<kofu-kiosk-card-return>', () => {
  it('「カードをお取りください」 before printing; the button fires kofu-kiosk-card-taken', async () => {
    const el = await fixture<KofuKioskCardReturn>(html`<kofu-kiosk-card-return></kofu-kiosk-card-return>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('カードをお取りください');
    expect(el.shadowRoot!.textContent).to.include('印刷に進みます');
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="card-taken"]')!;
    expect(button.textContent!.trim()).to.equal('カードを取りました');
    const taken = oneEvent(el, 'kofu-kiosk-card-taken');
    button.click();
    expect((await taken).detail).to.equal(null);
  });

  it('a demo card: the button takes it off the virtual reader; passes axe-core', async () => {
    const el = await fixture<KofuKioskCardReturn>(html`<kofu-kiosk-card-return demo></kofu-kiosk-card-return>`);
    expect(el.shadowRoot!.querySelector('[data-action="card-taken"]')!.textContent!.trim()).to.equal('カードを取る');
    await expect(el).to.be.accessible();
  });
});
