// Shared set-up for the end-to-end tests: the built app served from dist/ on a free port, and
// Debian's Chromium driven by playwright-core.
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';

export async function serveApp(options = {}) {
  const server = await startServer({ port: 0, ...options });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    // Idempotent: offline tests stop the server half-way, and the clean-up closes it again.
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * Serves the app, opens a fresh browser context and page, runs `test`, and always cleans up.
 * @param {import('playwright-core').Browser} browser
 * @param {(env: { app: Awaited<ReturnType<typeof serveApp>>, context: import('playwright-core').BrowserContext, page: import('playwright-core').Page }) => Promise<void>} test
 */
export async function withApp(browser, test, { serve = {}, context: contextOptions = {} } = {}) {
  const app = await serveApp(serve);
  const context = await browser.newContext(contextOptions);
  try {
    await test({ app, context, page: await context.newPage() });
  } finally {
    await context.close();
    await app.close();
  }
}

export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
}

/**
 * One Chromium for the enclosing `describe` (and, with `serve`, one app server): started before
 * its first test, closed after its last. Read `suite.browser` / `suite.app` inside the tests
 * (they are undefined until `before` has run).
 */
export function chromiumForSuite({ serve = false } = {}) {
  const suite = { browser: undefined, app: undefined };
  before(async () => {
    if (serve) suite.app = await serveApp();
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.app?.close();
  });
  return suite;
}

/**
 * Collects what a page did that a test may want to forbid: requests, console errors, CSP
 * violations and uncaught exceptions.
 */
export function watchPage(page) {
  const record = { requests: [], errors: [] };
  page.on('request', (request) => record.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') record.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => record.errors.push(`pageerror: ${error.message}`));
  return record;
}

/** Opens the verifier page and waits for it; returns what the page logs (watchPage). */
export async function openVerifierPage(page, origin) {
  const seen = watchPage(page);
  await page.goto(`${origin}/verify`);
  await waitForMode(page, 'verify');
  return seen;
}

/** Waits for `<kofu-app>` to show `mode`'s view with its heading rendered. */
export async function waitForMode(page, mode) {
  const tag = { kiosk: 'kofu-kiosk-home', verify: 'kofu-verifier-home', admin: 'kofu-admin-home' }[mode];
  await page.locator(`kofu-app main[data-mode="${mode}"] ${tag} h1`).waitFor({ timeout: 15_000 });
}

/** Waits for the admin route to show the staff gate (setup or sign-in) instead of the console. */
export async function waitForStaffGate(page) {
  await page.locator('kofu-app main[data-mode="admin"] kofu-staff-gate section[data-staff] h1').waitFor({ timeout: 15_000 });
}

/** The staff passphrase the e2e tests set up devices with (docs/operations.md, "Staff access"). */
export const E2E_STAFF_PASSPHRASE = 'kofu e2e staff passphrase';

/**
 * Opens the admin console as staff, through the UI like a person would, on a page showing the
 * admin route: on a fresh device the setup screen (role `role`, staff passphrase), else the
 * passphrase sign-in. The session lives in the page, so each new page or reload signs in again.
 */
export async function signInAsStaff(page, { role = 'demo', passphrase = E2E_STAFF_PASSPHRASE } = {}) {
  await waitForStaffGate(page);
  const gate = page.locator('kofu-staff-gate');
  if ((await gate.locator('section[data-staff]').getAttribute('data-staff')) === 'setup') {
    await gate.locator(`input[name="role"][value="${role}"]`).check();
    await gate.locator('input[name="method"][value="passphrase"]').check();
    await gate.locator('input[name="passphrase"]').fill(passphrase);
    await gate.locator('input[name="again"]').fill(passphrase);
    await gate.locator('button[data-action="set-up"]').click();
  } else {
    await gate.locator('form[data-form="sign-in-passphrase"] input[name="passphrase"]').fill(passphrase);
    await gate.locator('button[data-action="sign-in-passphrase"]').click();
  }
  await waitForMode(page, 'admin');
}

export async function waitForServiceWorkerControl(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}
