import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './kiosk-end.ts';
import type { KofuKioskEnd } from './kiosk-end.ts';

describe('<kofu-kiosk-end>', () => {
  it('asks to take the certificate and pay the fee at the till; 「はじめに戻る」 fires kofu-kiosk-again', async () => {
    const el = await fixture<KofuKioskEnd>(html`<kofu-kiosk-end .fee=${1200}></kofu-kiosk-end>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('証明書をお取りください');
    expect(el.shadowRoot!.querySelector('[data-fee]')!.textContent).to.equal('手数料 1,200円を、お店のレジでお支払いください。');
    const again = oneEvent(el, 'kofu-kiosk-again');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="again"]')!.click();
    expect((await again).detail).to.equal(null);
  });

  it('nothing to pay when every sheet was voided', async () => {
    const el = await fixture<KofuKioskEnd>(html`<kofu-kiosk-end .fee=${0}></kofu-kiosk-end>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('ご利用ありがとうございました');
    expect(el.shadowRoot!.querySelector('[data-fee]')).to.equal(null);
  });
});
