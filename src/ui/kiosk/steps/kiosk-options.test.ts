import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { HouseholdMember } from '../../../app/kiosk-session.ts';
import type { CertificateRequest } from '../../../documents/options.ts';
import { setLanguage } from '../../shared/i18n.ts';
import './kiosk-options.ts';
import type { KofuKioskOptions } from './kiosk-options.ts';

const JUMINHYO: CertificateRequest = { kind: 'juminhyo', scope: 'self', householder: false, honseki: false, myNumber: false };
const MEMBERS: HouseholdMember[] = [
  { id: 'r1', name: '髙橋 一郎', relationship: '世帯主' },
  { id: 'r2', name: '髙橋 花子', relationship: '妻' },
  { id: 'r3', name: '髙橋 太郎', relationship: '子' },
];

const $ = <T extends Element = HTMLElement>(el: KofuKioskOptions, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;

async function nextChange(el: KofuKioskOptions, act: () => void) {
  const changed = oneEvent(el, 'kofu-kiosk-options');
  act();
  return (await changed).detail;
}

describe('<kofu-kiosk-options>', () => {
  it('住民票の写し: who is listed, 世帯主, 本籍, 個人番号; each change reports the whole request and the copies', async () => {
    const el = await fixture<KofuKioskOptions>(html`<kofu-kiosk-options kind="juminhyo" .request=${JUMINHYO} .copies=${1} .fee=${200}></kofu-kiosk-options>`);
    expect($(el, 'h2').textContent).to.include('住民票の写し');
    expect($<HTMLInputElement>(el, '[data-option="scope:self"]').checked).to.equal(true);
    expect($(el, '[data-fee]').textContent).to.include('200円');
    expect(el.shadowRoot!.textContent).to.include('住民票コードは記載しません');
    const detail = await nextChange(el, () => $(el, '[data-option="householder"]').click());
    expect(detail).to.deep.equal({ request: { ...JUMINHYO, householder: true }, copies: 1 });
    const scope = await nextChange(el, () => $(el, '[data-option="scope:household"]').click());
    expect(scope.request).to.deep.equal({ ...JUMINHYO, scope: 'household' });
  });

  it('個人番号 shows its warning only while ticked', async () => {
    const el = await fixture<KofuKioskOptions>(html`<kofu-kiosk-options kind="juminhyo" .request=${JUMINHYO}></kofu-kiosk-options>`);
    expect(el.shadowRoot!.querySelector('[role="note"]')).to.equal(null);
    el.request = { ...JUMINHYO, myNumber: true };
    await el.updateComplete;
    expect($(el, '[role="note"]').textContent).to.include('法令で定められた手続き');
  });

  it('住民票記載事項証明書 offers neither 本籍 nor 個人番号', async () => {
    const request: CertificateRequest = { kind: 'kisai', scope: 'self', householder: false, honseki: false, myNumber: false };
    const el = await fixture<KofuKioskOptions>(html`<kofu-kiosk-options kind="kisai" .request=${request}></kofu-kiosk-options>`);
    expect(el.shadowRoot!.querySelector('[data-option="householder"]')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('[data-option="honseki"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[data-option="myNumber"]')).to.equal(null);
  });

  it('「世帯の一部」 lists the household; ticked members are reported in household order', async () => {
    const request: CertificateRequest = { ...JUMINHYO, scope: 'some', memberIds: ['r3'] };
    const el = await fixture<KofuKioskOptions>(html`<kofu-kiosk-options kind="juminhyo" .request=${request} .members=${MEMBERS}></kofu-kiosk-options>`);
    expect(el.shadowRoot!.querySelectorAll('[data-member]').length).to.equal(3);
    expect($(el, '[data-member="r2"]').parentElement!.textContent).to.include('髙橋 花子（妻）');
    expect($<HTMLInputElement>(el, '[data-member="r3"]').checked).to.equal(true);
    const detail = await nextChange(el, () => $(el, '[data-member="r1"]').click());
    expect(detail.request).to.deep.equal({ ...request, memberIds: ['r1', 'r3'] });
  });

  it('各種税証明書: the fiscal years in 和暦 as the certificate prints them (平成31年度 for 2019, 元年 for an era’s first), and the chosen year is reported', async () => {
    const request: CertificateRequest = { kind: 'tax', taxKind: 'shotoku-kazei', fiscalYear: 2020 };
    const el = await fixture<KofuKioskOptions>(html`<kofu-kiosk-options kind="tax" .request=${request} .fiscalYears=${[2020, 2019, 1989]}></kofu-kiosk-options>`);
    const options = [...el.shadowRoot!.querySelectorAll('select[data-option="fiscalYear"] option')].map((o) => o.textContent);
    // 年度 takes the era of its April 1 (src/documents/dates.ts formatFiscalYear): 2019-04-01 was
    // still 平成, 1989-04-01 was in 平成's first year. Never 令和1年度, never 令和-29年度.
    expect(options).to.deep.equal(['令和2年度（2020年度）', '平成31年度（2019年度）', '平成元年度（1989年度）']);
    const select = $<HTMLSelectElement>(el, 'select[data-option="fiscalYear"]');
    expect(select.value).to.equal('2020');
    const detail = await nextChange(el, () => {
      select.value = '2019';
      select.dispatchEvent(new Event('change'));
    });
    expect(detail.request).to.deep.equal({ ...request, fiscalYear: 2019 });
    const kind = await nextChange(el, () => $(el, '[data-option="taxKind:hikazei"]').click());
    expect(kind.request).to.deep.equal({ ...request, taxKind: 'hikazei' });
  });

  it('in English the fiscal years read FY 2019, and the step re-renders when the language changes', async () => {
    const request: CertificateRequest = { kind: 'tax', taxKind: 'shotoku', fiscalYear: 2019 };
    const el = await fixture<KofuKioskOptions>(html`<kofu-kiosk-options kind="tax" .request=${request} .fiscalYears=${[2019]}></kofu-kiosk-options>`);
    try {
      setLanguage('en');
      await el.updateComplete;
      expect($(el, 'option').textContent).to.equal('FY 2019');
      expect($(el, 'h2').textContent).to.include('Tax certificate');
    } finally {
      setLanguage('ja');
    }
    await el.updateComplete;
    expect($(el, 'option').textContent).to.equal('平成31年度（2019年度）');
  });

  it('戸籍証明書: 謄本 or 抄本', async () => {
    const request: CertificateRequest = { kind: 'koseki', scope: 'all' };
    const el = await fixture<KofuKioskOptions>(html`<kofu-kiosk-options kind="koseki" .request=${request}></kofu-kiosk-options>`);
    const detail = await nextChange(el, () => $(el, '[data-option="scope:individual"]').click());
    expect(detail.request).to.deep.equal({ kind: 'koseki', scope: 'individual' });
  });

  it('copies: ＋ and − report the count (− disabled at one); a problem shows as an alert; back and next fire', async () => {
    const request: CertificateRequest = { kind: 'inkan' };
    const problem = { ja: '世帯の一部を選んでください。', en: 'Choose at least one member.' };
    const el = await fixture<KofuKioskOptions>(html`<kofu-kiosk-options kind="inkan" .request=${request} .copies=${1} .problem=${problem}></kofu-kiosk-options>`);
    expect($<HTMLButtonElement>(el, '[data-action="less"]').disabled).to.equal(true);
    expect(await nextChange(el, () => $(el, '[data-action="more"]').click())).to.deep.equal({ request, copies: 2 });
    el.copies = 3;
    await el.updateComplete;
    expect($(el, '[data-copies]').textContent).to.equal('3');
    expect(await nextChange(el, () => $(el, '[data-action="less"]').click())).to.deep.equal({ request, copies: 2 });
    expect($(el, '[data-problem]').textContent).to.equal('世帯の一部を選んでください。');
    const back = oneEvent(el, 'kofu-kiosk-back');
    $(el, '[data-action="back"]').click();
    expect((await back).detail).to.equal(null);
    const next = oneEvent(el, 'kofu-kiosk-next');
    $(el, '[data-action="next"]').click();
    expect((await next).detail).to.equal(null);
  });
});
