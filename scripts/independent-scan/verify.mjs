// The real verifier on the independent pipeline's captures: the built app (dist/) in Chromium,
// the front and the back given as two files, the verdict read as a person sees it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, openVerifierPage, serveApp } from '../../tests/e2e/harness.mjs';

const MIME = { jpg: 'image/jpeg', png: 'image/png' };
const asFile = (file) => ({ name: path.basename(file), mimeType: MIME[path.extname(file).slice(1)], buffer: readFileSync(file) });

/**
 * A verifier session on the built app: `check(front, back)` uploads the two files and returns
 * `{ outcome, front, text }` — the whole sheet's outcome (authentic / suspect / undetermined /
 * …), the front comparison's status (match / differs / unreadable, null when none is
 * shown) and the verdict's text. `close()` ends it.
 */
export async function verifierSession() {
  const app = await serveApp();
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const seen = await openVerifierPage(page, app.origin);
  const verdict = page.locator('kofu-verdict section[data-verdict]');
  let first = true;
  return {
    seen,
    async check(front, back) {
      if (!first) await page.locator('kofu-verifier-home button[data-action="again"]').click();
      first = false;
      await page.locator('kofu-verifier-home .drop input[type=file]').setInputFiles([asFile(front), asFile(back)]);
      await verdict.waitFor({ timeout: 180_000 });
      const outcome = await verdict.getAttribute('data-outcome');
      const status = page.locator('kofu-front-compare [data-front-status]');
      const front_ = (await status.count()) ? await status.getAttribute('data-front-status') : null;
      return { outcome, front: front_, text: (await verdict.innerText()).replace(/\s+/gu, ' ').slice(0, 300) };
    },
    async close() {
      await context.close();
      await browser.close();
      await app.close();
    },
  };
}
