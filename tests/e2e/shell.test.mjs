// End-to-end tests of the built app in Chromium: the three modes, the language switch, offline
// reload, the update flow, the no-foreign-request rule and the verifier's and admin's file paths.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makePng } from '../support/png.mjs';
import { chromiumForSuite, signInAsStaff, withApp, waitForMode, waitForServiceWorkerControl, waitForStaffGate, watchPage } from './harness.mjs';

describe('kofu app shell (built, in Chromium)', () => {
  const suite = chromiumForSuite();

  it('opens the kiosk in Japanese and demo mode, and navigates the three modes', async () => {
    await withApp(suite.browser, async ({ app, context, page }) => {
      const seen = watchPage(page);
      const response = await page.goto(`${app.origin}/`);
      await waitForMode(page, 'kiosk');
      // The security baseline: scripts only from the origin, no inline script, no eval.
      const policy = response.headers()['content-security-policy'];
      assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
      assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);
      const metaPolicy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'));
      assert.match(metaPolicy, /script-src 'self' 'wasm-unsafe-eval';/);
      assert.deepEqual(seen.errors, [], 'the first load logs no error');
      // An injected inline script must be refused by the page's policy.
      const inline = await page.evaluate(async () => {
        const violation = new Promise((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
        const script = document.createElement('script');
        script.textContent = 'window.__kofuInline = true;';
        document.head.append(script);
        return { ran: window.__kofuInline === true, violated: await violation };
      });
      assert.equal(inline.ran, false);
      assert.match(inline.violated, /script-src/);
      // Frames: only blob: URLs (the kiosk's PDF for the print dialog), in both policies; a page of
      // the origin itself, or any other URL, is refused in a frame.
      assert.match(policy, /(^|; )frame-src blob:(;|$)/);
      assert.match(metaPolicy, /(^|; )frame-src blob:;/);
      const framed = await page.evaluate(async () => {
        const violation = new Promise((resolve) => document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true }));
        const frame = document.createElement('iframe');
        frame.src = '/verify';
        document.body.append(frame);
        const violated = await violation;
        frame.remove();
        return violated;
      });
      assert.equal(framed, 'frame-src');
      // The refused script and frame are logged as console errors on purpose; the frame's message
      // can arrive after its violation event, so wait for it before clearing the list.
      for (let i = 0; i < 100 && !seen.errors.some((e) => e.includes('frame-src')); i++) await new Promise((r) => setTimeout(r, 20));
      seen.errors.splice(0);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
      assert.match(await page.locator('kofu-kiosk-home h1').innerText(), /証明書の交付/);
      assert.match(await page.locator('kofu-app .demo').innerText(), /デモ/);

      await page.locator('kofu-app nav a[data-mode="verify"]').click();
      await waitForMode(page, 'verify');
      assert.equal(new URL(page.url()).pathname, '/verify');
      // The admin console is behind staff access: a fresh demo device asks for its setup first.
      await page.locator('kofu-app nav a[data-mode="admin"]').click();
      await signInAsStaff(page);
      assert.equal(new URL(page.url()).pathname, '/admin');
      await page.goBack();
      await waitForMode(page, 'verify');

      // Direct entry to each mode's URL works too (the server and the SW answer with the shell);
      // a new page load has no staff session, so /admin opens at the sign-in.
      for (const [path, mode] of [['/admin', 'admin'], ['/verify', 'verify'], ['/', 'kiosk']]) {
        await page.goto(`${app.origin}${path}`);
        if (mode === 'admin') await waitForStaffGate(page);
        else await waitForMode(page, mode);
      }
      assert.deepEqual(seen.errors, []);
    });
  });

  it('switches to English and remembers the choice across a reload', async () => {
    await withApp(suite.browser, async ({ app, context, page }) => {
      await page.goto(`${app.origin}/verify`);
      await waitForMode(page, 'verify');
      await page.locator('kofu-app button[data-action="language"]').click();
      await page.locator('kofu-verifier-home h1', { hasText: 'Check a certificate' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await page.reload();
      await page.locator('kofu-verifier-home h1', { hasText: 'Check a certificate' }).waitFor();
      await page.locator('kofu-app button[data-action="language"]').click();
      await page.locator('kofu-verifier-home h1', { hasText: '証明書の確認' }).waitFor();
    });
  });

  it('keeps working offline after the first visit, in every mode, and never contacts another origin', async () => {
    await withApp(suite.browser, async ({ app, context, page }) => {
      const seen = watchPage(page);
      await page.goto(`${app.origin}/`);
      await waitForMode(page, 'kiosk');
      await waitForServiceWorkerControl(page);
      const precached = await page.evaluate(async () => {
        const names = await caches.keys();
        let entries = 0;
        for (const name of names) entries += (await (await caches.open(name)).keys()).length;
        return entries;
      });
      assert.ok(precached >= 8, `precache holds ${precached} entries`);

      await app.close(); // the server is gone, and the network too
      await context.setOffline(true);
      await page.reload();
      await waitForMode(page, 'kiosk');
      await page.locator('kofu-app [data-notice="offline"]').waitFor();
      for (const [path, mode] of [['/verify', 'verify'], ['/admin', 'admin']]) {
        await page.goto(`${app.origin}${path}`);
        if (mode === 'admin') await waitForStaffGate(page);
        else await waitForMode(page, mode);
      }
      // The lazily loaded worker works offline too: convert an image in the verifier.
      await page.goto(`${app.origin}/verify`);
      await waitForMode(page, 'verify');
      await page.locator('kofu-verifier-home input[type=file]:not([data-add-page])').setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: makePng(120, 170) });
      await page.locator('kofu-verifier-home [data-result="loaded"]').waitFor();

      // A brand-new tab, still offline, opens as well, and staff can set up and sign in offline.
      const second = await context.newPage();
      await second.goto(`${app.origin}/admin`);
      await signInAsStaff(second);

      const foreign = seen.requests.filter((url) => {
        const { protocol, origin } = new URL(url);
        return !(origin === app.origin || protocol === 'data:' || protocol === 'blob:');
      });
      assert.deepEqual(foreign, [], 'no request may leave the origin');
      assert.deepEqual(seen.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), []);
    });
  });

  it('offers a new version and switches to it only when asked', async () => {
    let swVersion = 'v1';
    await withApp(suite.browser, async ({ app, context, page }) => {
      await page.goto(`${app.origin}/`);
      await waitForMode(page, 'kiosk');
      await waitForServiceWorkerControl(page);
      swVersion = 'v2';
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const notice = page.locator('kofu-app [data-notice="update"]');
      await notice.waitFor({ timeout: 20_000 });
      // Nothing happens by itself: the old version keeps serving the page until the user agrees.
      assert.equal(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting), true);
      await Promise.all([page.waitForEvent('load', { timeout: 20_000 }), notice.locator('button').first().click()]);
      await waitForMode(page, 'kiosk');
      assert.equal(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting), false);
    }, { serve: {
      transform: (pathname, body) => (pathname === '/sw.js' ? Buffer.concat([body, Buffer.from(`\n// ${swVersion}\n`)]) : body),
    } });
  });

  it('gives clear messages in the verifier for a corrupt file and an oversize file', async () => {
    await withApp(suite.browser, async ({ app, context, page }) => {
      await page.goto(`${app.origin}/verify`);
      await waitForMode(page, 'verify');
      const input = page.locator('kofu-verifier-home input[type=file]:not([data-add-page])');
      const error = page.locator('kofu-verifier-home [data-result="error"]');

      await input.setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: makePng(40, 40).subarray(0, 60) });
      await error.waitFor();
      assert.match(await error.innerText(), /読み取れませんでした/);

      // A 200 MB file (sparse on disk): refused by its size before anything is decoded.
      const huge = path.join(await mkdtemp(path.join(tmpdir(), 'kofu-e2e-')), 'huge-scan.png');
      await writeFile(huge, makePng(10, 10));
      await truncate(huge, 200 * 1024 * 1024);
      await input.setInputFiles(huge);
      await page.locator('kofu-verifier-home [data-result="error"]', { hasText: '大きすぎます' }).waitFor();

      await input.setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: makePng(300, 424) });
      await page.locator('kofu-verifier-home [data-result="loaded"]', { hasText: '300×424' }).waitFor();
    });
  });

  it('saves a backup, refuses a damaged one without changing data, and restores a good one', async () => {
    await withApp(suite.browser, async ({ app, context, page }) => {
      const dialogs = [];
      page.on('dialog', (dialog) => (dialogs.push(dialog.message()), dialog.accept()));
      await page.goto(`${app.origin}/admin`);
      await signInAsStaff(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('kofu-admin-home button[data-action="save-backup"]').click()]);
      assert.match(download.suggestedFilename(), /^kofu-backup-.*\.json$/);
      const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
      assert.equal(JSON.parse(text).format, 'kofu-backup');
      assert.equal(dialogs.filter((message) => message.includes('個人番号')).length, 2, 'a backup holds 個人番号: asked twice');

      const restore = page.locator('kofu-admin-home input[data-action="restore-backup"]');
      await restore.setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(text.replace('"stores":{', '"stores":{"meta":[["x",1]],"x":')) });
      await page.locator('kofu-admin-home [data-result="error"]').waitFor();
      assert.match(await page.locator('kofu-admin-home [data-result="error"]').innerText(), /変更していません|元のまま/);

      await restore.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(text) });
      await page.locator('kofu-admin-home [data-result="ok"]', { hasText: '復元しました' }).waitFor();
    }, { context: { acceptDownloads: true } });
  });

  it('fits a 1280×800 tablet, a 390×844 phone and a desktop without sideways scrolling', async () => {
    await withApp(suite.browser, async ({ app, context, page }) => {
      for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }, { width: 1920, height: 1080 }]) {
        await page.setViewportSize(viewport);
        for (const [path, mode] of [['/', 'kiosk'], ['/verify', 'verify'], ['/admin', 'staff gate'], ['/admin', 'admin']]) {
          await page.goto(`${app.origin}${path}`);
          if (mode === 'staff gate') await waitForStaffGate(page);
          else if (mode === 'admin') await signInAsStaff(page);
          else await waitForMode(page, mode);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${path} (${mode}) at ${viewport.width}×${viewport.height} overflows by ${overflow}px`);
        }
      }
    });
  });
});
