// Loads kofu's own TypeScript modules into Node (which cannot import .ts) through one esbuild
// bundle: for the interop tests, the vector generator and the e2e fixtures that need kofu's
// encoder or decoder on the Node side. Only DOM-free modules work here.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Vite `?url` asset imports have no meaning in Node: they become empty strings. */
const assetUrlStub = {
  name: 'kofu-asset-url-stub',
  setup(build) {
    build.onResolve({ filter: /\?url$/ }, (args) => ({ path: args.path, namespace: 'kofu-asset-url' }));
    build.onLoad({ filter: /.*/, namespace: 'kofu-asset-url' }, () => ({ contents: 'export default "";', loader: 'js' }));
  },
};

// CommonJS dependencies bundled into an ES module (qrcode, jsPDF's helpers) call require().
const requireBanner = "import { createRequire as __kofuCreateRequire } from 'node:module'; const require = __kofuCreateRequire(import.meta.url);";

/**
 * Bundles `exportLines` (e.g. `"export { verifySeal } from './src/seal/seal.ts';"`, paths from the
 * repository root) and imports the result.
 * @param {string[]} exportLines
 * @param {{ external?: string[], plugins?: import('esbuild').Plugin[] }} [options] packages left out
 *   of the bundle (never loaded in tests); esbuild plugins run before the `?url` stub
 */
export async function importTypeScript(exportLines, { external = [], plugins = [] } = {}) {
  const result = await esbuild.build({
    stdin: { contents: exportLines.join('\n'), resolveDir: root, loader: 'ts', sourcefile: 'kofu-node-entry.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    external,
    plugins: [...plugins, assetUrlStub],
    banner: { js: requireBanner },
  });
  // Inside node_modules, so that a require() of anything left external resolves as in the app.
  const dir = mkdtempSync(path.join(root, 'node_modules', '.kofu-node-'));
  const file = path.join(dir, 'bundle.mjs');
  writeFileSync(file, result.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
