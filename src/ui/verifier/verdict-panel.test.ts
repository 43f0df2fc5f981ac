import { expect, fixture, html } from '@open-wc/testing';
import type { FrontCheck, VerificationReport } from '../../verify/report.ts';
import { setLanguage } from '../shared/i18n.ts';
import './verdict-panel.ts';
import type { KofuVerdict } from './verdict-panel.ts';

const base: VerificationReport = {
  verdict: 'valid',
  demo: false,
  code: 'ok',
  params: {},
  stage: 'done',
  reason: { ja: '正規の証明書データです。', en: 'Genuine.' },
  warnings: [],
  restored: [{ width: 4, height: 6, dpi: 100, pixels: new Uint8ClampedArray(4 * 6 * 4).fill(255) }],
  certificate: { issuer: 131016, issuerName: '千代田区', serial: 5, serialText: '000005', issuedAt: 1_795_575_600, certType: 1, title: { ja: '住民票の写し', en: 'Certificate of residence (copy)' }, sheets: 1 },
  timings: { total: 12 },
};

describe('<kofu-verdict>', () => {
  it('shows a valid result with the issuer, 交付日 and the restored image', async () => {
    const el = await fixture<KofuVerdict>(html`<kofu-verdict .report=${base}></kofu-verdict>`);
    const section = el.shadowRoot!.querySelector('section')!;
    expect(section.dataset.verdict).to.equal('valid');
    expect(el.shadowRoot!.querySelector('[data-field="issuer"]')!.textContent).to.equal('千代田区');
    expect(el.shadowRoot!.querySelector('[data-field="issued"]')!.textContent).to.match(/令和8年11月25日|2026-11-25/);
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[data-restored="0"]')!;
    expect(canvas.width).to.equal(4);
    expect(el.shadowRoot!.querySelector('.demo-badge')).to.equal(null);
  });

  it('marks an invalid demo result with a DEMO badge, the reason and advice', async () => {
    const report: VerificationReport = {
      ...base,
      verdict: 'invalid',
      demo: true,
      code: 'seal.demo-outside-demo-mode',
      stage: 'seal',
      reason: { ja: 'デモ自治体の証明書です。', en: 'Demo municipality.' },
      advice: { ja: '本物の証明書の提出を求めてください。', en: 'Ask for a real certificate.' },
      certificate: undefined,
      restored: [],
    };
    const el = await fixture<KofuVerdict>(html`<kofu-verdict .report=${report}></kofu-verdict>`);
    expect(el.shadowRoot!.querySelector('section')!.dataset.verdict).to.equal('invalid');
    expect(el.shadowRoot!.querySelector('.demo-badge')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('.advice')!.textContent).to.contain('本物');
    expect(el.shadowRoot!.querySelector('[data-diag="code"]')!.textContent).to.contain('seal.demo-outside-demo-mode');
  });
});

