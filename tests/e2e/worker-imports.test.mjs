// The workers that read a person's pages load no chunk of the app at run time: in Firefox ESR 153
// a dynamic import() inside a worker was seen to stay pending for ever (about 1 run in 7 of the
// Firefox e2e under load), so that a kofu PDF never got a verdict. PDF.js (workers/pdf-page.worker.ts)
// and zxing-wasm (workers/verify.worker.ts, workers/page-check.worker.ts) are imported statically
// and handed over with providePdfjs / provideQrReader; this checks the built bundles keep it so.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';

const assets = new URL('../../dist/assets/', import.meta.url);

/** A dynamic import of one of the build's own chunks (`import("./reader-….js")`). */
const CHUNK_IMPORT = /import\(\s*[`'"]\.\/[^`'"]+\.m?js[`'"]\s*\)/g;

describe('built workers (dist/assets)', () => {
  for (const worker of ['verify.worker', 'page-check.worker', 'pdf-page.worker']) {
    it(`${worker} imports no chunk at run time`, async () => {
      const files = (await readdir(assets)).filter((name) => name.startsWith(`${worker}-`) && name.endsWith('.js'));
      assert.equal(files.length, 1, `one ${worker} bundle in dist/assets (found ${files.join(', ') || 'none'})`);
      const code = await readFile(new URL(files[0], assets), 'utf8');
      assert.deepEqual(code.match(CHUNK_IMPORT) ?? [], []);
    });
  }
});
