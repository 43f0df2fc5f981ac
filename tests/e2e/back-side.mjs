// Certificate backs for the verifier's e2e tests, made in Node from the same fixture code the unit
// tests use (src/verify/testing/back-side.ts, bundled with esbuild): a real demo seal, the
// carrier and the QR locator on an A4 page at 300 dpi, written as a grey PNG.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTypeScript } from '../support/import-ts.mjs';
import { encodePng } from '../support/png.mjs';
import { encodeTiff } from '../support/tiff.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

let loaded;
async function fixture() {
  loaded ??= (async () => {
    const module = await importTypeScript(["export * from './src/verify/testing/back-side.ts';", "export { parseFont } from './src/render/font.ts';", "export { renderLatentLineScreen } from './src/patterns/latent-line.ts';"]);
    const fontBytes = new Uint8Array(await readFile(path.join(root, 'node_modules/@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf')));
    module.useFont(async () => module.parseFont(fontBytes));
    return module;
  })();
  return loaded;
}

/** An 8-bit greyscale PNG (colour type 0). */
export function greyPng({ data, width, height }) {
  return encodePng(data, width, height, 1);
}

/**
 * A PNG of a certificate's back. `forged`: one bit of the seal's signature flipped before the
 * carrier is encoded (a structurally perfect seal whose signature fails).
 */
export async function backSidePng({ serial = 7, forged = false } = {}) {
  const f = await fixture();
  const issued = await f.issueDemo(serial, 0, forged ? f.flipSignatureBit : undefined);
  return { png: greyPng(f.backPage(issued)), locatorText: issued.locatorText };
}

/**
 * A certificate's back as a flatbed scanner saves a duplex scan: a TIFF (PackBits, 300 dpi) whose
 * first page is the blank front of the sheet and whose second page is the back.
 */
export async function backSideTiff({ serial = 7 } = {}) {
  const f = await fixture();
  const issued = await f.issueDemo(serial, 0);
  const back = f.backPage(issued);
  const front = { width: back.width, height: back.height, channels: 1, data: new Uint8Array(back.width * back.height).fill(255) };
  const tiff = encodeTiff([front, { width: back.width, height: back.height, channels: 1, data: back.data }], { compression: 'packbits' });
  return { tiff: Buffer.from(tiff.buffer, tiff.byteOffset, tiff.byteLength), locatorText: issued.locatorText };
}

/** Where the latent emblem goes on the generated back (mm): the free bottom-right corner, clear of the carrier and the QR. */
export const EMBLEM_BOX = { x: 150, y: 240, size: 30 };

/**
 * A back with the latent emblem (src/patterns/latent-line.ts, 30 mm, drawn at 300 dpi) composed
 * into the free corner — a stand-in until the real PDF's back layout carries it. `mark: false`
 * draws the same line screen without the hidden 証 (the control).
 */
export async function backSideWithEmblemPng({ serial = 7, mark = true } = {}) {
  const f = await fixture();
  const issued = await f.issueDemo(serial, 0);
  const back = f.backPage(issued);
  const emblem = f.renderLatentLineScreen({ widthMm: EMBLEM_BOX.size, heightMm: EMBLEM_BOX.size, withMark: mark }, f.PAGE_DPI);
  const [ox, oy] = [EMBLEM_BOX.x, EMBLEM_BOX.y].map((mm) => Math.round((mm / 25.4) * f.PAGE_DPI));
  for (let y = 0; y < emblem.height; y++) back.data.set(emblem.data.subarray(y * emblem.width, (y + 1) * emblem.width), (oy + y) * back.width + ox);
  return { png: greyPng(back), locatorText: issued.locatorText };
}
