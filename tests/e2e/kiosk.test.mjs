// End-to-end test of the kiosk issuance flow in the built app, demo mode, no hardware: terms →
// a demo card on the virtual RC-S380 → PIN → 住民票の写し → issue → the card back → the PDF
// download, checked with poppler's pdfinfo and pdftotext; a sheet that did not print, voided in the
// issuance log and issued again; the wrong-PIN path; the readers the browser already allows. The page clock is fixed to a weekday noon (JST)
// so the service-hour rules never depend on when the test runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { importTypeScript } from '../support/import-ts.mjs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { axeViolations, overflowOf, screenshot } from './axe.mjs';
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
    "export { BACK_LAYOUT, PATTERN_AREA, backKeepOuts } from './src/pdf/back-layout.ts';",
    "export { DEMO_VERIFIER_URL } from './src/app/print-settings.ts';",
    "export { LATENT_DEFAULTS } from './src/patterns/latent-line.ts';",
  ]);
}

const px600 = (mm) => Math.round((mm / 25.4) * 600);

/** Mean ink (0..1) of a grey image inside a box in mm, at 600 dpi. */
function inkIn(img, box) {
  let ink = 0;
  let n = 0;
  for (let y = px600(box.y); y < px600(box.y + box.height); y++) {
    for (let x = px600(box.x); x < px600(box.x + box.width); x++) {
      ink += 1 - img.data[y * img.width + x] / 255;
      n++;
    }
  }
  return ink / n;
}

/**
 * The amplitude of one spatial frequency in a box (600 dpi): |Σ ink·e^(−2πj(x cos θ + y sin θ)/p)| / n.
 * A 50 % line screen of period p at θ has 2/π · ½ ≈ 0.32 there; other frequencies have ≈ 0.
 */
