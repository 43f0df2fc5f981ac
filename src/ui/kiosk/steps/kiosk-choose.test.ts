import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { KindChoice } from '../../../app/kiosk-session.ts';
import './kiosk-choose.ts';
import type { KofuKioskChoose } from './kiosk-choose.ts';

const CHOICES: KindChoice[] = [
  { kind: 'juminhyo', fee: 200, refusals: [], issuer: '甲府見本市' },
  { kind: 'koseki', fee: 1450, refusals: [{ code: 'no-koseki', params: {} }], issuer: '汐見町' },
];

describe('<kofu-kiosk-choose>', () => {
  it('greets the resident (demo badge on a demo card) and shows each kind with issuer and fee', async () => {
    const el = await fixture<KofuKioskChoose>(html`<kofu-kiosk-choose .residentName=${'髙橋 一郎'} .demo=${true} .choices=${CHOICES}></kofu-kiosk-choose>`);
    expect(el.shadowRoot!.querySelector('.lead')!.textContent).to.include('髙橋 一郎 様');
    expect(el.shadowRoot!.querySelector('.badge')).to.not.equal(null);
    const juminhyo = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-kind="juminhyo"]')!;
    expect(juminhyo.textContent).to.include('住民票の写し').and.include('甲府見本市').and.include('1通 200円');
    expect(el.shadowRoot!.querySelector('[data-kind="koseki"]')!.textContent).to.include('1,450円');
  });

  it('a refused kind is disabled and says why; an available one fires kofu-kiosk-choose with its kind', async () => {
    const el = await fixture<KofuKioskChoose>(html`<kofu-kiosk-choose .choices=${CHOICES}></kofu-kiosk-choose>`);
    const koseki = el.shadowRoot!.querySelector<HTMLButtonElement>('[data-kind="koseki"]')!;
    expect(koseki.disabled).to.equal(true);
    expect(koseki.querySelector('.reason')!.textContent).to.equal('選べません：この方の戸籍の記録はこの端末では扱えません（外国籍の方、または本籍の記録がない方）。');
    const chosen = oneEvent(el, 'kofu-kiosk-choose');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-kind="juminhyo"]')!.click();
    expect((await chosen).detail).to.deep.equal({ kind: 'juminhyo' });
  });
});
