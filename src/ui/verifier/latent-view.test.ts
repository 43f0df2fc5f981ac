import { expect, fixture, html } from '@open-wc/testing';
import { AbortedError, type PaperCheck, type PaperCheckOptions } from '../../app/paper-check.ts';
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
  el.check = async (source, dpi) => {
    await source();
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

  it('shows the running check as a progressbar named by its step, with the words in the page language', async () => {
    const { el, $ } = await viewWith(found);
    let options: PaperCheckOptions | undefined;
    let finish: (result: PaperCheck) => void = () => undefined;
    el.check = (_source, _dpi, given) => {
      options = given;
      return new Promise((resolve) => (finish = resolve));
    };
    const running = el.run();
    await el.updateComplete;
    const bar = () => $('[role="progressbar"]')!;
    expect(bar().getAttribute('aria-valuenow')).to.equal('0');
    expect($('button[data-action="check-paper"]')).to.equal(null);
    options!.onProgress!({ step: 'locate', fraction: 0.42 });
    await el.updateComplete;
    expect(bar().getAttribute('aria-valuenow')).to.equal('42');
    expect(bar().getAttribute('aria-valuetext')).to.match(/^42% — (潜像の模様を探しています|Looking for the latent emblem)$/);
    expect(bar().getAttribute('aria-label')).to.match(/進み具合|progress/);
    expect(bar().querySelector<HTMLElement>('.fill')!.style.width).to.equal('42%');
    expect($('[data-paper-step]')!.dataset.paperStep).to.equal('locate');
    await expect(el).to.be.accessible();
    finish(found);
    await running;
    await el.updateComplete;
    expect($('[role="progressbar"]')).to.equal(null);
    expect($('[data-latent]')!.dataset.latent).to.equal('found');
  });

  it('cancels the running check: the signal aborts, the verdict page stays, and the check can run again', async () => {
    const { el, $ } = await viewWith(found);
    const signals: AbortSignal[] = [];
    el.check = (_source, _dpi, { signal }) => {
      signals.push(signal!);
      // What runPaperCheck does: the worker is terminated and the call rejects.
      return new Promise((_, reject) => signal!.addEventListener('abort', () => reject(new AbortedError())));
    };
    $('button[data-action="check-paper"]')!.click();
    await el.updateComplete;
    $('button[data-action="cancel-paper"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    expect(signals[0].aborted).to.equal(true);
    expect($('[role="progressbar"]')).to.equal(null);
    expect($('[data-paper-cancelled]')!.textContent).to.match(/やめました|cancelled/);
    expect($('[data-paper-failed]')).to.equal(null);
    // Pressed again: a new check with a fresh signal, and its result shown.
    el.check = async () => found;
    $('button[data-action="check-paper"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    expect($('[data-latent]')!.dataset.latent).to.equal('found');
    expect($('[data-paper-cancelled]')).to.equal(null);
  });

  it('stops a running check when the page changes or the view is removed', async () => {
    const { el } = await viewWith(found);
    const signals: AbortSignal[] = [];
    el.check = (_source, _dpi, { signal }) => {
      signals.push(signal!);
      return new Promise(() => undefined);
    };
    void el.run();
    el.source = async () => page();
    await el.updateComplete;
    expect(signals[0].aborted).to.equal(true);
    void el.run();
    el.remove();
    expect(signals[1].aborted).to.equal(true);
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
