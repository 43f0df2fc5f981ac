import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './kiosk-start.ts';
import type { KofuKioskStart } from './kiosk-start.ts';

const startButton = (el: KofuKioskStart) => el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="start"]')!;

describe('<kofu-kiosk-start>', () => {
  it('lists the six steps (terms first, the till last) and the six certificates, and 「はじめる」 fires kofu-kiosk-start', async () => {
    const el = await fixture<KofuKioskStart>(html`<kofu-kiosk-start></kofu-kiosk-start>`);
    expect([...el.shadowRoot!.querySelectorAll('ol li')].map((li) => li.textContent)).to.have.length(6).and.satisfy((steps: string[]) => steps[0].includes('同意') && steps[5].includes('レジ'));
    expect(el.shadowRoot!.querySelectorAll('li.cert').length).to.equal(6);
    expect(el.shadowRoot!.textContent).to.include('住民票の写し');
    const started = oneEvent(el, 'kofu-kiosk-start');
    startButton(el).click();
    expect((await started).detail).to.equal(null);
  });

  it('while starting, 「はじめる」 is disabled; a notice is shown as an alert', async () => {
    const el = await fixture<KofuKioskStart>(html`<kofu-kiosk-start starting .notice=${'データベースを開けません'}></kofu-kiosk-start>`);
    expect(startButton(el).disabled).to.equal(true);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('データベースを開けません');
    el.notice = undefined;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });
});
