import { expect } from '@open-wc/testing';
import { renderLatentLineScreen } from '../patterns/latent-line.ts';
import { AbortedError, paperCheckBridge, paperSource, runPaperCheck, type PaperProgress } from './paper-check.ts';

/** A white 300 dpi page (1200 × 1500 px) with the 30 mm latent emblem at (600, 800). */
function emblemPage(): ImageData {
  const [width, height] = [1200, 1500];
  const image = new ImageData(width, height);
  image.data.fill(255);
  const emblem = renderLatentLineScreen({ widthMm: 30, heightMm: 30 }, 300);
  for (let y = 0; y < emblem.height; y++) {
    for (let x = 0; x < emblem.width; x++) {
      const at = 4 * ((800 + y) * width + 600 + x);
      image.data.fill(emblem.data[y * emblem.width + x], at, at + 3);
    }
  }
  return image;
}

describe('paper check sources', () => {
  it('keeps a camera frame that the verification transfers away', async () => {
    const frame = new ImageData(new Uint8ClampedArray(4 * 4 * 4).fill(77), 4, 4);
    const source = paperSource({ kind: 'frame', frame });
    // What verifyPixels does to the frame's pixels: transfer them to the worker.
    structuredClone(frame.data, { transfer: [frame.data.buffer] });
    expect(frame.data.length).to.equal(0);
    const again = await source();
    expect([again.width, again.height, again.data[0]]).to.deep.equal([4, 4, 77]);
    // Each call gives pixels the caller may transfer in turn.
    expect((await source()).data).to.not.equal(again.data);
  });

  it('reads a file again when asked', async () => {
    const canvas = new OffscreenCanvas(3, 2);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#000';
    context.fillRect(0, 0, 3, 2);
    const file = new File([await canvas.convertToBlob({ type: 'image/png' })], 'back.png', { type: 'image/png' });
    const image = await paperSource({ kind: 'file', file })();
    expect([image.width, image.height]).to.deep.equal([3, 2]);
  });

  it('checks in its own worker, reading the page first, with steps in order and a fraction that grows to 1', async function () {
    this.timeout(60_000);
    const heard: PaperProgress[] = [];
    const result = await runPaperCheck(async () => emblemPage(), 300, { onProgress: (p) => heard.push(p) });
    expect(result.latent.found).to.equal(true);
    expect(result.latent.view!.data.length).to.be.above(0);
    expect([...new Set(heard.map((p) => p.step))]).to.deep.equal(['read', 'locate', 'reveal', 'originality']);
    for (let i = 1; i < heard.length; i++) expect(heard[i].fraction).to.be.at.least(heard[i - 1].fraction);
    expect(heard.at(-1)!.fraction).to.equal(1);
    paperCheckBridge().terminate();
  });

  it('cancel terminates the worker mid-check; the next check runs in a fresh one', async function () {
    this.timeout(60_000);
    const bridge = paperCheckBridge();
    const started = bridge.workersStarted;
    const controller = new AbortController();
    let failure: unknown;
    // Abort at the first report from the search: the worker is then certainly inside checkPaper.
    await runPaperCheck(async () => emblemPage(), 300, { signal: controller.signal, onProgress: (p) => p.step === 'locate' && controller.abort() }).catch((error) => (failure = error));
    expect(failure).to.be.instanceOf(AbortedError);
    const again = await runPaperCheck(async () => emblemPage(), 300);
    expect(again.latent.found).to.equal(true);
    expect(bridge.workersStarted - started).to.equal(2);
    bridge.terminate();
  });

  it('does not read the page when already cancelled', async () => {
    let read = false;
    const failure = await runPaperCheck(async () => ((read = true), emblemPage()), 300, { signal: AbortSignal.abort() }).catch((error) => error);
    expect(failure).to.be.instanceOf(AbortedError);
    expect(read).to.equal(false);
  });
});
