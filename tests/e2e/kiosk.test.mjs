// End-to-end test of the kiosk issuance flow in the built app, demo mode, no hardware: a demo card
// on the virtual RC-S380 → PIN → 住民票の写し → issue → the PDF download, checked with poppler's
// pdfinfo and pdftotext; and the wrong-PIN path. The page clock is fixed to a weekday noon (JST)
// so the service-hour rules never depend on when the test runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { importTypeScript } from '../support/import-ts.mjs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { chromiumForSuite, waitForMode, watchPage } from './harness.mjs';

const home = 'kofu-kiosk-home';
/** Wednesday 2026-11-25 12:00 JST. */
const NOON = new Date('2026-11-25T03:00:00Z');


/** kofu's own carrier decoder, locator and seal verifier, in Node. */
function kofuForNode() {
  return importTypeScript([
    "export { decodeCarrier } from './src/carrier/index.ts';",
    "export { decodeLocator } from './src/seal/locator.ts';",
    "export { verifySeal } from './src/seal/seal.ts';",
    "export { openTrustList } from './src/seal/trust-list.ts';",
    "export { trustAnchors } from './src/seal/anchors.ts';",
    "export { demoTrustList } from './src/seal/demo.ts';",
  ]);
}

/** Binary PGM (P5, maxval 255) as written by pdftoppm -gray. */
function parsePgm(bytes) {
  const header = bytes.subarray(0, 64).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  assert.ok(header, 'a P5 PGM');
  const [whole, width, height] = header;
  return { data: new Uint8Array(bytes.subarray(whole.length, whole.length + Number(width) * Number(height))), width: Number(width), height: Number(height) };
}

async function openKiosk(browser, origin, { width = 1280, height = 800 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, hasTouch: true, acceptDownloads: true });
  const page = await context.newPage();
  await page.clock.setFixedTime(NOON);
  const seen = watchPage(page);
  await page.goto(`${origin}/`);
  await waitForMode(page, 'kiosk');
  return { context, page, seen };
}

async function placeDemoCard(page, cardId) {
  await page.locator(`${home} [data-action="start"]`).click();
  await page.locator(`${home} [data-card="${cardId}"]`).click();
  await page.locator(`${home} [data-step="pin"]`).waitFor({ timeout: 20_000 });
}

async function typePin(page, pin) {
  for (const digit of pin) await page.locator(`${home} kofu-pin-keypad [data-key="${digit}"]`).click();
  await page.locator(`${home} kofu-pin-keypad [data-key="ok"]`).click();
}

