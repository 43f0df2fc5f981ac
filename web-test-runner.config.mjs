// Unit and component tests in headless Chromium (Debian's /usr/bin/chromium; CHROME_PATH overrides).
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { devServerPlugins, nodeResolve } from './tests/support/dev-server-plugins.mjs';
import { summaryReporter } from './tests/support/wtr-summary-reporter.mjs';
import { chromiumArgs, chromiumPath } from './tests/support/chromium.mjs';

export default {
  files: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'tests/unit/**/*.test.ts'],
  nodeResolve,
  reporters: [defaultReporter(), summaryReporter({ outFile: '.test-results/unit.json' })],
  concurrency: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  plugins: devServerPlugins(),
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
  testFramework: { config: { timeout: 20_000 } },
  // The verifier's and the admin console's words load with their views in the app (src/ui/app.ts);
  // a component test of one of them gets them first, as the app would.
  testRunnerHtml: (testFramework) =>
    `<html><body><script type="module" src="/src/ui/shared/messages-views.ts"></script><script type="module" src="${testFramework}"></script></body></html>`,
};
