import { expect } from '@open-wc/testing';
import { AbortedError, KofuError } from '../bytes/errors.ts';
import { pdfWithRectangles } from '../vision/testing/hostile-pdf.ts';
import { pdfPageBridge, renderPdfBackPageInWorker } from './pdf-page.ts';
import { describeError } from '../ui/shared/error-messages.ts';

async function outcome(promise: Promise<unknown>): Promise<{ error: unknown; seconds: number }> {
  const started = performance.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, seconds: (performance.now() - started) / 1000 };
}

describe('app/pdf-page: the back page in a worker that Cancel terminates', function () {
  this.timeout(60_000);
  let hostile: Blob;
  before(async () => {
    hostile = new Blob([(await pdfWithRectangles(2_000_000)).slice()], { type: 'application/pdf' });
  });

  it('refuses a back page of 2,000,000 rectangles by its operator count, within seconds', async () => {
    const { error, seconds } = await outcome(renderPdfBackPageInWorker(hostile));
    expect((error as KofuError).code, String(error)).to.equal('vision.pdf-too-complex');
    expect(seconds).to.be.below(8);
  });

  it('ends the work at once on Cancel (the worker is terminated), and the next PDF gets a fresh worker', async () => {
    const started = pdfPageBridge().workersStarted;
    const cancel = new AbortController();
    const pending = outcome(renderPdfBackPageInWorker(hostile, { signal: cancel.signal, maxOperators: Infinity, deadlineMs: 60_000 }));
    await new Promise((resolve) => setTimeout(resolve, 800));
    const cancelledAt = performance.now();
    cancel.abort();
    const { error } = await pending;
    expect(error).to.be.instanceOf(AbortedError);
    expect(performance.now() - cancelledAt, 'ms from Cancel to the refusal').to.be.below(250);
    const page = await renderPdfBackPageInWorker(new Blob([(await pdfWithRectangles(10)).slice()]), { dpi: 72 });
    expect([page.width, page.height]).to.deep.equal([595, 842]);
    expect(pdfPageBridge().workersStarted).to.be.greaterThan(started);
  });

  it('stops a page that takes longer than the deadline and says so', async () => {
    const { error, seconds } = await outcome(renderPdfBackPageInWorker(hostile, { maxOperators: Infinity, deadlineMs: 1_000 }));
    expect((error as KofuError).code, String(error)).to.equal('vision.pdf-too-slow');
    expect(describeError(error, 'ja')).to.contain('1秒以内');
    expect(seconds).to.be.below(3);
  });
});
