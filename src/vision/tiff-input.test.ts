import { expect } from '@open-wc/testing';
import { encodeTiff } from '../../tests/support/tiff.mjs';
import { KofuError } from '../bytes/errors.ts';
import { MAX_INPUT_BYTES } from './input.ts';
import { isTiffFile, looksLikeTiff, openTiff, readTiffPages } from './tiff-input.ts';
import { refusal } from '../bytes/testing/refusal.ts';
import { describeError } from '../ui/shared/error-messages.ts';

// The fixtures of tests/vectors/tiff/ (made by its make.sh): 40 × 30, four known quadrants.
const W = 40;
const H = 30;
const QUADRANTS = [
  [5, 5],
  [35, 5],
  [5, 25],
  [35, 25],
] as const;
const COLOURS = [
  [255, 0, 0, 255],
  [0, 255, 0, 255],
  [0, 0, 255, 255],
  [255, 255, 255, 255],
];
const GREYS = [0, 85, 170, 255].map((v) => [v, v, v, 255]);

async function fixture(name: string): Promise<File> {
  const response = await fetch(new URL(`../../tests/vectors/tiff/${name}`, import.meta.url));
  expect(response.ok, name).to.equal(true);
  return new File([await response.blob()], name, { type: 'image/tiff' });
}

function pixel(image: ImageData, x: number, y: number): number[] {
  const at = (y * image.width + x) * 4;
  return [...image.data.subarray(at, at + 4)];
}

function quadrants(image: ImageData): number[][] {
  return QUADRANTS.map(([x, y]) => pixel(image, x, y));
}


function tiffBlob(bytes: Uint8Array, name = 'scan.tif'): File {
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'image/tiff' });
}

