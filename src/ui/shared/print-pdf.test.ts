import { expect } from '@open-wc/testing';
import { printPdf, removePrintFrames } from './print-pdf.ts';

const pdfUrl = () => URL.createObjectURL(new Blob(['%PDF-1.7 test'], { type: 'application/pdf' }));

/** Replaces the frames' window getter for one test: `frameWindow` decides what print() does. */
function withFrameWindow(patch: (frameWindow: Window, frame: HTMLIFrameElement) => void): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow')!;
  Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
    configurable: true,
    get(this: HTMLIFrameElement) {
      const frameWindow = descriptor.get!.call(this) as Window | null;
      if (frameWindow) patch(frameWindow, this);
      return frameWindow;
    },
  });
  return () => Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', descriptor);
}

describe('printPdf', () => {
  it('prints the PDF from a hidden frame of the page, once it has loaded', async () => {
    const url = pdfUrl();
    const printed: string[] = [];
    const restore = withFrameWindow((w, frame) => (w.print = () => printed.push(frame.src)));
    const host = document.createElement('div');
    document.body.append(host);
    try {
      await printPdf(url, host);
      expect(printed).to.deep.equal([url]);
      const frame = host.querySelector('iframe[data-print-frame]') as HTMLIFrameElement;
      expect(frame.getAttribute('aria-hidden')).to.equal('true');
      expect(frame.tabIndex).to.equal(-1);
      expect(getComputedStyle(frame).visibility).to.equal('hidden');
      expect(getComputedStyle(frame).display, 'rendered, or the PDF viewer prints blank').to.not.equal('none');
      removePrintFrames(host);
      expect(host.querySelector('iframe')).to.equal(null);
    } finally {
      restore();
      host.remove();
      URL.revokeObjectURL(url);
    }
  });

  it('opens the PDF in a new tab when the frame cannot print', async () => {
    const url = pdfUrl();
    const restore = withFrameWindow((w) => {
      w.print = () => {
        throw new DOMException('blocked', 'SecurityError');
      };
    });
    const opened: unknown[][] = [];
    const open = window.open;
    window.open = (...args: unknown[]) => {
      opened.push(args);
      return null;
    };
    const host = document.createElement('div');
    document.body.append(host);
    try {
      await printPdf(url, host);
      expect(opened).to.deep.equal([[url, '_blank', 'noopener']]);
    } finally {
      window.open = open;
      restore();
      host.remove();
      URL.revokeObjectURL(url);
    }
  });
});
