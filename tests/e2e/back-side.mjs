// Certificate backs for the verifier's e2e tests, made in Node from the same fixture code the unit
// tests use (src/verify/testing/back-side.ts, bundled with esbuild): a real demo seal, the
// carrier and the QR locator on an A4 page at 300 dpi, written as a grey PNG.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { encodePng } from '../support/png.mjs';

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
