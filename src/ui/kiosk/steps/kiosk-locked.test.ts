import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './kiosk-locked.ts';
import type { KofuKioskLocked } from './kiosk-locked.ts';

const LOCKED = { ja: '暗証番号がロックされています。市区町村の窓口で再設定してください。', en: 'The PIN is locked. Have it reset at your municipal office.' };

describe('<kofu-kiosk-locked>', () => {
  it('explains the lock; 「はじめに戻る」 fires kofu-kiosk-again; no demo reset outside demo mode', async () => {
    const el = await fixture<KofuKioskLocked>(html`<kofu-kiosk-locked .message=${LOCKED}></kofu-kiosk-locked>`);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include('窓口');
    expect(el.shadowRoot!.querySelector('[data-action="demo-reset"]')).to.equal(null);
    const again = oneEvent(el, 'kofu-kiosk-again');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="again"]')!.click();
    expect((await again).detail).to.equal(null);
  });

  it('demo mode offers the demo reset, reported as kofu-kiosk-demo-reset', async () => {
    const el = await fixture<KofuKioskLocked>(html`<kofu-kiosk-locked .message=${LOCKED} .demoMode=${true}></kofu-kiosk-locked>`);
    const reset = oneEvent(el, 'kofu-kiosk-demo-reset');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="demo-reset"]')!.click();
    expect((await reset).detail).to.equal(null);
  });
});