describe('<kofu-verdict> whole-sheet outcomes', () => {
  const white = (w: number, h: number) => new Uint8ClampedArray(w * h * 4).fill(255);
  const front: FrontCheck = {
    page: 0,
    sheet: 0,
    status: 'differs',
    method: 'pdf',
    regions: [{ x: 0.2, y: 0.3, w: 0.1, h: 0.02, source: 'text' }],
    regionsOnImage: [[{ x: 0.2, y: 0.3 }, { x: 0.3, y: 0.3 }, { x: 0.3, y: 0.32 }, { x: 0.2, y: 0.32 }]],
    score: 1,
    coverage: 1,
    text: { added: ['高田'], missing: [] },
    rendering: { width: 10, height: 14, dpi: 150, pixels: white(10, 14) },
    aligned: { width: 10, height: 14, dpi: 150, pixels: white(10, 14) },
  };

  afterEach(() => setLanguage('ja'));

  it('three outcomes in large type: 真正 / 改ざん・偽造の疑い / 判定できません', async () => {
    const word = async (report: VerificationReport) => {
      const el = await fixture<KofuVerdict>(html`<kofu-verdict .report=${report}></kofu-verdict>`);
      return [el.shadowRoot!.querySelector('section')!.dataset.outcome, el.shadowRoot!.querySelector('.word')!.textContent];
    };
    expect(await word({ ...base, outcome: 'authentic', notes: ['front-matches'] })).to.deep.equal(['authentic', '真正']);
    expect(await word({ ...base, outcome: 'suspect', notes: ['front-differs'], fronts: [front] })).to.deep.equal(['suspect', '改ざん・偽造の疑い']);
    const unread: VerificationReport = { ...base, verdict: 'invalid', code: 'carrier.too-blurry', stage: 'carrier', outcome: 'undetermined', certificate: undefined, restored: [] };
    expect(await word(unread)).to.deep.equal(['undetermined', '判定できません']);
    const el = await fixture<KofuVerdict>(html`<kofu-verdict .report=${unread}></kofu-verdict>`);
    expect(el.shadowRoot!.querySelector('section')!.textContent).to.not.contain('無効');
  });

  it('a valid back alone says in plain words that the front was not compared', async () => {
    const el = await fixture<KofuVerdict>(html`<kofu-verdict .report=${{ ...base, outcome: 'authentic', notes: ['front-not-compared'] }}></kofu-verdict>`);
    expect(el.shadowRoot!.querySelector('[data-note="front-not-compared"]')!.textContent).to.contain('表面は比較していません');
  });

  it('says the demo once, with the issuer’s name in one language', async () => {
    const demo: VerificationReport = {
      ...base,
      verdict: 'demo',
      demo: true,
      outcome: 'authentic',
      notes: ['front-matches'],
      reason: { ja: '【デモ】藤見市が発行', en: '[DEMO] issued' },
      warnings: [{ ja: '【デモ】これはデモ自治体の証明書です。', en: '[DEMO] demo municipality.' }],
      certificate: { ...base.certificate!, issuerName: '藤見市（デモ / Fujimi demo city）' },
    };
    const el = await fixture<KofuVerdict>(html`<kofu-verdict .report=${demo}></kofu-verdict>`);
    const text = el.shadowRoot!.textContent!;
    expect(text.match(/実在の証明書ではありません/g)?.length).to.equal(1);
    expect(el.shadowRoot!.querySelector('[data-reason]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.warning')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[data-field="issuer"]')!.textContent).to.equal('藤見市（デモ）');
    setLanguage('en');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[data-field="issuer"]')!.textContent).to.equal('Fujimi demo city');
  });

  it('the details panel is all Japanese in Japanese mode', async () => {
    const report: VerificationReport = {
      ...base,
      image: { width: 2480, height: 3508 },
      diagnostics: { estimatedDpi: 300, moduleMm: 0.5, pixelsPerModule: 5.9, size: 120, rawBitErrorRate: 0, correctedSymbols: 0, erasures: 0, confidence: 1, rotation: 0, mirrored: true } as VerificationReport['diagnostics'],
    };
    const el = await fixture<KofuVerdict>(html`<kofu-verdict .report=${report}></kofu-verdict>`);
    const details = el.shadowRoot!.querySelector('details')!.textContent!;
    for (const english of ['px', 'erasures', 'done', 'mirrored', 'carrier', 'total', 'render']) expect(details, english).to.not.contain(english);
  });

  it('lists every line of the signed data as text', async () => {
    const report: VerificationReport = { ...base, restored: [{ ...base.restored[0], lines: ['住民票の写し', '氏名 高橋　一郎'] }] };
    const el = await fixture<KofuVerdict>(html`<kofu-verdict .report=${report}></kofu-verdict>`);
    const items = [...el.shadowRoot!.querySelectorAll('[data-signed-text="0"] li')].map((li) => li.textContent);
    expect(items).to.deep.equal(['住民票の写し', '氏名 高橋　一郎']);
  });

  it('tells the person to confirm on a flat scan when only a photo showed the differences', async () => {
    const el = await fixture<KofuVerdict>(html`<kofu-verdict .report=${{ ...base, outcome: 'suspect', notes: ['front-differs', 'front-differs-photo'], fronts: [front] }}></kofu-verdict>`);
    const note = el.shadowRoot!.querySelector('[data-note="front-differs-photo"]');
    expect(note?.textContent).to.contain('300 dpi');
    expect(el.shadowRoot!.querySelector('[data-note="front-differs"]')).to.not.equal(null);
  });

  it('shows a differing front with its regions, side by side, overlay and blink', async () => {
    const el = await fixture<KofuVerdict>(html`<kofu-verdict .report=${{ ...base, outcome: 'suspect', notes: ['front-differs'], fronts: [front] }}></kofu-verdict>`);
    const compare = el.shadowRoot!.querySelector('kofu-front-compare')!;
    await compare.updateComplete;
    const root = compare.shadowRoot!;
    expect(root.querySelector('[data-front-status]')!.textContent).to.contain('異なる箇所');
    expect(root.querySelector('[data-text-added]')!.textContent).to.equal('高田');
    expect(root.querySelector('canvas[data-view="restored"]')).to.not.equal(null);
    root.querySelector<HTMLButtonElement>('[data-compare-view="overlay"]')!.click();
    await compare.updateComplete;
    expect(root.querySelector<HTMLCanvasElement>('canvas[data-view="overlay"]')!.width).to.equal(10);
    root.querySelector<HTMLButtonElement>('[data-compare-view="blink"]')!.click();
    await compare.updateComplete;
    const before = root.querySelector('[data-blink]')!.textContent;
    root.querySelector<HTMLButtonElement>('[data-action="blink-next"]')!.click();
    await compare.updateComplete;
    expect(root.querySelector('[data-blink]')!.textContent).to.not.equal(before);
    root.querySelector<HTMLButtonElement>('[data-zoom="2"]')!.click();
    await compare.updateComplete;
    const zoomed = root.querySelector<HTMLCanvasElement>('canvas[data-view="blink"]')!;
    expect(zoomed.dataset.zoom).to.equal('2');
    expect(zoomed.getBoundingClientRect().width).to.be.closeTo(2 * zoomed.parentElement!.clientWidth, 2);
  });
});
