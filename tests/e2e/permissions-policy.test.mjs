// The Permissions-Policy header names only features this Chromium knows: an unknown feature is
// ignored and logs "Error with Permissions-Policy header: Unrecognized feature" on every load.
// The check reads Chromium's own console, first on a bare page that names a feature known to be
// unknown (so the test proves it can see the message), then on each of the app's three pages.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { chromiumForSuite, serveApp, waitForMode, withApp, waitForStaffGate } from './harness.mjs';

/** Console messages about the Permissions-Policy header while `page` loads `url`. */
async function policyMessages(page, url) {
  const messages = [];
  page.on('console', (message) => {
    if (/Permissions-Policy|Unrecognized feature/i.test(message.text())) messages.push(message.text());
  });
  await page.goto(url);
  return messages;
}

/** A one-page server that sends `policy` and nothing else of note. */
async function barePage(policy) {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Permissions-Policy': policy });
    response.end('<!doctype html><title>policy</title><p>policy');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('Permissions-Policy (built, in Chromium)', () => {
  const suite = chromiumForSuite();

  it('Chromium reports a feature it does not know (the check can see the message)', async () => {
    const bare = await barePage('nfc=(self), camera=(self)');
    const page = await suite.browser.newPage();
    try {
      const messages = await policyMessages(page, `${bare.origin}/`);
      await page.waitForTimeout(200); // the header is parsed before the load event; give the log a moment
      assert.ok(messages.some((m) => /Unrecognized feature: 'nfc'/.test(m)), `messages: ${JSON.stringify(messages)}`);
      assert.ok(!messages.some((m) => /'camera'/.test(m)), 'a known feature is not reported');
    } finally {
      await page.close();
      await bare.close();
    }
  });

  it('knows every feature of the served header, each tried alone on a bare page', async () => {
    const app = await serveApp();
    const header = (await fetch(`${app.origin}/`)).headers.get('permissions-policy');
    await app.close();
    const features = header.split(',').map((entry) => entry.trim().split('=')[0]);
    assert.ok(features.includes('camera'), header);
    for (const feature of features) {
      const bare = await barePage(`${feature}=()`);
      const page = await suite.browser.newPage();
      try {
        const messages = await policyMessages(page, `${bare.origin}/`);
        await page.waitForTimeout(200);
        assert.deepEqual(messages, [], `${feature}: ${JSON.stringify(messages)}`);
      } finally {
        await page.close();
        await bare.close();
      }
    }
  });

  it("loads the app's three pages without a Permissions-Policy message", async () => {
    await withApp(suite.browser, async ({ app, page }) => {
      for (const [path, mode] of [['/', 'kiosk'], ['/verify', 'verify'], ['/admin', 'admin']]) {
        const messages = await policyMessages(page, `${app.origin}${path}`);
        // /admin opens at the staff sign-in (a fresh device: its setup screen).
        if (mode === 'admin') await waitForStaffGate(page);
        else await waitForMode(page, mode);
        assert.deepEqual(messages, [], `${path}: ${JSON.stringify(messages)}`);
        page.removeAllListeners('console');
      }
    });
  });
});
