import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './pin-keypad.ts';
import type { KofuPinKeypad } from './pin-keypad.ts';

async function tap(pad: KofuPinKeypad, key: string): Promise<void> {
  pad.shadowRoot!.querySelector<HTMLButtonElement>(`[data-key="${key}"]`)!.click();
  await pad.updateComplete;
}

const filled = (pad: KofuPinKeypad) => pad.shadowRoot!.querySelectorAll('.dot.filled').length;

describe('<kofu-pin-keypad>', () => {
  it('masks the digits as dots, deletes and clears', async () => {
    const pad = await fixture<KofuPinKeypad>(html`<kofu-pin-keypad></kofu-pin-keypad>`);
    expect(pad.shadowRoot!.querySelectorAll('.dot').length).to.equal(4);
    await tap(pad, '1');
    await tap(pad, '2');
    expect(filled(pad)).to.equal(2);
    expect(pad.shadowRoot!.querySelector('.dots')!.textContent!.trim(), 'no digit is ever shown').to.equal('');
    await tap(pad, 'delete');
    expect(filled(pad)).to.equal(1);
    await tap(pad, '7');
    await tap(pad, 'clear');
    expect(filled(pad)).to.equal(0);
    expect(pad.entered).to.equal(0);
  });

  it('OK is enabled only with four digits; a fifth digit is ignored; submitting sends the PIN and wipes the buffer', async () => {
    const pad = await fixture<KofuPinKeypad>(html`<kofu-pin-keypad></kofu-pin-keypad>`);
    const ok = () => pad.shadowRoot!.querySelector<HTMLButtonElement>('[data-key="ok"]')!;
    for (const d of ['1', '2', '3']) await tap(pad, d);
    expect(ok().disabled).to.equal(true);
    await tap(pad, '0');
    await tap(pad, '9');
    expect(filled(pad)).to.equal(4);
    expect(ok().disabled).to.equal(false);
    const event = oneEvent(pad, 'kofu-pin-submit');
    ok().click();
    const { detail } = (await event) as CustomEvent<{ pin: string }>;
    expect(detail.pin).to.equal('1230');
    await pad.updateComplete;
    expect(filled(pad)).to.equal(0);
  });

  it('works from the keyboard: digits, Backspace, Enter', async () => {
    const pad = await fixture<KofuPinKeypad>(html`<kofu-pin-keypad></kofu-pin-keypad>`);
    const key = async (k: string) => {
      pad.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
      await pad.updateComplete;
    };
    for (const k of ['5', '6', '7', '8', 'Backspace', '9']) await key(k);
    const event = oneEvent(pad, 'kofu-pin-submit');
    await key('Enter');
    expect(((await event) as CustomEvent<{ pin: string }>).detail.pin).to.equal('5679');
  });

  it('disabled: keys do nothing', async () => {
    const pad = await fixture<KofuPinKeypad>(html`<kofu-pin-keypad disabled></kofu-pin-keypad>`);
    pad.press(1);
    await pad.updateComplete;
    expect(filled(pad)).to.equal(0);
  });
});
