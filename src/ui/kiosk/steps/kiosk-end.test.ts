import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './kiosk-end.ts';
import type { KofuKioskEnd } from './kiosk-end.ts';

describe('<kofu-kiosk-end>', () => {
  it('asks for the card back; 「はじめに戻る」 fires kofu-kiosk-again', async () => {
    const el = await fixture<KofuKioskEnd>(html`<kofu-kiosk-end></kofu-kiosk-end>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('カードをお取りください');
    const again = oneEvent(el, 'kofu-kiosk-again');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="again"]')!.click();
    expect((await again).detail).to.equal(null);
  });
});
