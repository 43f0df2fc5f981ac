import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './kiosk-error.ts';
import type { KofuKioskError } from './kiosk-error.ts';

describe('<kofu-kiosk-error>', () => {
  it('says why in the person’s language, keyed by its code; 「はじめに戻る」 fires kofu-kiosk-again', async () => {
    const message = { ja: 'このカードの方の住民記録が見つかりません。', en: 'No resident record was found for this card.' };
    const el = await fixture<KofuKioskError>(html`<kofu-kiosk-error code="kiosk.unknown-resident" .message=${message}></kofu-kiosk-error>`);
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.getAttribute('data-code')).to.equal('kiosk.unknown-resident');
    expect(alert.textContent).to.equal(message.ja);
    const again = oneEvent(el, 'kofu-kiosk-again');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="again"]')!.click();
    expect((await again).detail).to.equal(null);
  });

  it('passes axe-core (no kiosk error is reachable from the demo e2e run)', async () => {
    const message = { ja: 'このカードの方の住民記録が見つかりません。', en: 'No resident record was found for this card.' };
    const el = await fixture<KofuKioskError>(html`<kofu-kiosk-error code="kiosk.unknown-resident" .message=${message}></kofu-kiosk-error>`);
    await expect(el).to.be.accessible();
  });
});
