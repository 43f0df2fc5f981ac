// The whole sheet in the built app (issue #11): the verifier works out which page is the front
// and which the back, compares the front with the signed data and shows where it differs.
//   - kofu's own two-page PDF → 真正 for the whole sheet (text layer and pixels compared);
//   - the PDF with an overlay on the front (white box + new name; the old text stays in the
//     layer) → 改ざん・偽造の疑い with the region and the unsigned text;
//   - a duplex scanner's PDF (front and back as page images) → compared, 真正; the same with the
//     front raster swapped for the overlaid one → 改ざん・偽造の疑い;
//   - the front alone → 判定できません, "add the back"; adding the back → 真正.
// axe-core runs on the suspect and front-only states.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { axeViolations } from './axe.mjs';
import { backSidePdf, imagesPdf } from './back-side-pdf.mjs';
import { chromiumForSuite, openVerifierPage, withApp } from './harness.mjs';

/** Page `page` of `pdf` as a 300 dpi grey PNG (poppler), as a flatbed scanner would save it. */
async function pageScan(pdf, page) {
  const dir = await mkdtemp(path.join(tmpdir(), 'kofu-sheet-'));
  await writeFile(path.join(dir, 'in.pdf'), pdf);
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '300', '-gray', '-png', path.join(dir, 'in.pdf'), path.join(dir, 'scan')]);
  return readFile(path.join(dir, (await readdir(dir)).find((name) => name.startsWith('scan') && name.endsWith('.png'))));
}

describe('whole sheet (built, in Chromium)', () => {
  const suite = chromiumForSuite();

  it('kofu PDF genuine → 真正; overlaid → 改ざんの疑い with the region; duplex-scanner PDF compared; front alone → add the back', { timeout: 600_000 }, async () => {
    const genuine = await backSidePdf({ serial: 31 });
    const forgedName = genuine.name.replace(/^./u, '田');
    const overlaid = await backSidePdf({ serial: 31, overlay: forgedName });
    const frontScan = await pageScan(genuine.pdf, 1);
    const forgedScan = await pageScan(overlaid.pdf, 1);
    await withApp(
      suite.browser,
      async ({ app, page }) => {
        const seen = await openVerifierPage(page, app.origin);
        const input = page.locator('kofu-verifier-home .drop input[type=file]');
        const verdict = page.locator('kofu-verdict section[data-verdict]');
        const again = () => page.locator('kofu-verifier-home button[data-action="again"]').click();
        const outcome = async () => {
          await verdict.waitFor({ timeout: 120_000 });
          return verdict.getAttribute('data-outcome');
        };

        // 1. kofu's own PDF: the front page compared by its text layer and its pixels.
        await input.setInputFiles({ name: 'kofu.pdf', mimeType: 'application/pdf', buffer: genuine.pdf });
        assert.equal(await outcome(), 'authentic', await verdict.innerText());
        assert.match(await verdict.innerText(), /真正/);
        await page.locator('kofu-verdict [data-note="front-matches"]').waitFor();
        assert.equal(await page.locator('kofu-front-compare [data-front-status]').getAttribute('data-front-status'), 'match');

        // 2. The overlay: the old name under a white box, a new one drawn over it.
        await again();
        await input.setInputFiles({ name: 'edited.pdf', mimeType: 'application/pdf', buffer: overlaid.pdf });
        assert.equal(await outcome(), 'suspect', await verdict.innerText());
        assert.match(await verdict.innerText(), /改ざん・偽造の疑い/);
        assert.equal(await page.locator('kofu-front-compare [data-front-status]').getAttribute('data-front-status'), 'differs');
        assert.match(await page.locator('kofu-front-compare [data-text-added]').innerText(), new RegExp(forgedName.split(/\s/u)[0]));
        // The regions are drawn on the restored image; overlay and blink views open.
        await page.locator('kofu-front-compare canvas[data-view="restored"]').waitFor();
        await page.locator('kofu-front-compare [data-compare-view="overlay"]').click();
        await page.locator('kofu-front-compare canvas[data-view="overlay"]').waitFor();
        assert.deepEqual(await axeViolations(page), [], 'axe on the suspect verdict');

        // 3. A duplex scanner's PDF: the front and the back as page images (no text layer).
        await again();
        const duplex = await imagesPdf([{ png: frontScan }, { png: genuine.backPng }]);
        await input.setInputFiles({ name: 'duplex.pdf', mimeType: 'application/pdf', buffer: duplex });
        assert.equal(await outcome(), 'authentic', await verdict.innerText());
        await page.locator('kofu-verdict [data-note="front-matches"]').waitFor();

        // …and with the front raster swapped for the overlaid page's.
        await again();
        const swapped = await imagesPdf([{ png: forgedScan }, { png: genuine.backPng }]);
        await input.setInputFiles({ name: 'swapped.pdf', mimeType: 'application/pdf', buffer: swapped });
        assert.equal(await outcome(), 'suspect', await verdict.innerText());
        assert.equal(await page.locator('kofu-front-compare [data-front-status]').getAttribute('data-front-status'), 'differs');
        assert.match(await page.locator('kofu-front-compare [data-front-status]').innerText(), /異なる箇所：[1-9]/);

        // 4. The front alone: not 無効 — "this is the front, add the back"; then the back is added.
        await again();
        await input.setInputFiles({ name: 'front.png', mimeType: 'image/png', buffer: frontScan });
        assert.equal(await outcome(), 'undetermined', await verdict.innerText());
        assert.match(await verdict.innerText(), /表面です。裏面.*追加/);
        assert.doesNotMatch(await verdict.innerText(), /無効/);
        assert.deepEqual(await axeViolations(page), [], 'axe on the front-only verdict');
        await page.locator('kofu-verifier-home [data-add-page]').setInputFiles({ name: 'back.png', mimeType: 'image/png', buffer: genuine.backPng });
        await page.locator('kofu-verdict section[data-outcome="authentic"]').waitFor({ timeout: 120_000 });
        await page.locator('kofu-verdict [data-note="front-matches"]').waitFor();

        assert.deepEqual(seen.errors, []);
      },
      { context: { viewport: { width: 1280, height: 900 } } },
    );
  });
});
