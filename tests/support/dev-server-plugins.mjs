// The @web/dev-server plugins that let browser code written for Vite run unbundled: TypeScript
// with Lit's legacy decorators, CommonJS packages, and `?url` asset imports. Shared by the unit
// tests (web-test-runner.config.mjs) and the benchmarks (bench/run.mjs).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fileURLToPath } from 'node:url';
import { commonJsAsEsm } from './wtr-cjs-plugin.mjs';
import { assetUrlImports } from './wtr-url-plugin.mjs';

/**
 * pvtsutils (a dependency of @peculiar/x509) points its "browser" field at a CommonJS build whose
 * named exports the CommonJS plugin cannot provide; its ES build sits beside it.
 */
function pvtsutilsAsEsm() {
  return {
    name: 'kofu-pvtsutils-esm',
    serve(context) {
      if (/\/node_modules\/pvtsutils\/build\/index\.js$/.test(context.path)) return { body: "export * from './index.es.js';", type: 'js' };
      return undefined;
    },
  };
}

export function devServerPlugins() {
  return [
    pvtsutilsAsEsm(),
    commonJsAsEsm(['qrcode', 'utif2']),
    assetUrlImports(),
    // The tsconfig must be passed, or esbuild applies standard decorators to Lit's legacy ones.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) }),
  ];
}

// 'production' silences Lit's dev-mode warning; an object here drops the default browser:true.
export const nodeResolve = { exportConditions: ['production'], browser: true };
