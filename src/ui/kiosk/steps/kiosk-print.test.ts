import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import type { IssuedCopy } from '../../../app/kiosk-session.ts';
import './kiosk-print.ts';
import type { KofuKioskPrint } from './kiosk-print.ts';

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7 ${text}`);
const logged = (serial: number) => ({ serial, issuer: 992011, signerKid: new Uint8Array(8), sealHash: new Uint8Array(32), fee: 200 });
const COPIES: IssuedCopy[] = [
  { serial: '992011-000001', pdf: pdf('one'), fileName: 'kofu-juminhyo-992011-000001.pdf', sheets: 1, logged: logged(1) },
  { serial: '992011-000002', pdf: pdf('two'), fileName: 'kofu-juminhyo-992011-000002.pdf', sheets: 1, logged: logged(2) },
];

const links = (el: KofuKioskPrint, action: string) => [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement & HTMLButtonElement>(`[data-action="${action}"]`)];

describe('<kofu-kiosk-print>', () => {
  afterEach(() => fixtureCleanup());

  it('in demo mode offers each copy as a PDF to print and to download, by serial, with the fee, the print settings and the demo note', async () => {
    const el = await fixture<KofuKioskPrint>(html`<kofu-kiosk-print .copies=${COPIES} .fee=${400} .demo=${true} .demoMode=${true}></kofu-kiosk-print>`);
    expect(el.shadowRoot!.textContent).to.include('発行番号 992011-000002');
    expect(el.shadowRoot!.querySelector('[data-fee]')!.textContent).to.include('手数料 400円').and.include('お店のレジでお支払いください');
    expect(el.shadowRoot!.querySelector('[data-card-still-in]'), 'no card warning once the card is taken').to.equal(null);
    expect(el.shadowRoot!.textContent).to.include('A4').and.include('100%').and.include('長辺とじ');
    expect(el.shadowRoot!.querySelector('.demo')!.textContent).to.include('効力はありません');
    const downloads = links(el, 'download');
    expect(downloads.map((a) => a.download)).to.deep.equal(COPIES.map((c) => c.fileName));
    expect(links(el, 'print')[1].dataset.url).to.equal(downloads[1].href);
    const response = await fetch(downloads[1].href);
    expect(response.headers.get('content-type')).to.equal('application/pdf');
    expect(await response.text()).to.equal('%PDF-1.7 two');
  });

  it('outside demo mode offers no PDFを保存: a store tablet keeps no certificate in its downloads', async () => {
    const el = await fixture<KofuKioskPrint>(html`<kofu-kiosk-print .copies=${COPIES} .fee=${400}></kofu-kiosk-print>`);
    expect(links(el, 'download')).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('a[download]')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.not.include('PDFを保存');
    // Printing is offered as before, from the copy's blob URL.
    const prints = links(el, 'print');
    expect(prints.map((b) => b.disabled)).to.deep.equal([false, false]);
    expect(await (await fetch(prints[0].dataset.url!)).text()).to.equal('%PDF-1.7 one');
  });

  it('「印刷」 loads that copy’s PDF into a hidden frame and opens the print dialog of the frame', async () => {
    const printed: string[] = [];
    const descriptor = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!;
    // Headless Chromium has no print dialog: record the call on the frame's window instead.
    Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
      configurable: true,
      get(this: HTMLIFrameElement) {
        const frameWindow = descriptor.get!.call(this) as Window | null;
        if (frameWindow) frameWindow.print = () => printed.push(this.src);
        return frameWindow;
      },
    });
    try {
      const el = await fixture<KofuKioskPrint>(html`<kofu-kiosk-print .copies=${COPIES}></kofu-kiosk-print>`);
      const url = links(el, 'print')[1].dataset.url!;
      links(el, 'print')[1].click();
      const frame = el.shadowRoot!.querySelector<HTMLIFrameElement>('iframe[data-print-frame]')!;
      expect(frame.src).to.equal(url);
      expect(frame.getAttribute('aria-hidden')).to.equal('true');
      await oneEvent(frame, 'load');
      await new Promise((resolve) => setTimeout(resolve));
      expect(printed).to.deep.equal([url]);
      links(el, 'print')[0].click();
      expect(el.shadowRoot!.querySelectorAll('iframe[data-print-frame]').length, 'one frame at a time').to.equal(1);
      el.remove();
      expect(el.shadowRoot!.querySelector('iframe[data-print-frame]'), 'the frame leaves with the screen').to.equal(null);
    } finally {
      Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', descriptor);
    }
  });

  it('revokes the blob URLs when the screen leaves the page', async () => {
    const el = await fixture<KofuKioskPrint>(html`<kofu-kiosk-print .copies=${COPIES}></kofu-kiosk-print>`);
    const url = links(el, 'print')[0].dataset.url!;
    expect((await fetch(url)).ok).to.equal(true);
    el.remove();
    let fetched = true;
    try {
      await fetch(url);
    } catch {
      fetched = false;
    }
    expect(fetched, 'a revoked blob URL no longer loads').to.equal(false);
  });

  it('「終了」 fires kofu-kiosk-finish', async () => {
    const el = await fixture<KofuKioskPrint>(html`<kofu-kiosk-print .copies=${COPIES}></kofu-kiosk-print>`);
    const finished = oneEvent(el, 'kofu-kiosk-finish');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="finish"]')!.click();
    expect((await finished).detail).to.equal(null);
  });

  describe('「用紙は出てきましたか」', () => {
    /** No print dialog in these tests: 印刷 only loads the frame. */
    const press = async (el: KofuKioskPrint, index: number) => {
      links(el, 'print')[index].click();
      await el.updateComplete;
    };

    it('asks after 印刷, for that copy only; はい and 出てこない fire kofu-kiosk-sheet with the serial', async () => {
      const el = await fixture<KofuKioskPrint>(html`<kofu-kiosk-print .copies=${COPIES} .fee=${400}></kofu-kiosk-print>`);
      expect(el.shadowRoot!.querySelector('[data-paper]'), 'not before 印刷').to.equal(null);
      await press(el, 1);
      const question = el.shadowRoot!.querySelectorAll<HTMLElement>('[data-paper]');
      expect([...question].map((q) => q.dataset.paper)).to.deep.equal(['992011-000002']);
      expect(question[0].textContent).to.include('用紙は出てきましたか');
      const no = oneEvent(el, 'kofu-kiosk-sheet');
      question[0].querySelector<HTMLButtonElement>('[data-action="paper-no"]')!.click();
      expect((await no).detail).to.deep.equal({ serial: '992011-000002', printed: false });
      const yes = oneEvent(el, 'kofu-kiosk-sheet');
      question[0].querySelector<HTMLButtonElement>('[data-action="paper-yes"]')!.click();
      expect((await yes).detail).to.deep.equal({ serial: '992011-000002', printed: true });
      await expect(el).to.be.accessible();
    });

    it('a printed copy says so and is not offered for printing again (one request, one valid sheet)', async () => {
      const el = await fixture<KofuKioskPrint>(html`<kofu-kiosk-print .copies=${COPIES} .printed=${['992011-000001']}></kofu-kiosk-print>`);
      const rows = el.shadowRoot!.querySelectorAll<HTMLElement>('[data-copy]');
      expect(rows[0].querySelector('[data-printed]')!.textContent).to.include('印刷済み');
      expect(links(el, 'print')[0].disabled).to.equal(true);
      expect(links(el, 'print')[1].disabled).to.equal(false);
      expect(rows[1].querySelector('[data-printed]')).to.equal(null);
    });

    it('says again to take the card while it is still on the reader', async () => {
      const el = await fixture<KofuKioskPrint>(html`<kofu-kiosk-print .copies=${COPIES} cardStillIn></kofu-kiosk-print>`);
      expect(el.shadowRoot!.querySelector('[data-card-still-in][role="alert"]')!.textContent).to.include('カードがカードリーダーに残っています');
    });
  });
});
