import { expect, fixture, html } from '@open-wc/testing';
import './kiosk-card.ts';
import type { KofuKioskCard } from './kiosk-card.ts';

describe('<kofu-kiosk-card>', () => {
  it('asks for the card while waiting, then says it is reading, with the reader named', async () => {
    const el = await fixture<KofuKioskCard>(html`<kofu-kiosk-card .readerLabel=${'Sony RC-S380'}></kofu-kiosk-card>`);
    const heading = () => el.shadowRoot!.querySelector('h2')!.textContent;
    expect(heading()).to.include('カードリーダーの上に置いてください');
    expect(el.shadowRoot!.textContent).to.include('Sony RC-S380');
    el.phase = 'reading';
    await el.updateComplete;
    expect(heading()).to.include('読み取っています');
  });

  it('passes axe-core while waiting and while reading (a step too short to check in the e2e run)', async () => {
    const el = await fixture<KofuKioskCard>(html`<kofu-kiosk-card .readerLabel=${'Sony RC-S380'}></kofu-kiosk-card>`);
    await expect(el).to.be.accessible();
    el.phase = 'reading';
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('focusHeading() moves focus to the heading', async () => {
    const el = await fixture<KofuKioskCard>(html`<kofu-kiosk-card></kofu-kiosk-card>`);
    await el.focusHeading();
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('h2'));
  });
});
