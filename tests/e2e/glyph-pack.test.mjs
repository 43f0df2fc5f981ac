// The glyph pack in the built app (docs/certificates.md, "Characters"): served under
// /glyphs/ipamj/ with a plain 404 for a shard it does not have, and never in any cache the
// service worker fills — a verifier or kiosk that installs the app downloads none of its 17 MiB.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chromiumForSuite, waitForMode, waitForServiceWorkerControl, withApp } from './harness.mjs';

describe('glyph pack (built, in Chromium)', () => {
  const suite = chromiumForSuite();

  it('serves the shards a registry import asks for, and precaches none of them', async () => {
    await withApp(suite.browser, async ({ app, page }) => {
      await page.goto(`${app.origin}/verify`);
      await waitForMode(page, 'verify');
      await waitForServiceWorkerControl(page);
      const seen = await page.evaluate(async () => {
        const shard = await fetch('/glyphs/ipamj/20b.bin'); // 𠮷 U+20BB7
        const head = [...new Uint8Array(await shard.arrayBuffer()).subarray(0, 4)];
        const missing = await fetch('/glyphs/ipamj/ffff.bin');
        const cached = [];
        for (const name of await caches.keys()) {
          for (const request of await (await caches.open(name)).keys()) if (request.url.includes('/glyphs/')) cached.push(`${name}: ${request.url}`);
        }
        return { status: shard.status, head, missing: missing.status, cached };
      });
      assert.equal(seen.status, 200);
      assert.deepEqual(seen.head, [0x4b, 0x47, 0x50, 1], 'a "KGP" shard, version 1');
      assert.equal(seen.missing, 404);
      assert.deepEqual(seen.cached, [], 'no glyph pack file in any cache');
    });
  });
});
