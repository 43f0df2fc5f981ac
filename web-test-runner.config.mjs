// Unit and component tests in headless Chromium (Debian's /usr/bin/chromium; CHROME_PATH overrides).
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileURLToPath } from 'node:url';
import { commonJsAsEsm } from './tests/support/wtr-cjs-plugin.mjs';
import { assetUrlImports } from './tests/support/wtr-url-plugin.mjs';
import { summaryReporter } from './tests/support/wtr-summary-reporter.mjs';
import { chromiumArgs, chromiumPath } from './tests/support/chromium.mjs';

export default {
  files: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'tests/unit/**/*.test.ts'],
  // 'production' silences Lit's dev-mode warning; an object here drops the default browser:true.
  nodeResolve: { exportConditions: ['production'], browser: true },
  reporters: [defaultReporter(), summaryReporter({ outFile: '.test-results/unit.json' })],
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  plugins: [
    commonJsAsEsm(['qrcode']),
    assetUrlImports(),
    // The tsconfig must be passed, or esbuild applies standard decorators to Lit's legacy ones.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
  testFramework: { config: { timeout: 20_000 } },
};
