import { expect } from '@open-wc/testing';
import { paperSource } from './paper-check.ts';

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
});
