// End-to-end tests of the verifier's platform conventions in the built app (Chromium): the share
// target (a multipart POST, as the OS share sheet sends it, answered by the service worker),
// paste, a multi-page 300 dpi TIFF scan, and the per-role font cache (sw.ts: a verifier-only
// device stores the font on first use and then verifies offline).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { backSidePng, backSideTiff } from './back-side.mjs';
import { launchBrowser, openVerifierPage, waitForMode, waitForServiceWorkerControl, withApp } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Entries per cache, the precache's font entries apart. */
const cacheContents = (page) =>
  page.evaluate(async () => {
    const result = { font: 0, precachedFonts: 0, precache: 0 };
    for (const name of await caches.keys()) {
      const keys = await (await caches.open(name)).keys();
      if (name === 'kofu-font') result.font += keys.length;
      else if (name.startsWith('workbox-precache')) {
        result.precache += keys.length;
        result.precachedFonts += keys.filter((request) => /\.ttf(\?|$)/.test(request.url)).length;
      }
    }
    return result;
  });

async function expectDemoVerdict(page, serial) {
  const verdict = page.locator('kofu-verdict section[data-verdict]');
  await verdict.waitFor({ timeout: 90_000 });
  assert.equal(await verdict.getAttribute('data-verdict'), 'demo', await verdict.innerText());
  // The printed 発行番号: the signing tablet's key-id prefix, then the serial (docs/formats.md).
  assert.match(await page.locator('kofu-verdict [data-field="serial"]').innerText(), new RegExp(`^[0-9A-F]{6}-${String(serial).padStart(6, '0')}$`));
  await page.locator('kofu-verdict canvas[data-restored="0"]').waitFor();
}

describe('verifier platform conventions (built, in Chromium)', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('share target receives an image: the POST the share sheet sends opens the verifier on it', { timeout: 150_000 }, async () => {
    const back = await backSidePng({ serial: 21 });
    await withApp(
      browser,
      async ({ app, page }) => {
        const seen = await openVerifierPage(page, app.origin);
        await waitForServiceWorkerControl(page);
        const manifest = await (await fetch(`${app.origin}/manifest.webmanifest`)).json();
        assert.equal(manifest.share_target.action, '/verify/share');
        assert.equal(manifest.share_target.method, 'POST');
        assert.equal(manifest.share_target.enctype, 'multipart/form-data');
        const field = manifest.share_target.params.files[0];
        assert.ok(field.accept.includes('image/png') && field.accept.includes('image/tiff'), JSON.stringify(field));
        assert.deepEqual(Object.keys(manifest.file_handlers[0].accept).sort(), ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'image/webp']);

        // What Android's share sheet does: a top-level navigation from outside the app that POSTs
        // multipart/form-data to the action; the service worker controlling the scope answers it.
        // (The app's own pages may not post forms: their CSP says form-action 'none'.)
        const sheet = `<form method="post" enctype="multipart/form-data" action="${app.origin}/verify/share"><input type="file" name="file"></form>`;
        await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(sheet)}`);
        await page.locator('input[type=file]').setInputFiles({ name: '写真 2026-12-01.png', mimeType: 'image/png', buffer: back.png });
        await Promise.all([page.waitForURL(`${app.origin}/verify**`, { timeout: 30_000 }), page.locator('form').evaluate((form) => form.submit())]);
        await waitForMode(page, 'verify');
        await expectDemoVerdict(page, 21);
        // The file was taken and the query dropped: a reload shows the empty verifier, not the scan again.
        assert.equal(new URL(page.url()).search, '');
        assert.equal(await page.evaluate(async () => (await (await caches.open('kofu-shared-file')).keys()).length), 0);
        assert.deepEqual(seen.errors, []);
      },
      { context: PHONE },
    );
  });

  it('pasting an image verifies it', { timeout: 120_000 }, async () => {
    const back = await backSidePng({ serial: 22 });
    await withApp(browser, async ({ app, page }) => {
      await page.goto(`${app.origin}/verify`);
      await waitForMode(page, 'verify');
      await page.evaluate((base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const clipboardData = new DataTransfer();
        clipboardData.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
        document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
      }, back.png.toString('base64'));
      await expectDemoVerdict(page, 22);
    });
  });

  it('verifies a 300 dpi duplex scan saved as TIFF: the blank front page is skipped, the back verifies', { timeout: 150_000 }, async () => {
    const { tiff } = await backSideTiff({ serial: 23 });
    await withApp(browser, async ({ app, page }) => {
      const seen = await openVerifierPage(page, app.origin);
      await page.locator('kofu-verifier-home input[type=file]:not([data-add-page])').setInputFiles({ name: 'SCAN0001.TIF', mimeType: 'image/tiff', buffer: tiff });
      await expectDemoVerdict(page, 23);
      assert.match(await page.locator('kofu-verifier-home [data-result="loaded"]').innerText(), /2480×3508.*300dpi/);
      assert.deepEqual(seen.errors, []);
    });
  });

  it('a verifier-only device precaches no font, stores it on the first restored image, then verifies offline', { timeout: 180_000 }, async () => {
    const first = await backSidePng({ serial: 24 });
    const second = await backSidePng({ serial: 25 });
    await withApp(browser, async ({ app, context, page }) => {
      await page.goto(`${app.origin}/verify`);
      await waitForMode(page, 'verify');
      await waitForServiceWorkerControl(page);
      const fresh = await cacheContents(page);
      assert.equal(fresh.font, 0, 'no font before a certificate is restored');
      assert.equal(fresh.precachedFonts, 0, 'the font is not in the precache');
      assert.ok(fresh.precache >= 8, `precache holds ${fresh.precache} entries`);

      const input = page.locator('kofu-verifier-home input[type=file]:not([data-add-page])');
      await input.setInputFiles({ name: 'back.png', mimeType: 'image/png', buffer: first.png });
      await expectDemoVerdict(page, 24);
      assert.equal((await cacheContents(page)).font, 1, 'the first restored image stored the font');

      await app.close();
      await context.setOffline(true);
      await page.reload();
      await waitForMode(page, 'verify');
      await page.locator('kofu-verifier-home input[type=file]:not([data-add-page])').setInputFiles({ name: 'back.png', mimeType: 'image/png', buffer: second.png });
      await expectDemoVerdict(page, 25);
    });
  });

  it('a verifier-only device offline before its first restored image says to connect, not that the paper is forged', { timeout: 120_000 }, async () => {
    const back = await backSidePng({ serial: 26 });
    await withApp(browser, async ({ app, context, page }) => {
      await page.goto(`${app.origin}/verify`);
      await waitForMode(page, 'verify');
      await waitForServiceWorkerControl(page);
      await app.close();
      await context.setOffline(true);
      await page.locator('kofu-verifier-home input[type=file]:not([data-add-page])').setInputFiles({ name: 'back.png', mimeType: 'image/png', buffer: back.png });
      const verdict = page.locator('kofu-verdict section[data-verdict]');
      await verdict.waitFor({ timeout: 90_000 });
      assert.match(await verdict.innerText(), /フォント/);
      const advice = await page.locator('kofu-verdict .advice').innerText();
      assert.match(advice, /ネットワークに接続/);
      assert.doesNotMatch(advice, /偽造/);
    });
  });

  it('a device that opens the kiosk stores the font when it installs', { timeout: 60_000 }, async () => {
    await withApp(browser, async ({ app, page }) => {
      await page.goto(`${app.origin}/`);
      await waitForMode(page, 'kiosk');
      await waitForServiceWorkerControl(page);
      assert.equal((await cacheContents(page)).font, 1);
    });
  });
});
