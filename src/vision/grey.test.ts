import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { AbortedError, ByteFormatError } from '../bytes/errors.ts';
import { greyToRgba, rgbaToGrey, rgbaToGreyReference } from './grey.ts';

const image = (width: number, height: number) =>
  fc.uint8Array({ minLength: width * height * 4, maxLength: width * height * 4 }).map((data) => ({ width, height, data }));

describe('vision/grey', () => {
  it('agrees with the floating-point reference within one level on any image', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 17 }).chain((w) => fc.integer({ min: 1, max: 9 }).chain((h) => image(w, h))), ({ width, height, data }) => {
        const fast = rgbaToGrey(data, width, height).data;
        const slow = rgbaToGreyReference(data, width, height).data;
        return fast.every((value, i) => Math.abs(value - slow[i]) <= 1);
      }),
    );
  });

  it('gives the same levels from 32-bit words as from bytes (an aligned and an unaligned copy of one image)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 17 }).chain((w) => fc.integer({ min: 1, max: 9 }).chain((h) => image(w, h))), ({ width, height, data }) => {
        const aligned = new Uint8ClampedArray(data);
        const unaligned = new Uint8ClampedArray(new ArrayBuffer(data.length + 1), 1, data.length);
        unaligned.set(data);
        const a = rgbaToGrey(aligned, width, height).data;
        const b = rgbaToGrey(unaligned, width, height).data;
        return a.every((value, i) => value === b[i]);
      }),
    );
  });

  it('keeps black, white and pure primaries at their BT.601 levels', () => {
    const rgba = new Uint8Array([0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]);
    expect([...rgbaToGrey(rgba, 5, 1).data]).to.deep.equal([0, 255, 76, 150, 29]);
  });

  it('reports progress up to 1 and can be cancelled', () => {
    const rgba = new Uint8Array(8 * 100 * 4);
    const seen: number[] = [];
    rgbaToGrey(rgba, 8, 100, { onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).to.equal(1);
    expect(seen.length).to.be.within(2, 21);
    const controller = new AbortController();
    controller.abort();
    expect(() => rgbaToGrey(rgba, 8, 100, { signal: controller.signal })).to.throw(AbortedError);
  });

  it('rejects data whose length does not match the size', () => {
    expect(() => rgbaToGrey(new Uint8Array(15), 2, 2)).to.throw(ByteFormatError);
    expect(() => rgbaToGrey(new Uint8Array(0), 0, 0)).to.throw(ByteFormatError);
  });

  it('expands grey back to opaque RGBA', () => {
    expect([...greyToRgba({ width: 2, height: 1, data: new Uint8Array([7, 200]) })]).to.deep.equal([7, 7, 7, 255, 200, 200, 200, 255]);
  });
});
