/**
 * Opens the browser's print dialog for a PDF: the PDF is loaded into a hidden frame of this page
 * (a blob: URL is same-origin with the page that made it, so the frame's window is ours) and that
 * window's `print()` is called once it has loaded, so the browser prints the PDF itself at its own
 * page size, not a screenshot of the screen. The CSP allows exactly this (`frame-src blob:`, in
 * index.html and scripts/serve.mjs). A browser that will not print a PDF frame (the frame's window
 * is out of reach) gets the PDF in a new tab instead, where its own viewer prints it.
 */

/** Frames last until the next print or until their host leaves the page (`removePrintFrames`). */
const FRAME_ATTRIBUTE = 'data-print-frame';

export function printPdf(url: string, parent: Element | DocumentFragment): Promise<void> {
  removePrintFrames(parent);
  const frame = document.createElement('iframe');
  frame.setAttribute(FRAME_ATTRIBUTE, '');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  // Not display:none: a frame that is not rendered does not load its PDF viewer, and prints blank.
  for (const [name, value] of Object.entries({ position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0', visibility: 'hidden' })) {
    frame.style.setProperty(name, value);
  }
  return new Promise((resolve) => {
    frame.addEventListener(
      'load',
      () => {
        try {
          const frameWindow = frame.contentWindow;
          if (!frameWindow) throw new Error('no frame window');
          frameWindow.focus();
          frameWindow.print();
        } catch {
          window.open(url, '_blank', 'noopener');
        }
        resolve();
      },
      { once: true },
    );
    frame.src = url;
    parent.append(frame);
  });
}

export function removePrintFrames(parent: Element | DocumentFragment): void {
  for (const frame of parent.querySelectorAll(`iframe[${FRAME_ATTRIBUTE}]`)) frame.remove();
}
