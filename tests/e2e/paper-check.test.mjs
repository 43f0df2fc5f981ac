// The verifier's paper check end to end in the built app (Chromium): a generated back with the
// latent emblem → the verdict, then "check the paper" → a progressbar naming the step, and Cancel
// stops it with the verdict untouched; pressed again → the hidden 証 found, the revealed image
// drawn, originality "cannot tell" at 300 dpi; the same back with a plain screen → not found; the
// decoder film downloads as a PDF.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backSideWithEmblemPng } from './back-side.mjs';
import { chromiumForSuite, openVerifierPage, withApp } from './harness.mjs';

async function waitUntil(condition, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('verifier paper check (built, in Chromium)', () => {
  const suite = chromiumForSuite();

  it('shows the progress of the check and cancels it, reveals the latent 証 on a back that carries it, says not found on one that does not, and offers the decoder film', { timeout: 240_000 }, async () => {
    const marked = await backSideWithEmblemPng({ serial: 11, mark: true });
    const plain = await backSideWithEmblemPng({ serial: 12, mark: false });
    await withApp(suite.browser, async ({ app, page }) => {
      const seen = await openVerifierPage(page, app.origin);
      const input = page.locator('kofu-verifier-home input[type=file]:not([data-add-page])');

      const open = async (png) => {
        await input.setInputFiles({ name: 'back.png', mimeType: 'image/png', buffer: png });
        await page.locator('kofu-verdict section[data-verdict]').waitFor({ timeout: 60_000 });
      };
      const check = async () => {
        await page.locator('kofu-latent-view button[data-action="check-paper"]').click();
        const latent = page.locator('kofu-latent-view [data-latent]');
        await latent.waitFor({ timeout: 120_000 });
        return latent;
      };

      await open(marked.png);
      // Started, the check shows its step on a progressbar; Cancel stops it and leaves the verdict.
      await page.locator('kofu-latent-view button[data-action="check-paper"]').click();
      const bar = page.locator('kofu-latent-view [role="progressbar"]');
      await bar.waitFor({ timeout: 10_000 });
      assert.match(await bar.getAttribute('aria-valuetext'), /^\d+% — .+/);
      const paperWorkers = () => page.workers().filter((worker) => worker.url().includes('paper-check'));
      await waitUntil(() => paperWorkers().length === 1, 'the paper-check worker started');
      await page.locator('kofu-latent-view button[data-action="cancel-paper"]').click();
      await page.locator('kofu-latent-view [data-paper-cancelled]').waitFor({ timeout: 10_000 });
      // Cancel terminates the worker: the work really stops.
      await waitUntil(() => paperWorkers().length === 0, 'the paper-check worker terminated');
      assert.equal(await bar.count(), 0);
      assert.equal(await page.locator('kofu-latent-view [data-latent]').count(), 0);
      assert.equal(await page.locator('kofu-verdict section[data-verdict]').getAttribute('data-verdict'), 'demo');

      const found = await check();
      assert.equal(await found.getAttribute('data-latent'), 'found', await found.innerText());
      assert.match(await found.innerText(), /潜像が見つかりました/);
      // The signature verdict is untouched by the paper check.
      assert.equal(await page.locator('kofu-verdict section[data-verdict]').getAttribute('data-verdict'), 'demo');
      const canvas = page.locator('kofu-latent-view canvas[data-revealed]');
      const drawn = await canvas.evaluate((c) => ({ width: c.width, height: c.height }));
      assert.ok(drawn.width > 100 && drawn.height > 100, `revealed image ${drawn.width}×${drawn.height}`);
      assert.equal(await page.locator('kofu-latent-view [data-originality]').getAttribute('data-originality'), 'cannot-tell');
      assert.match(await page.locator('kofu-latent-view [data-originality-reason]').innerText(), /600 dpi/);

      const download = page.waitForEvent('download');
      await page.locator('kofu-latent-view button[data-action="decoder-film"]').click();
      assert.equal((await download).suggestedFilename(), 'kofu-decoder-film.pdf');

      await page.locator('kofu-verifier-home button[data-action="again"]').click();
      await open(plain.png);
      const none = await check();
      assert.equal(await none.getAttribute('data-latent'), 'not-found', await none.innerText());
      assert.match(await none.innerText(), /見つかりませんでした/);
      assert.deepEqual(seen.errors, []);
    });
  });
});
