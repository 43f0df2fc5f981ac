import { expect, fixture, html } from '@open-wc/testing';
import './kiosk-issuing.ts';
import type { KofuKioskIssuing } from './kiosk-issuing.ts';

describe('<kofu-kiosk-issuing>', () => {
  it('names the certificate and the copy being made, with the progress', async () => {
    const el = await fixture<KofuKioskIssuing>(html`<kofu-kiosk-issuing kind="tax" .copy=${2} .copies=${3} .progress=${0.5}></kofu-kiosk-issuing>`);
    expect(el.shadowRoot!.querySelector('.lead')!.textContent).to.include('各種税証明書').and.include('3通中2通目');
    expect(el.shadowRoot!.querySelector('progress')!.value).to.equal(0.5);
  });

  it('passes axe-core (a step too short to check in the e2e run)', async () => {
    const el = await fixture<KofuKioskIssuing>(html`<kofu-kiosk-issuing kind="juminhyo" .copy=${1} .copies=${1} .progress=${0.2}></kofu-kiosk-issuing>`);
    await expect(el).to.be.accessible();
  });
});
