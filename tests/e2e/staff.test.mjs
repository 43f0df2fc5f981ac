// End-to-end test of staff access (docs/security.md, "Staff access"): a device set up as a kiosk
// tablet with a passkey — Chromium's virtual authenticator, driven over the DevTools protocol
// (WebAuthn.*) — shows the kiosk and nothing else; the admin console opens only to the passkey;
// an export with 個人番号 asks twice and appears in the staff log with the passkey's id.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chromiumForSuite, waitForMode, waitForStaffGate, watchPage, withApp } from './harness.mjs';

const gate = 'kofu-staff-gate';
const console_ = 'kofu-admin-home';

/** WebAuthn needs a domain as relying party id, not an IP address: the same server, named localhost. */
const localhost = (origin) => origin.replace('127.0.0.1', 'localhost');
const base64url = (base64) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('staff access (built, in Chromium with a virtual authenticator)', () => {
  const suite = chromiumForSuite();

  it('kiosk role: no way into admin without the passkey; with it, an export of 個人番号 asks twice and appears in the log', async () => {
    await withApp(suite.browser, async ({ app, context, page }) => {
      const origin = localhost(app.origin);
      const seen = watchPage(page);
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });

      // First setup: the role and a passkey (user verification on the authenticator).
      await page.goto(`${origin}/admin`);
      await waitForStaffGate(page);
      await page.locator(`${gate} input[name="role"][value="kiosk"]`).check();
      await page.locator(`${gate} input[name="method"][value="passkey"]`).check();
      await page.locator(`${gate} input[name="label"]`).fill('窓口タブレット 鈴木');
      await page.locator(`${gate} button[data-action="set-up"]`).click();
      await waitForMode(page, 'admin');
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
      assert.equal(credentials.length, 1, 'the passkey lives in the authenticator');
      const credentialId = base64url(credentials[0].credentialId);
      assert.equal(await page.locator('kofu-admin-staff [data-field="role"]').getAttribute('data-role'), 'kiosk');

      // Signing out on a kiosk tablet goes back to the kiosk, which offers no way elsewhere.
      await page.locator('kofu-admin-staff button[data-action="sign-out"]').click();
      await waitForMode(page, 'kiosk');
      assert.equal(await page.locator('kofu-app nav').count(), 0, 'no header links to 管理 or 確認');
      assert.equal(await page.locator('kofu-app a[href="/admin"], kofu-app a[href="/verify"]').count(), 0);
      await page.goto(`${origin}/verify`);
      await waitForMode(page, 'kiosk'); // a kiosk tablet has no verifier

      // Typing /admin reaches only the sign-in: passkey only (no passphrase was set), no console.
      await page.goto(`${origin}/admin`);
      await waitForStaffGate(page);
      assert.equal(await page.locator(`${gate} form[data-form="sign-in-passphrase"]`).count(), 0);
      assert.equal(await page.locator(console_).count(), 0);

      // Someone who cannot pass the authenticator's user verification (PIN, biometrics) stays out.
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
      await page.locator(`${gate} button[data-action="sign-in-passkey"]`).click();
      await page.locator(`${gate} [data-result="error"]`).waitFor();
      assert.match(await page.locator(`${gate} [data-result="error"]`).innerText(), /パスキー/);
      assert.equal(await page.locator(console_).count(), 0);

      // Staff hold the logo on the kiosk for 3 s to reach the sign-in; a tap does nothing.
      await page.goto(`${origin}/`);
      await waitForMode(page, 'kiosk');
      const logo = page.locator('kofu-app [data-staff-gesture]');
      await logo.click();
      await page.waitForTimeout(500);
      assert.equal(new URL(page.url()).pathname, '/');
      await logo.hover();
      await page.mouse.down();
      await page.waitForTimeout(3300);
      await page.mouse.up();
      await waitForStaffGate(page);
      // A customer who got here has a way back to the kiosk.
      await page.locator(`${gate} button[data-action="leave"]`).click();
      await waitForMode(page, 'kiosk');
      await logo.hover();
      await page.mouse.down();
      await page.waitForTimeout(3300);
      await page.mouse.up();
      await waitForStaffGate(page);

      // With the passkey and user verification: the console.
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
      await page.locator(`${gate} button[data-action="sign-in-passkey"]`).click();
      await waitForMode(page, 'admin');
      assert.match(await page.locator('kofu-admin-staff [data-field="signed-in"]').innerText(), /窓口タブレット 鈴木/);

      // The registry panel's glyph status is counted in the registry worker (which reads the
      // registry and the certificate font there): the demo registry holds every glyph it needs.
      await page.locator('kofu-admin-registry [data-glyph-missing="0"]').waitFor({ timeout: 30_000 });
      assert.match(await page.locator('kofu-admin-registry [data-glyph-status]').innerText(), /\d/);

      // The residents CSV carries 個人番号: two questions; "no" to the second exports nothing.
      const dialogs = [];
      let answers = [true, false];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void (answers.shift() ? dialog.accept() : dialog.dismiss());
      });
      const exportCsv = page.locator('kofu-admin-registry button[data-action="export-csv"]');
      await exportCsv.click();
      await page.waitForTimeout(300);
      assert.equal(dialogs.length, 2);
      assert.equal(await page.locator('kofu-admin-staff tr[data-action="registry.export-csv"]').count(), 0, 'a declined export is not made');

      answers = [true, true];
      const [download] = await Promise.all([page.waitForEvent('download'), exportCsv.click()]);
      assert.equal(dialogs.length, 4);
      assert.ok(dialogs.every((message) => message.includes('個人番号')), 'both questions name 個人番号');
      assert.notEqual(dialogs[2], dialogs[3], 'the second question is a different one');
      const csv = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
      assert.match(csv.split(/\r?\n/)[0], /myNumber/);

      // The staff log names the action and the passkey that did it.
      const row = page.locator('kofu-admin-staff tr[data-action="registry.export-csv"]');
      await row.waitFor();
      assert.equal(await row.getAttribute('data-credential'), credentialId);
      assert.equal(await row.getAttribute('data-outcome'), 'ok');
      assert.match(await row.innerText(), /personalNumbers=true/);
      assert.equal(await page.locator(`kofu-admin-staff tr[data-action="staff.sign-in"][data-outcome="ok"][data-credential="${credentialId}"]`).count(), 1);
      assert.ok((await page.locator('kofu-admin-staff tr[data-action="staff.sign-in"]:not([data-outcome="ok"])').count()) >= 1, 'the refused sign-in is logged too');
      assert.deepEqual(seen.errors, []);
    }, { context: { acceptDownloads: true } });
  });

  it('a verifier-only device shows only the verifier, and its console only the trust list', async () => {
    await withApp(suite.browser, async ({ app, page }) => {
      page.on('dialog', (dialog) => dialog.accept());
      await page.goto(`${app.origin}/admin`);
      await waitForStaffGate(page);
      await page.locator(`${gate} input[name="role"][value="verifier"]`).check();
      await page.locator(`${gate} input[name="method"][value="passphrase"]`).check();
      await page.locator(`${gate} input[name="passphrase"]`).fill('ふじみ市 確認端末 2026');
      await page.locator(`${gate} input[name="again"]`).fill('ふじみ市 確認端末 2026');
      await page.locator(`${gate} button[data-action="set-up"]`).click();
      await waitForMode(page, 'admin');
      assert.equal(await page.locator('kofu-admin-home kofu-trust-store-panel').count(), 1);
      assert.equal(await page.locator('kofu-admin-home kofu-admin-registry, kofu-admin-home kofu-admin-trust').count(), 0, 'no registry, no keys');
      await page.goto(`${app.origin}/`);
      await waitForMode(page, 'verify');
      assert.equal(await page.locator('kofu-app nav').count(), 0);
    });
  });
});
