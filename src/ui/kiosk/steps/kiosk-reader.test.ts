import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { DemoCardChoice } from '../../../app/kiosk.ts';
import './kiosk-reader.ts';
import type { KofuKioskReader } from './kiosk-reader.ts';

const CARDS: DemoCardChoice[] = [
  { cardId: 'demo-card-0001', name: '髙橋 一郎', pin: '1234' },
  { cardId: 'demo-card-0002', name: '佐藤 花子', pin: '5678' },
];

describe('<kofu-kiosk-reader>', () => {
  it('demo mode: each demo card shows its name and PIN; tapping one fires kofu-kiosk-demo-card with its id', async () => {
    const el = await fixture<KofuKioskReader>(html`<kofu-kiosk-reader .demoMode=${true} .webUsb=${true} .demoCards=${CARDS}></kofu-kiosk-reader>`);
    const cards = el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[data-card]');
    expect(cards.length).to.equal(2);
    expect(cards[1].textContent).to.include('佐藤 花子').and.include('5678');
    const picked = oneEvent(el, 'kofu-kiosk-demo-card');
    cards[1].click();
    expect((await picked).detail).to.deep.equal({ cardId: 'demo-card-0002' });
  });

  it('without demo mode there are no demo cards; with WebUSB the USB button fires kofu-kiosk-usb-reader', async () => {
    const el = await fixture<KofuKioskReader>(html`<kofu-kiosk-reader .demoCards=${CARDS} .webUsb=${true}></kofu-kiosk-reader>`);
    expect(el.shadowRoot!.querySelectorAll('[data-card]').length).to.equal(0);
    const usb = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="usb"]')!;
    expect(usb.disabled).to.equal(false);
    const chosen = oneEvent(el, 'kofu-kiosk-usb-reader');
    usb.click();
    expect((await chosen).detail).to.equal(null);
  });

  it('without WebUSB the USB button is disabled and says which browsers work; a notice shows as an alert', async () => {
    const el = await fixture<KofuKioskReader>(html`<kofu-kiosk-reader .notice=${'SecurityError'}></kofu-kiosk-reader>`);
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="usb"]')!.disabled).to.equal(true);
    expect(el.shadowRoot!.textContent).to.include('ChromeまたはEdge');
    expect(el.shadowRoot!.querySelector('[data-notice]')!.textContent).to.equal('SecurityError');
  });

  it('readers the browser already allows are listed first, one tap each (kofu-kiosk-allowed-reader); the chooser becomes 「別のリーダーを選ぶ」', async () => {
    const allowed = [{ name: 'SONY RC-S380/P', id: '054c:06c3' }];
    const el = await fixture<KofuKioskReader>(html`<kofu-kiosk-reader .webUsb=${true} .allowedReaders=${allowed}></kofu-kiosk-reader>`);
    const tile = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-allowed-reader="054c:06c3"]')!;
    expect(tile.textContent).to.include('SONY RC-S380/P を使う');
    expect(el.shadowRoot!.querySelector('[data-action="usb"]')!.textContent!.trim()).to.equal('別のリーダーを選ぶ');
    const chosen = oneEvent(el, 'kofu-kiosk-allowed-reader');
    tile.click();
    expect((await chosen).detail).to.deep.equal({ id: '054c:06c3' });
    el.opening = 'SONY RC-S380/P';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-opening]')!.textContent).to.include('接続しています');
    expect(tile.disabled, 'no second open while the first is under way').to.equal(true);
    await expect(el).to.be.accessible();
  });
});
