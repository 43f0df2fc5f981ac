import { expect, fixture, html } from '@open-wc/testing';
import type { VerificationReport } from '../../verify/report.ts';
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