/** From the choice step: 住民票の写し (`choose` may tick options and check the fee) → preview → issue → the PDF saved to a temp dir. */
async function issueJuminhyo(page, choose = async () => {}) {
  await page.locator(`${home} [data-kind="juminhyo"]:not([disabled])`).waitFor({ timeout: 20_000 });
  await page.locator(`${home} [data-kind="juminhyo"]`).click();
  await choose();
  await page.locator(`${home} [data-action="next"]`).click();
  await page.locator(`${home} canvas.preview`).waitFor({ timeout: 30_000 });
  await page.locator(`${home} [data-action="issue"]`).click();
  await page.locator(`${home} [data-step="print"]`).waitFor({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${home} [data-action="download"]`).first().click()]);
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  const dir = await mkdtemp(path.join(tmpdir(), 'kofu-kiosk-'));
  const file = path.join(dir, download.suggestedFilename());
  await writeFile(file, bytes);
  return { download, bytes, dir, file };
}

describe('kiosk issuance (demo mode)', { timeout: 180_000 }, () => {
  const suite = chromiumForSuite({ serve: true });

  it('demo card → PIN → 住民票の写し → issue → a PDF that poppler reads', async () => {
    const { context, page, seen } = await openKiosk(suite.browser, suite.app.origin);
    try {
      assert.match(await page.locator(`${home} h1`).innerText(), /証明書の交付/);
      await placeDemoCard(page, 'demo-card-0001');
      assert.match(await page.locator(`${home} [data-tries]`).innerText(), /3/);
      await typePin(page, '1234');
      const { download, bytes, dir, file } = await issueJuminhyo(page, async () => {
        await page.locator(`${home} [data-option="householder"]`).check();
        assert.match(await page.locator(`${home} [data-fee]`).innerText(), /200/);
      });
      assert.match(download.suggestedFilename(), /^kofu-juminhyo-992011-[0-9A-F]{6}-\d{6}\.pdf$/);
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      assert.match(info, /Pages:\s+2/, 'one sheet: front and back');
      assert.match(info, /A4/);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      assert.match(text, /住民票/);
      assert.match(text.replace(/\s/g, ''), /髙橋一郎/);
      // The back page carries the QR locator: a URL to this app's verifier with the digits.
      execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '150', '-png', file, path.join(dir, 'back')]);
      const png = (await readdir(dir)).find((name) => name.startsWith('back') && name.endsWith('.png'));
      const qr = execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, png)], { encoding: 'utf8' }).trim();
      assert.match(qr, new RegExp(`^${suite.app.origin.replace(/[.]/g, '\\.')}/verify#\\d{136}$`));
      // …and the carrier: scanned at 300 dpi (grey), decoded with the locator's key, it is a seal
      // that verifies under the demo trust list for this very certificate.
      execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '300', '-gray', file, path.join(dir, 'scan')]);
      const pgm = await readFile(path.join(dir, (await readdir(dir)).find((name) => name.startsWith('scan') && name.endsWith('.pgm'))));
      const kofu = await kofuForNode();
      const locator = kofu.decodeLocator(qr);
      assert.equal(locator.issuer, 992011);
      const scan = parsePgm(pgm);
      const { payload } = await kofu.decodeCarrier(scan, locator.whiteningKey);
      const now = Math.floor(NOON.getTime() / 1000);
      const list = await kofu.openTrustList(await kofu.demoTrustList(now), await kofu.trustAnchors({ demoMode: true }), { demoMode: true });
      const verdict = await kofu.verifySeal(payload, list, { demoMode: true, supportedRenderVersions: [1], now });
      assert.equal(verdict.ok, true, verdict.reason?.en);
      const serial = Number(download.suggestedFilename().match(/(\d{6})\.pdf$/)[1]);
      assert.equal(verdict.claims.serial, serial);
      assert.equal(locator.serial, serial);

      await page.locator(`${home} [data-action="finish"]`).click();
      assert.match(await page.locator(`${home} [data-step="end"] h2`).innerText(), /カードをお取りください/);
      await page.locator(`${home} [data-action="again"]`).click();
      await page.locator(`${home} [data-action="start"]`).waitFor();
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });

  it('𠮷田 誠: the PDF prints 𠮷 from its carried outline, embedded as a subset font whose text is U+20BB7', async () => {
    const { context, page, seen } = await openKiosk(suite.browser, suite.app.origin);
    try {
      await placeDemoCard(page, 'demo-card-0004');
      await typePin(page, '2468');
      const { file } = await issueJuminhyo(page);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2).map((line) => line.trim().split(/\s+/));
      assert.deepEqual(fonts.map((f) => f[0].replace(/^[A-Z]{6}\+/, '')).sort(), ['BIZUDMincho-Regular', 'KofuCarriedGlyphs']);
      for (const f of fonts) {
        assert.match(f[0], /^[A-Z]{6}\+/, 'a subset name (PDF 32000-1 §9.6.4)');
        assert.deepEqual(f.slice(4, 7), ['yes', 'yes', 'yes'], `emb/sub/uni: ${f.join(' ')}`);
      }
      const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
      assert.match(text.replace(/\s/g, ''), /\u{20BB7}田誠/u, 'the registered code point, not 吉 or 〓');
      assert.doesNotMatch(text, /〓/);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });

  it('wrong PIN: the tries left go down with a message; Cancel returns to the start', async () => {
    const { context, page, seen } = await openKiosk(suite.browser, suite.app.origin, { width: 390, height: 844 });
    try {
      await placeDemoCard(page, 'demo-card-0002');
      await typePin(page, '0000');
      await page.locator(`${home} [data-pin-message]`).waitFor({ timeout: 20_000 });
      assert.match(await page.locator(`${home} [data-tries]`).innerText(), /2/);
      await page.locator(`${home} [data-action="cancel"]`).click();
      await page.locator(`${home} [data-action="start"]`).waitFor();
      // The card remembers: placed again, it has two tries left.
      await placeDemoCard(page, 'demo-card-0002');
      assert.match(await page.locator(`${home} [data-tries]`).innerText(), /2/);
      await typePin(page, '5678');
      await page.locator(`${home} [data-step="choose"]`).waitFor({ timeout: 20_000 });
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });

  it('last try needs a confirmation; a locked card is explained; demo mode can reset it', async () => {
    const { context, page, seen } = await openKiosk(suite.browser, suite.app.origin);
    try {
      await placeDemoCard(page, 'demo-card-0003');
      for (const left of ['2', '1']) {
        await typePin(page, '9999');
        await page.locator(`${home} [data-tries="${left}"]`).waitFor({ timeout: 20_000 });
      }
      await typePin(page, '9999');
      await page.locator(`${home} [data-action="last-try-yes"]`).click();
      await page.locator(`${home} [data-step="locked"]`).waitFor({ timeout: 20_000 });
      assert.match(await page.locator(`${home} [data-step="locked"]`).innerText(), /窓口/);
      await page.locator(`${home} [data-action="demo-reset"]`).click();
      await page.locator(`${home} [data-action="start"]`).waitFor();
      await placeDemoCard(page, 'demo-card-0003');
      assert.match(await page.locator(`${home} [data-tries]`).innerText(), /3/);
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });

  it('one kiosk per device: a second tab says the kiosk is already open, and may open it once the first closes', async () => {
    const { context, page, seen } = await openKiosk(suite.browser, suite.app.origin);
    try {
      await page.locator(`${home} [data-action="start"]`).click();
      await page.locator(`${home} [data-step="reader"]`).waitFor();
      const second = await context.newPage();
      await second.clock.setFixedTime(NOON);
      await second.goto(`${suite.app.origin}/`);
      await waitForMode(second, 'kiosk');
      const notice = second.locator(`${home} [data-step="start"] [role="alert"]`);
      await notice.waitFor();
      assert.match(await notice.innerText(), /別のタブ.*交付画面がすでに開いています/);
      await second.locator(`${home} [data-action="start"]`).click();
      assert.equal(await second.locator(`${home} [data-step="reader"]`).count(), 0, 'no second kiosk session');
      assert.match(await notice.innerText(), /すでに開いています/);
      await page.close();
      // The second tab was waiting for the lock: it takes the kiosk over and the notice goes.
      await notice.waitFor({ state: 'detached' });
      await second.locator(`${home} [data-action="start"]`).click();
      await second.locator(`${home} [data-step="reader"]`).waitFor();
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });

  it('USB readers: a blocked WebUSB (SecurityError) and a browser without WebUSB get plain words', async () => {
    const blocked = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await blocked.newPage();
      await page.addInitScript(() => {
        navigator.usb.requestDevice = () => Promise.reject(new DOMException('Access denied by policy', 'SecurityError'));
      });
      await page.goto(`${suite.app.origin}/`);
      await waitForMode(page, 'kiosk');
      await page.locator(`${home} [data-action="start"]`).click();
      await page.locator(`${home} [data-action="usb"]`).click();
      assert.match(await page.locator(`${home} [data-notice]`).innerText(), /SecurityError/);
      assert.match(await page.locator(`${home} [data-notice]`).innerText(), /USB機器の利用が許可されていません/);
    } finally {
      await blocked.close();
    }
    const without = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await without.newPage();
      await page.addInitScript(() => {
        delete Navigator.prototype.usb;
      });
      await page.goto(`${suite.app.origin}/`);
      await waitForMode(page, 'kiosk');
      await page.locator(`${home} [data-action="start"]`).click();
      assert.equal(await page.locator(`${home} [data-action="usb"]`).isDisabled(), true);
      assert.match(await page.locator(`${home} [data-step="reader"]`).innerText(), /ChromeまたはEdge/);
      // The demo cards still work.
      assert.ok((await page.locator(`${home} [data-card]`).count()) >= 5);
    } finally {
      await without.close();
    }
  });
});
