// Certificate backs for the verifier's e2e tests, made in Node from the same fixture code the unit
// tests use (src/verify/testing/back-side.ts, bundled with esbuild): a real demo seal, the
// carrier and the QR locator on an A4 page at 300 dpi, written as a grey PNG.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Vite `?url` imports have no meaning in Node: the fixture passes the font in itself. */
const urlStub = {
  name: 'url-stub',
  setup(build) {
    build.onResolve({ filter: /\?url$/ }, (args) => ({ path: args.path, namespace: 'url-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'url-stub' }, () => ({ contents: 'export default "";', loader: 'js' }));
  },
};

let loaded;
async function fixture() {
  loaded ??= (async () => {
    const result = await esbuild.build({
      stdin: {
        contents: `export * from './src/verify/testing/back-side.ts'; export { parseFont } from './src/render/font.ts';`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      plugins: [urlStub],
      // CommonJS dependencies (qrcode) call require(); give the ES module bundle one.
      banner: { js: "import { createRequire as kofuCreateRequire } from 'node:module'; const require = kofuCreateRequire(import.meta.url);" },
      logLevel: 'silent',
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'kofu-back-'));
    const file = path.join(dir, 'back-side.mjs');
    await writeFile(file, result.outputFiles[0].text);
    const module = await import(pathToFileURL(file).href);
    const fontBytes = new Uint8Array(await readFile(path.join(root, 'node_modules/@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf')));
    module.useFont(async () => module.parseFont(fontBytes));
    return module;
  })();
  return loaded;
}

/** An 8-bit greyscale PNG (colour type 0). */
export function greyPng({ data, width, height }) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, body) => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const out = Buffer.alloc(8 + body.length + 4);
    out.writeUInt32BE(body.length, 0);
    typed.copy(out, 4);
    out.writeUInt32BE(crc(typed), 8 + body.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
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
