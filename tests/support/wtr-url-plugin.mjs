// Gives Vite's `?url` asset imports the same meaning under @web/dev-server: the module's default
// export is the path the asset is served from. Lets code that imports wasm or font URLs run in tests.
import { createRequire } from 'node:module';
import path from 'node:path';

export function assetUrlImports() {
  let rootDir = process.cwd();
  return {
    name: 'kofu-asset-url-imports',
    serverStart({ config }) {
      rootDir = config.rootDir;
    },
    resolveImport({ source }) {
      if (!source.endsWith('?url')) return undefined;
      const specifier = source.slice(0, -'?url'.length);
      if (specifier.startsWith('.') || specifier.startsWith('/')) return source;
      const file = createRequire(path.join(rootDir, 'package.json')).resolve(specifier);
      return `/${path.relative(rootDir, file).split(path.sep).join('/')}?url`;
    },
    serve(context) {
      if (!context.URL.searchParams.has('url')) return undefined;
      return { body: `export default ${JSON.stringify(context.path)};`, type: 'js' };
    },
  };
}
