import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setLanguage } from '../shared/i18n.ts';
import './registry-panel.ts';
import type { KofuAdminRegistry } from './registry-panel.ts';
import { signInAsTestStaff } from '../../app/staff/testing.ts';
import { demoRegistry } from '../../registry/demo.ts';
import { syntheticRegistry } from '../../registry/testing/synthetic.ts';
import { exportRegistryJson } from '../../registry/transfer.ts';

const $ = (el: KofuAdminRegistry, selector: string) => el.shadowRoot!.querySelector(selector);

function chooseFile(el: KofuAdminRegistry, action: string, name: string, text: string): void {
  const input = $(el, `input[data-action="${action}"]`) as HTMLInputElement;
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], name));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

async function outcome(el: KofuAdminRegistry): Promise<Element> {
  await waitUntil(() => $(el, '[data-result]'), 'no outcome', { timeout: 15_000 });
  return $(el, '[data-result]')!;
}

describe('ui/admin registry panel', () => {
  // Admin actions run only for a signed-in staff member (src/app/staff/access.ts).
  before(async function () {
    this.timeout(20_000);
    await signInAsTestStaff();
  });
  const originalConfirm = window.confirm;
  beforeEach(() => (window.confirm = () => true));
  afterEach(() => {
    window.confirm = originalConfirm;
    setLanguage('ja');
  });

  it('shows the demo municipalities, exports JSON, refuses a broken file without changing anything, and re-imports the export', async function () {
    this.timeout(30_000);
    const el = await fixture<KofuAdminRegistry>(html`<kofu-admin-registry></kofu-admin-registry>`);
    const saved: { name: string; data: string }[] = [];
    el.saveFile = (name, data) => saved.push({ name, data: String(data) });
    await waitUntil(() => $(el, '[data-summary]'), 'no summary', { timeout: 15_000 });
    const summary = $(el, '[data-summary]')!.textContent!;
    expect(summary).to.contain('藤見市');
    expect(summary).to.contain('汐見町');

    ($(el, 'button[data-action="export-json"]') as HTMLButtonElement).click();
    expect((await outcome(el)).getAttribute('data-result')).to.equal('ok');
    expect(saved[0].name).to.match(/^kofu-registry-.*\.json$/);
    const exported = saved[0].data;

    // A resident with an impossible birth date: the file is refused and the registry stays as it was.
    const broken = exported.replace(/"birth": ?"(\d{4})-\d\d-\d\d"/, '"birth": "$1-13-45"');
    expect(broken).to.not.equal(exported);
    chooseFile(el, 'import-json', 'broken.json', broken);
    await waitUntil(() => $(el, '[data-result="error"]'), 'no refusal', { timeout: 15_000 });
    expect($(el, '[data-result="error"]')!.textContent).to.match(/broken\.json \d+行目.*変更していません/s);
    expect($(el, '[data-summary]')!.textContent).to.equal(summary);

    chooseFile(el, 'import-json', 'good.json', exported);
    await waitUntil(() => $(el, '[data-result="ok"]'), 'no success', { timeout: 15_000 });
    expect($(el, '[data-summary]')!.textContent).to.equal(summary);
  });

  it('shows a city-sized import’s progress off the main thread, and Cancel leaves the registry as it was', async function () {
    this.timeout(60_000);
    const el = await fixture<KofuAdminRegistry>(html`<kofu-admin-registry></kofu-admin-registry>`);
    await waitUntil(() => $(el, '[data-summary]'), 'no summary', { timeout: 15_000 });
    const summary = $(el, '[data-summary]')!.textContent!;
    chooseFile(el, 'import-json', 'city.json', exportRegistryJson(syntheticRegistry(demoRegistry, 20_000)));
    await waitUntil(() => $(el, '[data-import-progress="writing"]'), 'no write progress', { timeout: 40_000, interval: 20 });
    const bar = $(el, '[data-import-progress] progress') as HTMLProgressElement;
    expect(bar.max).to.be.greaterThan(20_000);
    expect($(el, '[data-import-progress]')!.textContent).to.match(/保存しています：[\d,]+ ／ [\d,]+ 件/);
    ($(el, 'button[data-action="cancel-import"]') as HTMLButtonElement).click();
    await waitUntil(() => $(el, '[data-result]'), 'no outcome after cancel', { timeout: 15_000 });
    expect($(el, '[data-result]')!.textContent).to.contain('中止しました');
    expect($(el, '[data-import-progress]')).to.equal(null);
    expect($(el, '[data-summary]')!.textContent).to.equal(summary);
  });

  it('exports residents as CSV with a header row', async () => {
    const el = await fixture<KofuAdminRegistry>(html`<kofu-admin-registry></kofu-admin-registry>`);
    const saved: string[] = [];
    el.saveFile = (_name, data) => saved.push(String(data));
    await waitUntil(() => $(el, '[data-summary]'), 'no summary', { timeout: 15_000 });
    ($(el, 'button[data-action="export-csv"]') as HTMLButtonElement).click();
    await outcome(el);
    const lines = saved[0].trim().split(/\r?\n/);
    expect(lines.length).to.be.greaterThan(12);
  });

  it('asks twice before an export with 個人番号; a “no” to either question exports nothing', async () => {
    const el = await fixture<KofuAdminRegistry>(html`<kofu-admin-registry></kofu-admin-registry>`);
    const saved: string[] = [];
    el.saveFile = (_name, data) => saved.push(String(data));
    await waitUntil(() => $(el, '[data-summary]'), 'no summary', { timeout: 15_000 });
    for (const action of ['export-csv', 'export-json']) {
      for (const answers of [[false], [true, false]]) {
        const asked: string[] = [];
        window.confirm = (message) => (asked.push(String(message)), answers[asked.length - 1] ?? true);
        ($(el, `button[data-action="${action}"]`) as HTMLButtonElement).click();
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(asked.length).to.equal(answers.length);
        expect(asked.every((m) => m.includes('個人番号'))).to.equal(true);
        expect(saved.length).to.equal(0);
      }
    }
  });

  it('makes the printer calibration sheet as a PDF', async function () {
    this.timeout(30_000);
    const el = await fixture<KofuAdminRegistry>(html`<kofu-admin-registry></kofu-admin-registry>`);
    const saved: { name: string; data: Uint8Array | string }[] = [];
    el.saveFile = (name, data) => saved.push({ name, data });
    ($(el, 'button[data-action="calibration"]') as HTMLButtonElement).click();
    await waitUntil(() => saved.length > 0 || $(el, '[data-result="error"]'), 'no sheet', { timeout: 25_000 });
    expect(saved[0].name).to.equal('kofu-calibration.pdf');
    expect(new TextDecoder().decode((saved[0].data as Uint8Array).subarray(0, 5))).to.equal('%PDF-');
  });

  it('says which outlines the registry holds, imports a 外字 file, and refuses a broken one in words', async function () {
    this.timeout(30_000);
    const el = await fixture<KofuAdminRegistry>(html`<kofu-admin-registry></kofu-admin-registry>`);
    await waitUntil(() => $(el, '[data-glyph-status]'), 'no glyph status', { timeout: 15_000 });
    expect($(el, '[data-glyph-status]')!.textContent).to.contain('文字情報基盤 2文字・外字 1文字');
    expect($(el, '[data-glyph-missing]')!.getAttribute('data-glyph-missing')).to.equal('0');
    chooseFile(el, 'import-gaiji', 'gaiji.json', JSON.stringify({ format: 'kofu-gaiji', unitsPerEm: 1000, glyphs: [{ codePoint: 'U+4E00', advance: 1000, contours: [] }] }));
    await waitUntil(() => $(el, '[data-glyph-result]'), 'no outcome', { timeout: 15_000 });
    expect($(el, '[data-glyph-result]')!.getAttribute('data-glyph-result')).to.equal('error');
    expect($(el, '[data-glyph-result]')!.textContent).to.contain('何も変更していません');
    expect($(el, '[data-glyph-status]')!.textContent).to.contain('外字 1文字');
  });
});
