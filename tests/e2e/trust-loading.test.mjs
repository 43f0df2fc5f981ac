// Each device role loads only the trust services it uses (src/app/trust/, docs/operations.md):
// the verifier only the trust store, the kiosk the signer (over the store) but not the
// municipality authority, the admin console all of them. Checked on the built app by reading the
// scripts each route actually loaded for one refusal code of each role.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { chromiumForSuite, signInAsStaff, waitForMode, watchPage, withApp } from './harness.mjs';

const dist = new URL('../../dist/', import.meta.url);

/**
 * A refusal that only each role's own module throws. The error catalogue every route loads names
 * every code as a key (`"code":`), so a marker is the code as a call's first argument (`"code",`).
 */
const throwSite = (code) => new RegExp(`[\`'"]${code.replaceAll('.', '\\.')}[\`'"],`);
const ROLE_MARKERS = {
  store: throwSite('trust.url-not-allowed'), // src/app/trust/verifier-trust.ts
  signer: throwSite('signer.certificate-untrusted'), // src/app/trust/tablet-signer.ts
  authority: throwSite('root.not-backed-up'), // src/app/trust/authority.ts
};

/** Which roles' code the scripts a route loaded contain (after `use`, what staff or a resident do there). */
async function rolesLoaded(browser, path, mode, use = async () => {}) {
  let roles;
  await withApp(browser, async ({ app, page }) => {
    const seen = watchPage(page);
    await page.goto(`${app.origin}${path}`);
    if (mode === 'admin') await signInAsStaff(page); // the console is behind staff access
    else await waitForMode(page, mode);
    await use(page);
    await page.waitForLoadState('networkidle');
    const scripts = seen.requests.map((url) => new URL(url)).filter((url) => url.origin === app.origin && url.pathname.endsWith('.js'));
    const code = (await Promise.all(scripts.map((url) => readFile(new URL(`.${url.pathname}`, dist), 'utf8')))).join('\n');
    roles = Object.entries(ROLE_MARKERS).filter(([, marker]) => marker.test(code)).map(([role]) => role);
  });
  return roles;
}

describe('trust services by device role (built, in Chromium)', () => {
  const suite = chromiumForSuite();

  it('the verifier loads only the trust store', async () => {
    assert.deepEqual(await rolesLoaded(suite.browser, '/verify', 'verify'), ['store']);
  });

  it('the kiosk loads the signer and the trust store it checks against, not the authority', async () => {
    // The kiosk loads its session (and with it the signer) when a resident starts.
    const start = async (page) => {
      await page.locator('kofu-kiosk-home [data-action="start"]').click();
      await page.locator('kofu-kiosk-home [data-action="agree"]').click();
      await page.locator('kofu-kiosk-home [data-card]').first().waitFor({ timeout: 20_000 });
    };
    assert.deepEqual(await rolesLoaded(suite.browser, '/', 'kiosk', start), ['store', 'signer']);
  });

  it('the admin console loads every role its panels show', async () => {
    assert.deepEqual(await rolesLoaded(suite.browser, '/admin', 'admin'), ['store', 'signer', 'authority']);
  });
});
