import { expect, fixture, html } from '@open-wc/testing';
import './kiosk-issuing.ts';
import type { KofuKioskIssuing } from './kiosk-issuing.ts';

describe('<kofu-kiosk-issuing>', () => {
  it('names the certificate, the copy and the stage; the bar is a progressbar with its value', async () => {
    const el = await fixture<KofuKioskIssuing>(html`<kofu-kiosk-issuing kind="tax" .copy=${2} .copies=${3} stage="carrier" .progress=${0.5}></kofu-kiosk-issuing>`);
    expect(el.shadowRoot!.querySelector('.lead')!.textContent).to.include('各種税証明書').and.include('3通中2通目');
    const bar = el.shadowRoot!.querySelector<HTMLElement>('[role="progressbar"]')!;
    expect([bar.getAttribute('aria-valuemin'), bar.getAttribute('aria-valuemax'), bar.getAttribute('aria-valuenow')]).to.deep.equal(['0', '100', '50']);
    expect(bar.getAttribute('aria-valuetext')).to.equal('50% — 裏面の画像を作っています');
    expect(bar.querySelector<HTMLElement>('.fill')!.style.width).to.equal('50%');
    expect(el.shadowRoot!.querySelector('[data-stage]')!.textContent).to.equal('裏面の画像を作っています');
    el.stage = 'pdf';
    el.progress = 0.875;
    await el.updateComplete;
    expect(bar.getAttribute('aria-valuenow')).to.equal('88');
    expect(el.shadowRoot!.querySelector('[data-stage]')!.textContent).to.equal('印刷用のデータを作っています');
  });

  it('passes axe-core (a step too short to check in the e2e run)', async () => {
    const el = await fixture<KofuKioskIssuing>(html`<kofu-kiosk-issuing kind="juminhyo" .copy=${1} .copies=${1} .progress=${0.2}></kofu-kiosk-issuing>`);
    await expect(el).to.be.accessible();
  });
});
