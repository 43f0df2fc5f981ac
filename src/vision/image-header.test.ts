import { expect } from '@open-wc/testing';
import { KofuError } from '../bytes/errors.ts';
import { imageSizeFromHeader } from './image-header.ts';
import { readImageFile } from './input.ts';
import { describeError } from '../ui/shared/error-messages.ts';

/** CRC-32 of PNG chunks (ISO/IEC 15948 Annex D): reflected polynomial 0xEDB88320. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A real PNG from the browser's encoder, with its IHDR rewritten to `width` × `height` (CRC fixed up). */
async function pngDeclaring(width: number, height: number): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(4, 4);
  canvas.getContext('2d')!.fillRect(0, 0, 2, 2);
  const png = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  const view = new DataView(png.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  view.setUint32(29, crc32(png.subarray(12, 29))); // CRC over type + data of IHDR (13 bytes)
  return png;
}

describe('vision/image-header', () => {
  it('reads width and height from a PNG IHDR and a JPEG frame header', async () => {
    expect(imageSizeFromHeader(await pngDeclaring(30000, 20000))).to.deep.equal({ width: 30000, height: 20000 });
    // SOI, APP0 (JFIF, 16 bytes), SOF0: length 17, precision 8, Y = 0x0C80 (3200), X = 0x0960 (2400).
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x0c, 0x80, 0x09, 0x60, 3]);
    expect(imageSizeFromHeader(jpeg)).to.deep.equal({ width: 2400, height: 3200 });
    expect(imageSizeFromHeader(new TextEncoder().encode('GIF89a'))).to.equal(undefined);
  });

  it('says "too many pixels" for a 30000 × 30000 PNG instead of "cannot be read"', async () => {
    const file = new Blob([(await pngDeclaring(30000, 30000)).slice().buffer], { type: 'image/png' });
    const error = await readImageFile(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(KofuError);
    expect((error as KofuError).code).to.equal('vision.too-many-pixels');
    expect(describeError(error, 'en')).to.contain('900 megapixels');
  });
});
