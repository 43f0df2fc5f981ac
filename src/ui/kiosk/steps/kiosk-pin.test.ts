import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './kiosk-pin.ts';
import type { KofuKioskPin } from './kiosk-pin.ts';
import type { KofuPinKeypad } from '../pin-keypad.ts';

const keypad = (el: KofuKioskPin) => el.shadowRoot!.querySelector<KofuPinKeypad>('kofu-pin-keypad')!;
const WRONG = { ja: '暗証番号が違います。', en: 'Wrong PIN.' };

describe('<kofu-kiosk-pin>', () => {
  it('shows the tries left; the keypad’s PIN bubbles out as kofu-pin-submit', async () => {
    const el = await fixture<KofuKioskPin>(html`<kofu-kiosk-pin .triesLeft=${3}></kofu-kiosk-pin>`);
    expect(el.shadowRoot!.querySelector('[data-tries]')!.getAttribute('data-tries')).to.equal('3');
    expect(el.shadowRoot!.querySelector('[data-tries]')!.textContent).to.include('3');
    const pad = keypad(el);
    await pad.updateComplete;
    for (const d of [1, 2, 3, 4]) pad.press(d);
    const submitted = oneEvent(el, 'kofu-pin-submit');
    pad.submit();
    expect((await submitted).detail).to.deep.equal({ pin: '1234' });
  });

  it('a wrong-PIN message shows as an alert; while the card checks, the keypad is disabled', async () => {
    const el = await fixture<KofuKioskPin>(html`<kofu-kiosk-pin .triesLeft=${2} .message=${WRONG} busy></kofu-kiosk-pin>`);
    expect(el.shadowRoot!.querySelector('[data-pin-message]')!.textContent).to.equal('暗証番号が違います。');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.include('確認しています');
    expect(keypad(el).disabled).to.equal(true);
  });

  it('at the last try it asks first (keypad disabled, message hidden) and reports the answer as kofu-kiosk-last-try', async () => {
    const el = await fixture<KofuKioskPin>(html`<kofu-kiosk-pin .triesLeft=${1} .message=${WRONG} .confirmLastTry=${true}></kofu-kiosk-pin>`);
    expect(keypad(el).disabled).to.equal(true);
    expect(el.shadowRoot!.querySelector('[data-pin-message]')).to.equal(null);
    const yes = oneEvent(el, 'kofu-kiosk-last-try');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="last-try-yes"]')!.click();
    expect((await yes).detail).to.deep.equal({ confirmed: true });
    const no = oneEvent(el, 'kofu-kiosk-last-try');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="last-try-no"]')!.click();
    expect((await no).detail).to.deep.equal({ confirmed: false });
  });
});
