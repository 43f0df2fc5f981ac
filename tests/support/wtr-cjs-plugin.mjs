// Serves CommonJS-only packages (qrcode, …) to the browser as ES modules, bundled once by esbuild.
// Vite converts them itself; @web/dev-server does not.
import * as esbuild from 'esbuild';
import path from 'node:path';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** @param {string[]} packageNames */
export function commonJsAsEsm(packageNames) {
  const isCommonJsPackage = new RegExp(`/node_modules/(${packageNames.map(escapeRegExp).join('|')})/`);
  const bundles = new Map();
  let rootDir = process.cwd();
  return {
    name: 'kofu-commonjs-as-esm',
    serverStart({ config }) {
      rootDir = config.rootDir;
    },
    async serve(context) {
      if (!context.path.endsWith('.js') || !isCommonJsPackage.test(context.path)) return undefined;
      let body = bundles.get(context.path);
      if (body === undefined) {
        const result = await esbuild.build({
          entryPoints: [path.join(rootDir, context.path)],
          bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent',
        });
        body = result.outputFiles[0].text;
        bundles.set(context.path, body);
      }
      return { body, type: 'js' };
    },
  };
}
