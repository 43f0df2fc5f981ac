// The verifier end to end in the built app (Chromium): a generated back side (real demo seal,
// carrier and QR locator on an A4 page at 300 dpi) → valid demo verdict with the restored image;
// the same page with one signature bit flipped → not valid; the /verify#<digits> URL a phone's
// camera app opens → "QR read"; a phone-sized viewport throughout; and no request leaves the origin.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { backSidePng } from './back-side.mjs';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { chromiumForSuite, openVerifierPage, waitForMode, withApp } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

describe('verifier (built, in Chromium)', () => {
  const suite = chromiumForSuite();

  it('verifies a generated back side: DEMO verdict, issuer, 交付日, restored image; a forged one is not valid', { timeout: 120_000 }, async () => {
    const valid = await backSidePng({ serial: 7 });
    const forged = await backSidePng({ serial: 8, forged: true });
    await withApp(
      suite.browser,
      async ({ app, page }) => {
        const seen = await openVerifierPage(page, app.origin);
        const input = page.locator('kofu-verifier-home input[type=file]:not([data-add-page])');

        await input.setInputFiles({ name: 'back.png', mimeType: 'image/png', buffer: valid.png });
        const verdict = page.locator('kofu-verdict section[data-verdict]');
        await verdict.waitFor({ timeout: 60_000 });
        assert.equal(await verdict.getAttribute('data-verdict'), 'demo', await verdict.innerText());
        assert.match(await verdict.innerText(), /デモ/);
        assert.match(await page.locator('kofu-verdict [data-field="issued"]').innerText(), /令和/);
        // 発行番号 as printed: the demo tablet's key id, then the serial.
        assert.match(await page.locator('kofu-verdict [data-field="serial"]').innerText(), /^[0-9A-F]{6}-000007$/);
        assert.ok((await page.locator('kofu-verdict [data-field="issuer"]').innerText()).length > 0);
        const restored = page.locator('kofu-verdict canvas[data-restored="0"]');
        await restored.waitFor();
        const size = await restored.evaluate((c) => {
          const g = c.getContext('2d');
          const d = g.getImageData(0, 0, c.width, c.height).data;
          let dark = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++;
          return { width: c.width, height: c.height, dark: dark / (c.width * c.height) };
        });
        assert.equal(size.width, 1240);
        assert.ok(size.dark > 0.005, `the restored image has ink (${size.dark})`);
        // Fits a phone: nothing wider than the viewport.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);

        await page.locator('kofu-verifier-home button[data-action="again"]').click();
        await input.setInputFiles({ name: 'forged.png', mimeType: 'image/png', buffer: forged.png });
        const invalid = page.locator('kofu-verdict section[data-verdict="invalid"]');
        await invalid.waitFor({ timeout: 60_000 });
        assert.match(await invalid.innerText(), /改ざん・偽造の疑い/);
        assert.doesNotMatch(await invalid.innerText(), /無効/);
        assert.match(await invalid.innerText(), /署名が一致しません/);
        assert.match(await page.locator('kofu-verdict .advice').innerText(), /偽造/);

        const foreign = seen.requests.filter((url) => !url.startsWith(app.origin) && !/^(data|blob):/.test(url));
        assert.deepEqual(foreign, []);
        assert.deepEqual(seen.errors, []);
      },
      { context: PHONE },
    );
  });

  it('opens /verify#<locator> as "QR read" and verifies with the locator from the URL', { timeout: 120_000 }, async () => {
    const back = await backSidePng({ serial: 9 });
    await withApp(suite.browser, async ({ app, page }) => {
      const fragment = back.locatorText.slice(back.locatorText.indexOf('#'));
      await page.goto(`${app.origin}/verify${fragment}`);
      await waitForMode(page, 'verify');
      const note = page.locator('kofu-verifier-home [data-locator="known"]');
      await note.waitFor();
      assert.match(await note.innerText(), /000009/);
      await page.locator('kofu-verifier-home input[type=file]:not([data-add-page])').setInputFiles({ name: 'back.png', mimeType: 'image/png', buffer: back.png });
      const verdict = page.locator('kofu-verdict section[data-verdict]');
      await verdict.waitFor({ timeout: 60_000 });
      assert.equal(await verdict.getAttribute('data-verdict'), 'demo');
      // "Check another" forgets the URL's QR code: the next sheet brings its own.
      await page.locator('kofu-verifier-home button[data-action="again"]').click();
      await note.waitFor({ state: 'detached' });
      assert.equal(new URL(page.url()).hash, '');
    });
  });

  it('explains a refused camera, and checks a frame from a (fake) camera', { timeout: 120_000 }, async () => {
    // Without a permission the headless suite.browser refuses getUserMedia: the page must say so.
    await withApp(suite.browser, async ({ app, page }) => {
      await page.goto(`${app.origin}/verify`);
      await waitForMode(page, 'verify');
      await page.locator('kofu-verifier-home button[data-action="camera"]').click();
      const message = page.locator('kofu-verifier-home [data-camera-error]');
      await message.waitFor();
      assert.match(await message.innerText(), /カメラ/);
    });
    // Chromium's fake camera (a moving test pattern): the frame goes through the whole pipeline
    // and ends in a clear "no QR code" verdict.
    const camera = await chromium.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    });
    try {
      await withApp(camera, async ({ app, context, page }) => {
        await context.grantPermissions(['camera'], { origin: app.origin });
        await page.goto(`${app.origin}/verify`);
        await waitForMode(page, 'verify');
        await page.locator('kofu-verifier-home button[data-action="camera"]').click();
        await page.locator('kofu-verifier-home video').waitFor();
        await page.waitForFunction(() => {
          const home = document.querySelector('kofu-app')?.shadowRoot?.querySelector('kofu-verifier-home');
          const video = home?.shadowRoot?.querySelector('kofu-camera-capture')?.shadowRoot?.querySelector('video');
          return !!video && video.videoWidth > 0;
        });
        // Scanning starts by itself: frames without a QR code are tried one after another (the
        // pipeline runs on a frame every 1.5 s even when the hint says nothing is in view) until stopped.
        await page.locator('kofu-verifier-home [data-hint]:not([data-hint="none"])').first().waitFor({ timeout: 60_000 });
        await page.locator('kofu-verifier-home [data-attempts]:not([data-attempts="0"])').waitFor({ timeout: 60_000 });
        assert.match(await page.locator('kofu-verifier-home [data-attempts]').innerText(), /QRコードが見つかりません/);
        await page.locator('kofu-verifier-home button[data-action="continuous"]').click();
        await page.locator('kofu-verifier-home [data-attempts]').waitFor({ state: 'detached', timeout: 60_000 });
        await page.locator('kofu-verifier-home button[data-action="capture"]').click();
        const verdict = page.locator('kofu-verdict section[data-verdict]');
        await verdict.waitFor({ timeout: 60_000 });
        assert.equal(await verdict.getAttribute('data-verdict'), 'invalid');
        assert.match(await verdict.innerText(), /QRコードが見つかりません/);
      });
    } finally {
      await camera.close();
    }
  });

  it('verifies what the kiosk issued: its PDF, and the back page "scanned" at 300 dpi', { timeout: 180_000 }, async () => {
    const home = 'kofu-kiosk-home';
    await withApp(
      suite.browser,
      async ({ app, page }) => {
        // Issue at the kiosk (demo card 髙橋 一郎, PIN 1234, 住民票の写し) on a weekday noon JST.
        await page.clock.setFixedTime(new Date('2026-11-25T03:00:00Z'));
        await page.goto(`${app.origin}/`);
        await waitForMode(page, 'kiosk');
        await page.locator(`${home} [data-action="start"]`).click();
        await page.locator(`${home} [data-action="agree"]`).click();
        await page.locator(`${home} [data-card="demo-card-0001"]`).click();
        await page.locator(`${home} [data-step="pin"]`).waitFor({ timeout: 20_000 });
        for (const key of ['1', '2', '3', '4', 'ok']) await page.locator(`${home} kofu-pin-keypad [data-key="${key}"]`).click();
        await page.locator(`${home} [data-kind="juminhyo"]:not([disabled])`).waitFor({ timeout: 20_000 });
        await page.locator(`${home} [data-kind="juminhyo"]`).click();
        await page.locator(`${home} [data-action="next"]`).click();
        await page.locator(`${home} canvas.preview`).waitFor({ timeout: 30_000 });
        await page.locator(`${home} [data-action="issue"]`).click();
        await page.locator(`${home} [data-action="card-taken"]`).click({ timeout: 60_000 });
        await page.locator(`${home} [data-step="print"]`).waitFor();
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${home} [data-action="download"]`).first().click()]);
        const pdf = Buffer.concat(await (await download.createReadStream()).toArray());
        const serial = download.suggestedFilename().match(/([0-9A-F]{6}-\d{6})\.pdf$/)[1];

        // The same device checks it: the PDF itself (PDF.js renders the back page)…
        await page.goto(`${app.origin}/verify`);
        await waitForMode(page, 'verify');
        const input = page.locator('kofu-verifier-home input[type=file]:not([data-add-page])');
        await input.setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/pdf', buffer: pdf });
        const verdict = page.locator('kofu-verdict section[data-verdict]');
        await verdict.waitFor({ timeout: 60_000 });
        assert.equal(await verdict.getAttribute('data-verdict'), 'demo', await verdict.innerText());
        assert.equal(await page.locator('kofu-verdict [data-field="serial"]').innerText(), serial);
        assert.match(await page.locator('kofu-verdict [data-field="issuer"]').innerText(), /藤見市/);
        await page.locator('kofu-verdict canvas[data-restored="0"]').waitFor();
        // The PDF's front page was compared too (text layer and pixels): the whole sheet is 真正.
        assert.equal(await verdict.getAttribute('data-outcome'), 'authentic', await verdict.innerText());
        await page.locator('kofu-verdict [data-note="front-matches"]').waitFor();

        // …and a 300 dpi grey "scan" of the back page (poppler), as a flatbed would give.
        const dir = await mkdtemp(path.join(tmpdir(), 'kofu-verify-'));
        await writeFile(path.join(dir, 'issued.pdf'), pdf);
        execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '300', '-gray', '-png', path.join(dir, 'issued.pdf'), path.join(dir, 'scan')]);
        const scan = await readFile(path.join(dir, (await readdir(dir)).find((name) => name.startsWith('scan') && name.endsWith('.png'))));
        await page.locator('kofu-verifier-home button[data-action="again"]').click();
        await input.setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: scan });
        await verdict.waitFor({ timeout: 60_000 });
        assert.equal(await verdict.getAttribute('data-verdict'), 'demo', await verdict.innerText());
        assert.equal(await page.locator('kofu-verdict [data-field="serial"]').innerText(), serial);
      },
      { context: { viewport: { width: 1280, height: 800 }, acceptDownloads: true } },
    );
  });
});
