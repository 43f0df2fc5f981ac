import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './kiosk-not-printed.ts';
import type { KofuKioskNotPrinted } from './kiosk-not-printed.ts';

describe('<kofu-kiosk-not-printed>', () => {
  it('says the sheet is void and what to do; もう一度発行する is the primary action; both buttons fire their events', async () => {
    const el = await fixture<KofuKioskNotPrinted>(html`<kofu-kiosk-not-printed serial="4F2A01-000007"></kofu-kiosk-not-printed>`);
    expect(el.shadowRoot!.querySelector('[data-voided]')!.textContent).to.include('4F2A01-000007').and.include('無効');
    expect(el.shadowRoot!.textContent).to.include('係員').and.include('用紙切れ').and.include('新しい発行番号');
    const again = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="issue-again"]')!;
    expect(again.classList.contains('primary')).to.equal(true);
    const issued = oneEvent(el, 'kofu-kiosk-issue-again');
    again.click();
    expect((await issued).detail).to.equal(null);
    const finished = oneEvent(el, 'kofu-kiosk-finish');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="finish"]')!.click();
    expect((await finished).detail).to.equal(null);
  });

  it('passes axe-core', async () => {
    const el = await fixture<KofuKioskNotPrinted>(html`<kofu-kiosk-not-printed serial="4F2A01-000007"></kofu-kiosk-not-printed>`);
    await expect(el).to.be.accessible();
  });
});