describe('vision/tiff-input', () => {
  it('tells a TIFF by its type, its name, or its header', () => {
    expect(isTiffFile({ type: 'image/tiff', name: 'scan' })).to.equal(true);
    expect(isTiffFile({ type: '', name: 'SCAN0001.TIF' })).to.equal(true);
    expect(isTiffFile({ type: '', name: 'scan.tiff' })).to.equal(true);
    expect(isTiffFile({ type: 'image/png', name: 'scan.png' })).to.equal(false);
    expect(looksLikeTiff(Uint8Array.of(0x49, 0x49, 42, 0, 8, 0, 0, 0))).to.equal(true);
    expect(looksLikeTiff(Uint8Array.of(0x4d, 0x4d, 0, 42, 0, 0, 0, 8))).to.equal(true);
    expect(looksLikeTiff(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10))).to.equal(false);
  });

  for (const coding of ['none', 'lzw', 'packbits', 'deflate']) {
    it(`decodes 8-bit RGB, ${coding}`, async () => {
      const tiff = await openTiff(await fixture(`rgb-${coding}.tif`));
      expect(tiff.pages.map((p) => [p.width, p.height])).to.deep.equal([[W, H]]);
      expect(quadrants(tiff.decodePage(0))).to.deep.equal(COLOURS);
    });

    it(`decodes 8-bit grey, ${coding}`, async () => {
      const tiff = await openTiff(await fixture(`grey-${coding}.tif`));
      expect(quadrants(tiff.decodePage(0))).to.deep.equal(GREYS);
    });
  }

  it('decodes RGBA (LZW), alpha kept', async () => {
    const image = (await openTiff(await fixture('rgba-lzw.tif'))).decodePage(0);
    expect(pixel(image, 5, 5)).to.deep.equal([255, 0, 0, 255]);
    expect(pixel(image, 35, 25)).to.deep.equal([255, 255, 255, 128]);
  });

  for (const coding of ['none', 'g4']) {
    it(`decodes 1-bit bilevel, ${coding === 'g4' ? 'CCITT Group 4' : 'uncompressed'}`, async () => {
      const image = (await openTiff(await fixture(`bilevel-${coding}.tif`))).decodePage(0);
      expect([image.width, image.height]).to.deep.equal([W, H]);
      for (let y = 0; y < H; y += 7) {
        expect(pixel(image, 3, y), `left, row ${y}`).to.deep.equal([0, 0, 0, 255]);
        expect(pixel(image, 36, y), `right, row ${y}`).to.deep.equal([255, 255, 255, 255]);
      }
    });
  }

  it('lists every page of a multi-page TIFF and decodes each on demand, afresh', async () => {
    const tiff = await openTiff(await fixture('two-pages.tif'));
    expect(tiff.pages).to.have.length(2);
    expect(quadrants(tiff.decodePage(0))).to.deep.equal(GREYS);
    const colour = tiff.decodePage(1);
    expect(quadrants(colour)).to.deep.equal(COLOURS);
    colour.data.fill(0);
    expect(quadrants(tiff.decodePage(1)), 'a second call is a new copy').to.deep.equal(COLOURS);
  });

  it('reads what the test encoder writes: PackBits, several pages, a thumbnail skipped', async () => {
    const page = (value: number, subfileType = 0) => ({ width: 300, height: 4, channels: 1, data: new Uint8Array(1200).fill(value), subfileType });
    const bytes = encodeTiff([page(10, 1), page(20), page(30)], { compression: 'packbits' });
    const tiff = await openTiff(tiffBlob(bytes));
    expect(tiff.pages.map((p) => p.directory)).to.deep.equal([1, 2]);
    expect(pixel(tiff.decodePage(0), 299, 3)).to.deep.equal([20, 20, 20, 255]);
    expect(pixel(tiff.decodePage(1), 0, 0)).to.deep.equal([30, 30, 30, 255]);
  });

  it('refuses an unsupported compression and names it, in Japanese and English', async () => {
    const error = await refusal(async () => openTiff(await fixture('grey-zstd.tif')));
    expect(error.code).to.equal('vision.tiff-unsupported');
    expect(describeError(error, 'ja')).to.contain('Zstandard');
    expect(describeError(error, 'en')).to.contain('compression (Zstandard)');
  });

  it('refuses a file that is not a TIFF, a cut-off one and a looping directory chain as damaged', async () => {
    expect((await refusal(() => readTiffPages(new TextEncoder().encode('not a tiff at all')))).code).to.equal('vision.tiff-corrupt');
    const whole = new Uint8Array(await (await fixture('rgb-lzw.tif')).arrayBuffer());
    expect((await refusal(() => readTiffPages(whole.subarray(0, 40)))).code).to.equal('vision.tiff-corrupt');
    const looping = encodeTiff([{ width: 2, height: 2, channels: 1, data: new Uint8Array(4) }]);
    const view = new DataView(looping.buffer);
    const first = view.getUint32(4, true);
    view.setUint32(first + 2 + view.getUint16(first, true) * 12, first, true); // next IFD = itself
    const error = await refusal(() => readTiffPages(looping));
    expect(error.code).to.equal('vision.tiff-corrupt');
    expect(describeError(error, 'en')).to.contain('loops');
  });

  it('refuses pixel data outside the file before decoding, naming the page', async () => {
    const bytes = encodeTiff([{ width: 64, height: 64, channels: 1, data: new Uint8Array(4096) }], { compression: 'packbits' });
    expect(readTiffPages(bytes)).to.have.length(1);
    // Point the strip past the end of the file.
    const view = new DataView(bytes.buffer);
    const first = view.getUint32(4, true);
    for (let i = 0; i < view.getUint16(first, true); i++) {
      const entry = first + 2 + i * 12;
      if (view.getUint16(entry, true) === 273) view.setUint32(entry + 8, bytes.length - 10, true);
    }
    const error = await refusal(() => openTiff(tiffBlob(bytes)));
    expect(error.code).to.equal('vision.tiff-corrupt');
    expect(describeError(error, 'en')).to.contain('page 1 is cut short');
  });

  it('names page and coding when the decoder fails on a page', async () => {
    // Same directories, but each strip overwritten with bytes that are no Deflate stream.
    const broken = new Uint8Array(await (await fixture('rgb-deflate.tif')).arrayBuffer());
    const view = new DataView(broken.buffer);
    const little = broken[0] === 0x49;
    const first = view.getUint32(4, little);
    for (let i = 0; i < view.getUint16(first, little); i++) {
      const entry = first + 2 + i * 12;
      if (view.getUint16(entry, little) !== 273) continue;
      const count = view.getUint32(entry + 4, little);
      const at = count === 1 ? entry + 8 : view.getUint32(entry + 8, little);
      for (let k = 0; k < count; k++) {
        const strip = view.getUint32(at + 4 * k, little);
        broken.fill(0xff, strip, strip + 16);
      }
    }
    const tiff = await openTiff(tiffBlob(broken));
    const error = await refusal(() => tiff.decodePage(0));
    expect(error.code).to.equal('vision.tiff-corrupt');
    expect(describeError(error, 'en')).to.contain('page 1, Deflate');
    expect(describeError(error, 'ja')).to.contain('1ページ目、Deflate');
  });

  it('keeps the limits of every image input: file size, and pixels per page before decoding', async () => {
    const huge = { size: MAX_INPUT_BYTES + 1, arrayBuffer: () => Promise.reject(new Error('must not be read')) } as unknown as Blob;
    expect((await refusal(() => openTiff(huge))).code).to.equal('vision.file-too-large');
    const wide = encodeTiff([{ width: 10_000, height: 6_000, channels: 1, data: new Uint8Array(0) }]);
    expect((await refusal(() => openTiff(tiffBlob(wide)))).code).to.equal('vision.too-many-pixels');
  });
});
