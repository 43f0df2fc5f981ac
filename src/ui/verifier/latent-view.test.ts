import { expect, fixture, html } from '@open-wc/testing';
import type { PaperCheck } from '../../app/paper-check.ts';
import './latent-view.ts';
import type { KofuLatentView } from './latent-view.ts';

const page = () => new ImageData(8, 8);
const revealed = { width: 4, height: 3, data: new Uint8Array([255, 255, 255, 255, 255, 0, 0, 255, 255, 255, 255, 255]) };

const found: PaperCheck = {
  latent: { found: true, score: 1, screen: true, view: revealed, region: { x: 0, y: 0, width: 8, height: 8 }, dpiFromScreen: 600 },
  originality: { verdict: 'original', reason: 'fine-screen-present', fineDots: 1 / 30, tiles: 25, dpi: 600 },
};
const plain: PaperCheck = {
  latent: { found: false, score: 0, screen: true, view: revealed, region: { x: 0, y: 0, width: 8, height: 8 }, dpiFromScreen: 300 },
  originality: { verdict: 'cannot-tell', reason: 'resolution-too-low', fineDots: Number.NaN, tiles: 0, dpi: 300 },
};

async function viewWith(result: PaperCheck) {
  const el = await fixture<KofuLatentView>(html`<kofu-latent-view .source=${async () => page()} .dpi=${600}></kofu-latent-view>`);
  const calls: (number | undefined)[] = [];
  el.check = async (_image, dpi) => {
    calls.push(dpi);
    return result;
  };
  return { el, calls, $: (s: string) => el.shadowRoot!.querySelector<HTMLElement>(s) };
}

describe('<kofu-latent-view>', () => {
  it('shows nothing without a page', async () => {
    const el = await fixture<KofuLatentView>(html`<kofu-latent-view></kofu-latent-view>`);
    expect(el.shadowRoot!.querySelector('section')).to.equal(null);
  });

  it('checks the page on request and shows the revealed mark, found, and the originality apart from the verdict', async () => {
    const { el, calls, $ } = await viewWith(found);
    expect($('[data-latent]')).to.equal(null);
    $('button[data-action="check-paper"]')!.click();
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    expect(calls).to.deep.equal([600]);
    expect($('[data-latent]')!.dataset.latent).to.equal('found');
    expect($('[data-latent-word]')!.textContent).to.match(/潜像が見つかりました|Latent image found/);
    const canvas = $('canvas[data-revealed]') as HTMLCanvasElement;
    expect([canvas.width, canvas.height]).to.deep.equal([4, 3]);
    // The dark pixel of the revealed view is drawn dark.
    expect(canvas.getContext('2d')!.getImageData(1, 1, 1, 1).data[0]).to.equal(0);
    expect($('[data-originality]')!.dataset.originality).to.equal('original');
    expect($('.separate')!.textContent).to.match(/署名|signature/);
    $('button[data-action="zoom-in"]')!.click();
    await el.updateComplete;
    expect(canvas.style.width).to.equal('200%');
  });

  it('says not found with why, and why originality cannot be told at 300 dpi', async () => {
    const { el, $ } = await viewWith(plain);
    await el.run();
    await el.updateComplete;
    expect($('[data-latent]')!.dataset.latent).to.equal('not-found');
    expect($('[data-latent]')!.textContent).to.match(/「証」の字は現れませんでした|no 証 appears/);
    expect($('[data-originality]')!.dataset.originality).to.equal('cannot-tell');
    expect($('[data-originality-reason]')!.textContent).to.match(/300 dpi/);
  });

  it('does not judge originality for a PDF file, which is not paper', async () => {
    const { el, $ } = await viewWith(found);
    el.digital = true;
    await el.run();
    await el.updateComplete;
    expect($('[data-latent]')!.dataset.latent).to.equal('found');
    expect($('[data-originality]')!.dataset.originality).to.equal('digital');
    expect($('[data-originality]')!.textContent).to.match(/PDF/);
  });

  it('says so when the check fails, and offers it again', async () => {
    const { el, $ } = await viewWith(found);
    el.check = async () => {
      throw new Error('worker gone');
    };
    await el.run();
    await el.updateComplete;
    expect($('[data-paper-failed]')).to.not.equal(null);
  });

  it('saves the decoder film', async () => {
    const { el, $ } = await viewWith(found);
    const saved: string[] = [];
    el.film = async () => ({ name: 'kofu-decoder-film.pdf', data: new Uint8Array([37]), type: 'application/pdf' });
    el.saveFile = (name) => saved.push(name);
    $('button[data-action="decoder-film"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(saved).to.deep.equal(['kofu-decoder-film.pdf']);
  });
});
