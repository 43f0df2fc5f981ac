// Loads kofu's seal domain (TypeScript, no DOM) into Node, for the vector generator and the Node
// interop tests.
import { importTypeScript } from '../../support/import-ts.mjs';

export function loadSeal() {
  return importTypeScript([
    "export * from './src/seal/index.ts';",
    "export * from './src/seal/cose.ts';",
    "export * from './src/seal/testing/fixtures.ts';",
    "export * from './src/seal/testing/setup.ts';",
  ]);
}
