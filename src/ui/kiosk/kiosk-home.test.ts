import { expect, fixture, html } from '@open-wc/testing';
import './kiosk-home.ts';
import type { KofuKioskHome } from './kiosk-home.ts';

describe('<kofu-kiosk-home>', () => {
  it('opens on the start step, with the heading and no Cancel (no session until 「はじめる」)', async () => {
    const el = await fixture<KofuKioskHome>(html`<kofu-kiosk-home></kofu-kiosk-home>`);
    expect(el.shadowRoot!.querySelector('h1')!.textContent).to.include('証明書の交付');
    expect(el.shadowRoot!.querySelector('[data-action="cancel"]')).to.equal(null);
    const start = el.shadowRoot!.querySelector('kofu-kiosk-start')!;
    await start.updateComplete;
    expect(start.shadowRoot!.querySelector('[data-step="start"] [data-action="start"]')).to.not.equal(null);
  });
});
