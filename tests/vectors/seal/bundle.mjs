// Loads kofu's seal domain (TypeScript, no DOM) into Node through an esbuild bundle, for the
// vector generator and the Node interop tests. Node 20 cannot import .ts itself.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function loadSeal() {
  const result = await esbuild.build({
    stdin: {
      contents: [
        "export * from './src/seal/index.ts';",
        "export * from './src/seal/cose.ts';",
        "export * from './src/seal/testing/fixtures.ts';",
        "export * from './src/seal/testing/setup.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    // qrcode is CommonJS and requires Node built-ins at load time.
    banner: { js: "import { createRequire as __kofuCreateRequire } from 'node:module'; const require = __kofuCreateRequire(import.meta.url);" },
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'kofu-seal-'));
  const file = path.join(dir, 'seal.mjs');
  writeFileSync(file, result.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
