// The production build gives utif2 fflate's inflate in place of pako (src/pako-inflate-raw.ts,
// vite.config.ts). These tests pin down that the swap decodes what pako decodes: raw DEFLATE
// streams of any content, and the Deflate-compressed TIFF fixtures through utif2 itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { importTypeScript } from '../support/import-ts.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pako = createRequire(path.join(root, 'node_modules/utif2/package.json'))('pako');
const shim = path.join(root, 'src/pako-inflate-raw.ts');

/** utif2 bundled as the app bundles it: `pako` is the shim, or (for reference) pako itself. */
const utifWith = (withShim) =>
  importTypeScript(["export { default } from 'utif2';"], {
    plugins: withShim ? [{ name: 'kofu-pako-shim', setup: (build) => build.onResolve({ filter: /^pako$/ }, () => ({ path: shim })) }] : [],
  }).then((module) => module.default);

test('inflateRaw returns what pako.inflateRaw returns for any raw DEFLATE stream', async () => {
  const { inflateRaw } = await importTypeScript(["export { inflateRaw } from './src/pako-inflate-raw.ts';"]);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 0, max: 9 }), fc.boolean(), (bytes, level, repetitive) => {
      // Repetitive input exercises back-references and dynamic Huffman tables, random input stored blocks.
      const input = repetitive ? Uint8Array.from({ length: bytes.length * 4 }, (_, i) => bytes[i % Math.max(1, bytes.length >> 3)] ?? 0) : bytes;
      const stream = deflateRawSync(input, { level });
      assert.deepEqual(inflateRaw(stream), input);
      assert.deepEqual(inflateRaw(stream), pako.inflateRaw(stream));
    }),
    { numRuns: 200 },
  );
});

test('inflateRaw throws on a truncated stream instead of returning part of it', async () => {
  const { inflateRaw } = await importTypeScript(["export { inflateRaw } from './src/pako-inflate-raw.ts';"]);
  const stream = deflateRawSync(Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) & 0xff));
  assert.throws(() => inflateRaw(stream.subarray(0, stream.length >> 1)));
});

test('utif2 with the shim decodes the Deflate TIFF fixtures to the pixels pako gives, and to those of the uncompressed files', async () => {
  const [shimmed, reference] = await Promise.all([utifWith(true), utifWith(false)]);
  const rgba = (UTIF, bytes) => {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const [ifd] = UTIF.decode(buffer);
    UTIF.decodeImage(buffer, ifd);
    return UTIF.toRGBA8(ifd);
  };
  for (const kind of ['grey', 'rgb']) {
    const deflate = new Uint8Array(await readFile(path.join(root, `tests/vectors/tiff/${kind}-deflate.tif`)));
    const none = new Uint8Array(await readFile(path.join(root, `tests/vectors/tiff/${kind}-none.tif`)));
    const pixels = rgba(shimmed, deflate);
    assert.equal(pixels.length, 40 * 30 * 4, `${kind}: 40 × 30 RGBA`);
    assert.deepEqual(pixels, rgba(reference, deflate), `${kind}: the shim and pako give the same pixels`);
    assert.deepEqual(pixels, rgba(shimmed, none), `${kind}: the Deflate file decodes to the uncompressed file's pixels`);
  }
});