function lineScreenAmplitude(img, box, periodMm, angleDeg) {
  const t = (angleDeg * Math.PI) / 180;
  const k = (2 * Math.PI) / ((periodMm / 25.4) * 600);
  let re = 0;
  let im = 0;
  let n = 0;
  for (let y = px600(box.y); y < px600(box.y + box.height); y++) {
    for (let x = px600(box.x); x < px600(box.x + box.width); x++) {
      const ink = 1 - img.data[y * img.width + x] / 255;
      const phase = k * ((x - px600(box.x) + 0.5) * Math.cos(t) + (y - px600(box.y) + 0.5) * Math.sin(t));
      re += ink * Math.cos(phase);
      im -= ink * Math.sin(phase);
      n++;
    }
  }
  return Math.hypot(re, im) / n;
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

/**
 * Opens the kiosk (see openKiosk), runs `body`, asserts that the page logged no errors, and
 * closes the context whatever happens.
 */
async function inKiosk(suite, body, viewport) {
  const { context, page, seen } = await openKiosk(suite.browser, suite.app.origin, viewport);
  try {
    await body({ context, page });
    assert.deepEqual(seen.errors, []);
  } finally {
    await context.close();
  }
}

/** はじめる and 同意する: the reader step. */
async function startAndAgree(page) {
  await page.locator(`${home} [data-action="start"]`).click();
  await page.locator(`${home} [data-step="terms"] [data-action="agree"]`).click();
  await page.locator(`${home} [data-step="reader"]`).waitFor();
}

async function placeDemoCard(page, cardId) {
  await startAndAgree(page);
  await page.locator(`${home} [data-card="${cardId}"]`).click();
  await page.locator(`${home} [data-step="pin"]`).waitFor({ timeout: 20_000 });
}

async function typePin(page, pin) {
  for (const digit of pin) await page.locator(`${home} kofu-pin-keypad [data-key="${digit}"]`).click();
  await page.locator(`${home} kofu-pin-keypad [data-key="ok"]`).click();
}

/** From the choice step: 住民票の写し (`choose` may tick options and check the fee) → preview → issue → the PDF saved to a temp dir. */
/**
 * From the choice of certificate to the downloaded PDF: 住民票の写し, the options `choose` sets, the
 * preview, 発行, the card taken back (`cardReturn` may check that step first), the print step
 * (`printStep` may check it), and the PDF saved to a temporary file.
 */
async function issueJuminhyo(page, { choose = async () => {}, cardReturn = async () => {}, printStep = async () => {} } = {}) {
  await page.locator(`${home} [data-kind="juminhyo"]:not([disabled])`).waitFor({ timeout: 20_000 });
  await page.locator(`${home} [data-kind="juminhyo"]`).click();
  await choose();
  await page.locator(`${home} [data-action="next"]`).click();
  await page.locator(`${home} canvas.preview`).waitFor({ timeout: 30_000 });
  await page.locator(`${home} [data-action="issue"]`).click();
  // The card goes back before printing; the demo card is taken off its virtual reader by the tap.
  await page.locator(`${home} [data-step="card-return"]`).waitFor({ timeout: 60_000 });
  await cardReturn();
  await page.locator(`${home} [data-action="card-taken"]`).click();
  await page.locator(`${home} [data-step="print"]`).waitFor();
  await printStep();
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
    await inKiosk(suite, async ({ page }) => {
      assert.match(await page.locator(`${home} h1`).innerText(), /証明書の交付/);
      await placeDemoCard(page, 'demo-card-0001');
      assert.match(await page.locator(`${home} [data-tries]`).innerText(), /3/);
      await typePin(page, '1234');
      const { download, bytes, dir, file } = await issueJuminhyo(page, {
        choose: async () => {
          await page.locator(`${home} [data-option="householder"]`).check();
          assert.match(await page.locator(`${home} [data-fee]`).innerText(), /200/);
        },
        cardReturn: async () => {
          assert.match(await page.locator(`${home} [data-step="card-return"] h2`).innerText(), /カードをお取りください/);
          assert.equal(await page.locator(`${home} [data-action="cancel"]`).count(), 0, 'no やめる once issued');
        },
        printStep: async () => {
          assert.equal(await page.locator(`${home} [data-card-still-in]`).count(), 0);
          assert.match(await page.locator(`${home} [data-step="print"] [data-fee]`).innerText(), /手数料 200円.*レジでお支払いください/s);
        },
      });
      assert.match(download.suggestedFilename(), /^kofu-juminhyo-992011-[0-9A-F]{6}-\d{6}\.pdf$/);
      assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      assert.match(info, /Pages:\s+2/, 'one sheet: front and back');
      assert.match(info, /A4/);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      assert.match(text, /住民票/);
      assert.match(text.replace(/\s/g, ''), /髙橋一郎/);
      const kofu = await kofuForNode();
      // The back page carries the QR locator: the municipality's configured verifier URL (here
      // the demo default, never this kiosk's own origin) with the digits, read from a 600 dpi render.
      execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '600', '-png', file, path.join(dir, 'back')]);
      const png = (await readdir(dir)).find((name) => name.startsWith('back') && name.endsWith('.png'));
      const qr = execFileSync('zbarimg', ['--quiet', '--raw', path.join(dir, png)], { encoding: 'utf8' }).trim();
      assert.match(qr, new RegExp(`^${kofu.DEMO_VERIFIER_URL.replace(/[.]/g, '\\.')}#\\d{136}$`));
      assert.ok(!qr.startsWith(suite.app.origin), 'not the kiosk’s own origin');
      assert.match(text, new RegExp(kofu.DEMO_VERIFIER_URL.replace(/[.]/g, '\\.')), 'the caption prints the verifier URL');
      assert.match(text, /交付番号/);
      // The patterns, measured on the back at 600 dpi where the PDF puts them.
      execFileSync('pdftoppm', ['-f', '2', '-l', '2', '-r', '600', '-gray', file, path.join(dir, 'back600')]);
      const back600 = parsePgm(await readFile(path.join(dir, (await readdir(dir)).find((name) => name.startsWith('back600') && name.endsWith('.pgm')))));
      const L = kofu.BACK_LAYOUT;
      // 『複写』 pantograph: ≈ 6.25 % ink (laser-600) in an empty stretch below the guidance…
      const pantograph = inkIn(back600, { x: 14, y: 262, width: 180, height: 16 });
      assert.ok(pantograph > 0.04 && pantograph < 0.09, `pantograph coverage ${pantograph}`);
      // …and none in the carrier panel's margin, the QR's quiet zone or around the emblems.
      const panelMargin = inkIn(back600, { x: L.panel.x + 1, y: L.carrier.y + L.carrier.height + 0.5, width: L.panel.width - 2, height: 3 });
      assert.ok(panelMargin < 0.002, `panel margin ink ${panelMargin}`);
      // (The locator's QR is version 6: 41 modules and 4 of quiet zone each side across L.qr.width.)
      const qrQuiet = inkIn(back600, { x: L.qr.x - 1.5, y: L.qr.y, width: 1.5 + (L.qr.width / 49) * 3.5, height: L.qr.height });
      assert.ok(qrQuiet < 0.002, `QR quiet zone ink ${qrQuiet}`);
      // 万線 latent image: a strong spectral peak at its period and angle in the emblem's border
      // (outside the hidden mark), none at the mirrored angle.
      const band = { x: L.latent.x, y: L.latent.y, width: L.latent.width, height: 3.5 };
      const { periodMm, angleDeg } = kofu.LATENT_DEFAULTS;
      const peak = lineScreenAmplitude(back600, band, periodMm, angleDeg);
      const off = lineScreenAmplitude(back600, band, periodMm, -angleDeg);
      assert.ok(peak > 0.25 && off < 0.05, `latent screen peak ${peak}, mirrored ${off}`);
      // The IR emblem prints ink (a grey square: its K and CMY separations are not visible here).
      const ir = inkIn(back600, L.ir);
      assert.ok(ir > 0.3 && ir < 0.8, `IR emblem ink ${ir}`);
      // The front carries the pantograph and the 地紋 under the text: a light, non-zero ground.
      execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '600', '-gray', '-x', '0', '-y', '0', '-W', String(px600(210)), '-H', String(px600(12)), file, path.join(dir, 'front600')]);
      const front600 = parsePgm(await readFile(path.join(dir, (await readdir(dir)).find((name) => name.startsWith('front600') && name.endsWith('.pgm')))));
      const frontGround = inkIn(front600, { x: 6, y: 6, width: 198, height: 4 });
      assert.ok(frontGround > 0.03 && frontGround < 0.15, `front ground coverage ${frontGround}`);
      // …and the carrier: the same 600 dpi render (grey), decoded with the locator's key, is a
      // seal that verifies under the demo trust list for this very certificate.
      const locator = kofu.decodeLocator(qr);
      assert.equal(locator.issuer, 992011);
      const { payload } = await kofu.decodeCarrier(back600, locator.whiteningKey);
      const now = Math.floor(NOON.getTime() / 1000);
      const list = await kofu.openTrustList(await kofu.demoTrustList(now), await kofu.trustAnchors({ demoMode: true }), { demoMode: true });
      const verdict = await kofu.verifySeal(payload, list, { demoMode: true, supportedRenderVersions: [1], now });
      assert.equal(verdict.ok, true, verdict.reason?.en);
      const serial = Number(download.suggestedFilename().match(/(\d{6})\.pdf$/)[1]);
      assert.equal(verdict.claims.serial, serial);
      assert.equal(locator.serial, serial);

      await page.locator(`${home} [data-action="finish"]`).click();
      assert.match(await page.locator(`${home} [data-step="end"] h2`).innerText(), /証明書をお取りください/);
      assert.match(await page.locator(`${home} [data-step="end"] [data-fee]`).innerText(), /手数料 200円を、お店のレジでお支払いください/);
      await page.locator(`${home} [data-action="again"]`).click();
      await page.locator(`${home} [data-action="start"]`).waitFor();
    });
  });

  it('出てこない: the sheet is voided in the issuance log (its seal named), its PDF revoked, and issued again under a new serial', async () => {
    await inKiosk(suite, async ({ page }) => {
      await page.evaluate(() => {
        // Headless Chromium has no print dialog: the hidden frame's print() is a no-op here.
        const descriptor = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow');
        Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
          configurable: true,
          get() {
            const frameWindow = descriptor.get.call(this);
            if (frameWindow) frameWindow.print = () => undefined;
            return frameWindow;
          },
        });
      });
      await placeDemoCard(page, 'demo-card-0002');
      await typePin(page, '5678');
      for (const action of ['[data-kind="juminhyo"]:not([disabled])', '[data-action="next"]', '[data-action="issue"]:not([disabled])', '[data-action="card-taken"]']) {
        await page.locator(`${home} ${action}`).click({ timeout: 60_000 });
      }
      const first = await page.locator(`${home} [data-copy]`).getAttribute('data-copy');
      const firstUrl = await page.locator(`${home} [data-action="download"]`).getAttribute('href');
      await page.locator(`${home} [data-action="print"]`).click();
      await page.locator(`${home} [data-paper] [data-action="paper-no"]`).click();
      await page.locator(`${home} [data-step="not-printed"]`).waitFor();
      assert.match(await page.locator(`${home} [data-voided]`).innerText(), new RegExp(`${first}.*無効`));
      // The print screen (and with it the PDF's blob URL, revoked when it leaves: kiosk-print.test.ts) is gone.
      assert.equal(await page.locator(`${home} [href="${firstUrl}"]`).count(), 0, 'the voided PDF is no longer offered');

      const log = () =>
        page.evaluate(
          () =>
            new Promise((resolve, reject) => {
              const open = indexedDB.open('kofu');
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const request = open.result.transaction('issuanceLog').objectStore('issuanceLog').getAll();
                request.onsuccess = () => resolve(request.result.map((e) => ({ serial: e.serial, certType: e.certType, fee: e.fee, payment: e.payment, seal: [...e.sealHash].join(',') })));
                request.onerror = () => reject(request.error);
              };
            }),
        );
      const entries = await log();
      const [issued, voided] = entries.slice(-2);
      assert.equal(voided.certType, 0, 'a voided entry');
      assert.equal(voided.serial, issued.serial);
      assert.equal(voided.seal, issued.seal, 'it names the seal of the sheet it voids');
      assert.deepEqual([issued.fee, issued.payment, voided.fee], [200, 1, 0], 'fee 200 at the till; nothing for the void');

      await page.locator(`${home} [data-action="issue-again"]`).click();
      await page.locator(`${home} [data-step="print"]`).waitFor({ timeout: 60_000 });
      const second = await page.locator(`${home} [data-copy]`).getAttribute('data-copy');
      assert.notEqual(second, first, 'a new serial');
      assert.equal((await log()).at(-1).serial, issued.serial + 1);
      await page.locator(`${home} [data-action="print"]`).click();
      await page.locator(`${home} [data-paper] [data-action="paper-yes"]`).click();
      await page.locator(`${home} [data-printed]`).waitFor();
      assert.equal(await page.locator(`${home} [data-action="print"]`).isDisabled(), true, 'a printed sheet is not printed twice');
      await page.locator(`${home} [data-action="finish"]`).click();
      assert.match(await page.locator(`${home} [data-step="end"] [data-fee]`).innerText(), /200円/);
    });
  });

  it('𠮷田 誠: the PDF prints 𠮷 from its carried outline, embedded as a subset font whose text is U+20BB7', async () => {
    await inKiosk(suite, async ({ page }) => {
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
    });
  });

  it('wrong PIN: the tries left go down with a message; Cancel returns to the start', async () => {
    await inKiosk(suite, async ({ page }) => {
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
    }, { width: 390, height: 844 });
  });

  it('last try needs a confirmation; a locked card is explained; demo mode can reset it', async () => {
    await inKiosk(suite, async ({ page }) => {
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
    });
  });

  it('one kiosk per device: a second tab says the kiosk is already open, and may open it once the first closes', async () => {
    await inKiosk(suite, async ({ context, page }) => {
      await startAndAgree(page);
      const second = await context.newPage();
      await second.clock.setFixedTime(NOON);
      // A busy tablet answers lock requests late: hold every "if available" claim of this tab back
      // by 300 ms, so the steps below are checked with the claim still under way.
      await second.addInitScript(() => {
        const request = LockManager.prototype.request;
        LockManager.prototype.request = function (name, options, callback) {
          if (!options?.ifAvailable) return request.call(this, name, options, callback);
          return new Promise((resolve) => setTimeout(resolve, 300)).then(() => request.call(this, name, options, callback));
        };
      });
      await second.goto(`${suite.app.origin}/`);
      await waitForMode(second, 'kiosk');
      const notice = second.locator(`${home} [data-step="start"] [role="alert"]`);
      await notice.waitFor();
      assert.match(await notice.innerText(), /別のタブ.*交付画面がすでに開いています/);
      await second.locator(`${home} [data-action="start"]`).click();
      // はじめる is disabled until its claim has answered. Closing the first tab before that
      // would let this very tap take the lock and start a session (which is right for the
      // resident, but not what this step checks), so wait for the answer first.
      await second.locator(`${home} [data-action="start"]:not([disabled])`).waitFor();
      assert.equal(await second.locator(`${home} [data-step="terms"], ${home} [data-step="reader"]`).count(), 0, 'no second kiosk session');
      assert.match(await notice.innerText(), /すでに開いています/);
      await page.close();
      // The second tab was waiting for the lock: it takes the kiosk over and the notice goes.
      await notice.waitFor({ state: 'detached' });
      await startAndAgree(second);
    });
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
      await startAndAgree(page);
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
      await startAndAgree(page);
      assert.equal(await page.locator(`${home} [data-action="usb"]`).isDisabled(), true);
      assert.match(await page.locator(`${home} [data-step="reader"]`).innerText(), /ChromeまたはEdge/);
      // The demo cards still work.
      assert.ok((await page.locator(`${home} [data-card]`).count()) >= 5);
    } finally {
      await without.close();
    }
  });

  it('WebUsbAllowDevicesForUrls: a reader the browser already allows is listed and opened with one tap, no chooser', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      // What getDevices() answers on a managed kiosk: an RC-S380 granted to this origin. This
      // stand-in cannot speak the reader's protocol, so opening it fails after the tap — which is
      // what shows the tap went to that device, and not to the chooser.
      await page.addInitScript(() => {
        window.__kofuUsb = { opened: 0, chooser: 0 };
        const device = {
          vendorId: 0x054c,
          productId: 0x06c3,
          manufacturerName: 'SONY',
          productName: 'RC-S380/P',
          configuration: null,
          opened: false,
          open: () => (window.__kofuUsb.opened++, Promise.reject(new DOMException('Unable to claim interface.', 'NetworkError'))),
        };
        Object.defineProperty(navigator, 'usb', {
          configurable: true,
          value: { getDevices: async () => [device], requestDevice: () => (window.__kofuUsb.chooser++, Promise.reject(new DOMException('none', 'NotFoundError'))) },
        });
      });
      await page.goto(`${suite.app.origin}/`);
      await waitForMode(page, 'kiosk');
      await startAndAgree(page);
      const tile = page.locator(`${home} [data-allowed-reader="054c:06c3"]`);
      assert.match(await tile.innerText(), /SONY RC-S380\/P を使う/);
      assert.match(await page.locator(`${home} [data-action="usb"]`).innerText(), /別のリーダーを選ぶ/);
      // The allowed reader, the demo cards and the chooser together still fit the tablet.
      await page.evaluate(() => document.fonts.ready);
      await screenshot(page, 'kiosk-02b-reader-allowed');
      assert.deepEqual(await overflowOf(page), { vertical: 0, horizontal: 0 });
      assert.deepEqual(await axeViolations(page), []);
      await tile.click();
      await page.locator(`${home} [data-notice]`).waitFor();
      assert.deepEqual(await page.evaluate(() => window.__kofuUsb), { opened: 1, chooser: 0 });
      assert.equal(await page.locator(`${home} [data-action="usb"]`).isDisabled(), false, 'the chooser stays as the fallback');
    } finally {
      await context.close();
    }
  });
});
