import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './kiosk-confirm.ts';
import type { KofuKioskConfirm } from './kiosk-confirm.ts';

/** 4×2 RGBA, all one colour. */
function bitmap(r: number, g: number, b: number) {
  const pixels = new Uint8ClampedArray(4 * 2 * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set([r, g, b, 255], i);
  return { width: 4, height: 2, pixels };
}

describe('<kofu-kiosk-confirm>', () => {
  it('says the preview is being made until it arrives, then draws it on the canvas', async () => {
    const el = await fixture<KofuKioskConfirm>(html`<kofu-kiosk-confirm kind="juminhyo" .copies=${2} .fee=${400}></kofu-kiosk-confirm>`);
    expect(el.shadowRoot!.querySelector('canvas')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.include('見本を作っています');
    expect(el.shadowRoot!.querySelector('.lead')!.textContent).to.include('住民票の写し').and.include('2通');
    expect(el.shadowRoot!.querySelector('[data-fee]')!.textContent).to.include('400円');
    el.preview = bitmap(10, 120, 200);
    await el.updateComplete;
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.preview')!;
    expect([canvas.width, canvas.height]).to.deep.equal([4, 2]);
    expect([...canvas.getContext('2d')!.getImageData(3, 1, 1, 1).data]).to.deep.equal([10, 120, 200, 255]);
  });

  it('「戻る」 fires kofu-kiosk-back and 「発行する」 fires kofu-kiosk-issue', async () => {
    const el = await fixture<KofuKioskConfirm>(html`<kofu-kiosk-confirm></kofu-kiosk-confirm>`);
    const back = oneEvent(el, 'kofu-kiosk-back');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="back"]')!.click();
    expect((await back).detail).to.equal(null);
    const issue = oneEvent(el, 'kofu-kiosk-issue');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="issue"]')!.click();
    expect((await issue).detail).to.equal(null);
  });
});
