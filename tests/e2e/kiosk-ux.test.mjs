// The kiosk's screens as a resident meets them (issue #13), the terms, the card's return, the paper
// question and a sheet that did not print included: at 1280×800 no step scrolls; axe-core
// finds nothing on any kiosk step, verifier state or admin section; 印刷 opens the browser's print
// dialog for the PDF; the English certificate names are the same on every screen; a 外国人住民's
// certificate gives the date of birth in 西暦. Screenshots of every step (1280×800) and every
// verifier state (390×844) are left in .test-results/screenshots/ to look at (not committed).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { axeViolations, overflowOf, screenshot } from './axe.mjs';
import { backSidePng } from './back-side.mjs';
import { chromiumForSuite, signInAsStaff, waitForMode, waitForStaffGate, watchPage } from './harness.mjs';

const home = 'kofu-kiosk-home';
/** Wednesday 2026-11-25 12:00 JST: inside every service hour. */
const NOON = new Date('2026-11-25T03:00:00Z');
/** 住民票の写し in English, on every screen (src/documents/types.ts CERTIFICATE_TITLES). */
const JUMINHYO_EN = 'Copy of residence record';
const TABLET = { viewport: { width: 1280, height: 800 }, hasTouch: true, acceptDownloads: true };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

/** The steps' findings, asserted together at the end so one run reports every screen. */
class Findings {
  problems = [];
  async check(page, name, { scroll = true } = {}) {
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, name);
    if (scroll) {
      const { vertical, horizontal } = await overflowOf(page);
      if (vertical > 0) this.problems.push(`${name}: scrolls ${vertical}px vertically`);
      if (horizontal > 0) this.problems.push(`${name}: scrolls ${horizontal}px horizontally`);
    }
    for (const v of await axeViolations(page)) this.problems.push(`${name}: axe ${v}`);
    if (name.startsWith('kiosk-')) {
      // One primary action, in one place: the bottom bar of the step.
      const primary = page.locator(`${home} [data-step] button.primary`);
      const count = await primary.count();
      if (count > 1) this.problems.push(`${name}: ${count} primary actions`);
      if (count === 1 && !(await primary.evaluate((b) => Boolean(b.closest('.step-actions'))))) this.problems.push(`${name}: the primary action is not in the step's action bar`);
    }
  }
  /** Printed even when a later step fails, so every screen's findings are seen. */
  report() {
    for (const problem of this.problems) console.log(`finding: ${problem}`);
  }
  assertNone() {
    assert.deepEqual(this.problems, [], this.problems.join('\n'));
  }
}

/**
 * Runs `steps` with fresh Findings; whatever happens the context is closed and every finding is
 * printed, then none may remain.
 */
async function checkScreens(context, steps) {
  const findings = new Findings();
  try {
    await steps(findings);
  } finally {
    findings.report();
    await context.close();
  }
  findings.assertNone();
}

async function open(browser, origin, options = TABLET, route = '/', init) {
  const context = await browser.newContext(options);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  await page.clock.setFixedTime(NOON);
  const seen = watchPage(page);
  await page.goto(`${origin}${route}`);
  return { context, page, seen };
}

/** Opens the kiosk on a tablet, runs `steps(page)`, and closes the context whatever happens. */
async function inKiosk(suite, steps) {
  const { context, page } = await open(suite.browser, suite.app.origin);
  try {
    await waitForMode(page, 'kiosk');
    await steps(page);
  } finally {
    await context.close();
  }
}

const step = (page, name) => page.locator(`${home} [data-step="${name}"]`).waitFor({ timeout: 30_000 });

/** Taps the kiosk control at `selector` and waits for the step it leads to. */
async function clickToStep(page, selector, name) {
  await page.locator(`${home} ${selector}`).click();
  await step(page, name);
}

async function toPin(page, cardId) {
  await page.locator(`${home} [data-action="start"]`).click();
  await clickToStep(page, '[data-step="terms"] [data-action="agree"]', 'reader');
  await clickToStep(page, `[data-card="${cardId}"]`, 'pin');
}

async function typePin(page, pin) {
  for (const digit of pin) await page.locator(`${home} kofu-pin-keypad [data-key="${digit}"]`).click();
  await page.locator(`${home} kofu-pin-keypad [data-key="ok"]`).click();
}

/** Records every `print()` called on an iframe's window (headless Chromium shows no dialog). */
function observePrint() {
  window.__kofuPrints = [];
  const descriptor = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow');
  Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
    configurable: true,
    get() {
      const frameWindow = descriptor.get.call(this);
      if (frameWindow && !frameWindow.__kofuObserved) {
        frameWindow.__kofuObserved = true;
        frameWindow.print = () => window.__kofuPrints.push(this.src);
      }
      return frameWindow;
    },
  });
}

describe('kiosk screens (issue #13)', { timeout: 300_000 }, () => {
  const suite = chromiumForSuite({ serve: true });

  it('every kiosk step fits 1280×800 without scrolling, passes axe, and 印刷 opens the print dialog for the PDF', async () => {
    const { context, page, seen } = await open(suite.browser, suite.app.origin, TABLET, '/', observePrint);
    await checkScreens(context, async (findings) => {
      await waitForMode(page, 'kiosk');
      await findings.check(page, 'kiosk-01-start');
      await clickToStep(page, '[data-action="start"]', 'terms');
      await findings.check(page, 'kiosk-01b-terms');
      assert.equal(await page.locator(`${home} [data-action="cancel"]`).count(), 0, 'one やめる on the terms: their own');
      await clickToStep(page, '[data-action="agree"]', 'reader');
      // The first visit installs the app for offline use and says so: the step must still fit.
      await page.locator('kofu-app [data-notice="offline-ready"]').waitFor({ timeout: 20_000 });
      await findings.check(page, 'kiosk-02-reader');
      await clickToStep(page, '[data-card="demo-card-0001"]', 'pin');
      await findings.check(page, 'kiosk-04-pin');
      await typePin(page, '1234');
      await page.locator(`${home} [data-kind="juminhyo"]:not([disabled])`).waitFor({ timeout: 30_000 });
      await findings.check(page, 'kiosk-06-choose');
      await clickToStep(page, '[data-kind="juminhyo"]', 'options');
      // The longest form: the whole household, with every column, and the 個人番号 warning.
      await page.locator(`${home} [data-option="scope:household"]`).check();
      await page.locator(`${home} [data-option="householder"]`).check();
      await page.locator(`${home} [data-option="honseki"]`).check();
      await page.locator(`${home} [data-option="myNumber"]`).check();
      await page.locator(`${home} [role="note"]`).waitFor();
      await findings.check(page, 'kiosk-07-options-juminhyo');
      const next = await page.locator(`${home} [data-action="next"]`).boundingBox();
      assert.ok(next && next.y + next.height <= 800, '次へ stays on screen with 個人番号 ticked');
      await page.locator(`${home} [data-option="scope:self"]`).check();
      await page.locator(`${home} [data-option="myNumber"]`).uncheck();
      await page.locator(`${home} [data-action="next"]`).click();
      await page.locator(`${home} canvas.preview`).waitFor({ timeout: 30_000 });
      await findings.check(page, 'kiosk-08-confirm');
      const preview = await page.locator(`${home} canvas.preview`).boundingBox();
      assert.ok(preview.width >= 400 && preview.height >= 560, `a large preview (${preview.width}×${preview.height} px)`);
      await clickToStep(page, '[data-action="issue"]', 'card-return');
      await findings.check(page, 'kiosk-09-card-return');
      assert.equal(await page.locator(`${home} [data-action="cancel"]`).count(), 0, 'no やめる after the certificate is issued');
      await clickToStep(page, '[data-action="card-taken"]', 'print');
      await findings.check(page, 'kiosk-10-print');

      await page.locator(`${home} [data-action="print"]`).first().click();
      await page.waitForFunction(() => window.__kofuPrints.length > 0, null, { timeout: 20_000 });
      const printed = await page.evaluate(() => window.__kofuPrints);
      assert.equal(printed.length, 1, 'print() called once for one press');
      assert.match(printed[0], /^blob:/, 'the PDF is printed from its blob URL');
      assert.match(await page.locator(`${home} [data-step="print"]`).innerText(), /A4/);
      await page.locator(`${home} [data-paper]`).waitFor();
      await findings.check(page, 'kiosk-10b-print-paper-question');
      await clickToStep(page, '[data-action="paper-no"]', 'not-printed');
      await findings.check(page, 'kiosk-10c-not-printed');
      await clickToStep(page, '[data-action="issue-again"]', 'print');
      await page.locator(`${home} [data-action="print"]`).first().click();
      await page.locator(`${home} [data-action="paper-yes"]`).click();
      await page.locator(`${home} [data-printed]`).waitFor();

      await clickToStep(page, '[data-action="finish"]', 'end');
      await findings.check(page, 'kiosk-11-end');
      assert.equal(await page.locator(`${home} [data-action="cancel"]`).count(), 0, 'no やめる after the certificate is issued');
      assert.deepEqual(seen.errors, []);
    });
  });

  it('the other kiosk steps — tax options, last-try confirmation, locked card — fit and pass axe', async () => {
    const { context, page, seen } = await open(suite.browser, suite.app.origin);
    await checkScreens(context, async (findings) => {
      await waitForMode(page, 'kiosk');
      await toPin(page, 'demo-card-0004');
      await typePin(page, '2468');
      await page.locator(`${home} [data-kind="tax"]:not([disabled])`).waitFor({ timeout: 30_000 });
      await clickToStep(page, '[data-kind="tax"]', 'options');
      await findings.check(page, 'kiosk-07-options-tax');
      await clickToStep(page, '[data-action="cancel"]', 'start');

      await toPin(page, 'demo-card-0003');
      for (const left of ['2', '1']) {
        await typePin(page, '9999');
        await page.locator(`${home} [data-tries="${left}"]`).waitFor({ timeout: 20_000 });
      }
      await findings.check(page, 'kiosk-04-pin-wrong');
      await typePin(page, '9999');
      await page.locator(`${home} [data-action="last-try-yes"]`).waitFor();
      await findings.check(page, 'kiosk-04-pin-last-try');
      await clickToStep(page, '[data-action="last-try-yes"]', 'locked');
      await findings.check(page, 'kiosk-05-locked');
      await clickToStep(page, '[data-action="demo-reset"]', 'start');
      assert.deepEqual(seen.errors, []);
    });
  });

  it('the whole flow works from the keyboard alone, the zoomed preview and the print dialog included', async () => {
    const { context, page, seen } = await open(suite.browser, suite.app.origin, TABLET, '/', observePrint);
    /** Presses Tab until the focus (through shadow roots) is on `selector`; fails if it never gets there. */
    const tabTo = async (selector) => {
      for (let presses = 0; presses < 60; presses++) {
        await page.keyboard.press('Tab');
        const there = await page.evaluate((sel) => {
          let active = document.activeElement;
          while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
          return Boolean(active?.matches(sel));
        }, selector);
        if (there) return;
      }
      assert.fail(`Tab never reaches ${selector}`);
    };
    /** Tabs to `selector` and presses `key` on it, as a keyboard user activates a control. */
    const tabAndPress = async (selector, key = 'Enter') => {
      await tabTo(selector);
      await page.keyboard.press(key);
    };
    try {
      await waitForMode(page, 'kiosk');
      await tabAndPress('[data-action="start"]');
      await step(page, 'terms');
      await tabAndPress('[data-action="agree"]');
      await step(page, 'reader');
      await tabAndPress('[data-card="demo-card-0002"]');
      await step(page, 'pin');
      await tabTo('[role="group"][tabindex="0"]');
      await page.keyboard.type('5678');
      await page.keyboard.press('Enter');
      await page.locator(`${home} [data-kind="juminhyo"]:not([disabled])`).waitFor({ timeout: 30_000 });
      await tabAndPress('[data-kind="juminhyo"]');
      await step(page, 'options');
      await tabAndPress('[data-option="householder"]', 'Space');
      assert.equal(await page.locator(`${home} [data-option="householder"]`).isChecked(), true);
      await tabAndPress('[data-action="next"]');
      await page.locator(`${home} canvas.preview`).waitFor({ timeout: 30_000 });
      await tabAndPress('[data-action="zoom"]');
      const dialog = page.locator(`${home} kofu-kiosk-confirm dialog`);
      await dialog.waitFor({ state: 'visible' });
      const zoomed = await page.locator(`${home} canvas.zoomed`).evaluate((c) => ({ shown: c.getBoundingClientRect().width, drawn: c.width }));
      assert.ok(zoomed.shown >= 900 && zoomed.drawn >= 900, `the zoomed preview is shown at its natural size (${JSON.stringify(zoomed)})`);
      await screenshot(page, 'kiosk-08-confirm-zoomed');
      for (const v of await axeViolations(page)) assert.fail(`zoomed preview: axe ${v}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await tabAndPress('[data-action="issue"]');
      await step(page, 'card-return');
      await tabAndPress('[data-action="card-taken"]');
      await step(page, 'print');
      await tabAndPress('[data-action="print"]');
      await page.waitForFunction(() => window.__kofuPrints.length === 1, null, { timeout: 20_000 });
      await tabAndPress('[data-action="paper-yes"]');
      await page.locator(`${home} [data-printed]`).waitFor();
      await tabAndPress('[data-action="finish"]');
      await step(page, 'end');
      assert.deepEqual(seen.errors, []);
    } finally {
      await context.close();
    }
  });

  it('English: one name per certificate on every screen, and the large-text mode is remembered', async () => {
    await inKiosk(suite, async (page) => {
      await page.locator('kofu-app [data-action="language"]').click();
      const startNames = await page.locator(`${home} li.cert`).allInnerTexts();
      assert.equal(startNames.length, 6);
      assert.equal(startNames[0], JUMINHYO_EN);
      await toPin(page, 'demo-card-0001');
      await typePin(page, '1234');
      await page.locator(`${home} [data-kind="juminhyo"]:not([disabled])`).waitFor({ timeout: 30_000 });
      const tileNames = await page.locator(`${home} [data-kind] .name`).allInnerTexts();
      assert.deepEqual(tileNames, startNames, 'the start screen and the certificate tiles');
      await clickToStep(page, '[data-kind="juminhyo"]', 'options');
      assert.ok((await page.locator(`${home} [data-step="options"] h2`).innerText()).startsWith(tileNames[0]), 'the options heading');
      await page.locator(`${home} [data-action="next"]`).click();
      await page.locator(`${home} canvas.preview`).waitFor({ timeout: 30_000 });
      assert.ok((await page.locator(`${home} [data-step="confirm"] .lead`).innerText()).includes(tileNames[0]), 'the confirmation');

      // Large text: the header toggle scales the type, and survives a reload like the language.
      const size = () => page.locator(`${home} [data-step="confirm"] .lead`).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      const before = await size();
      await page.locator('kofu-app [data-action="large-text"]').click();
      assert.equal(await page.locator('kofu-app [data-action="large-text"]').getAttribute('aria-pressed'), 'true');
      assert.ok((await size()) > before * 1.15, 'the type grows');
      await page.reload();
      await waitForMode(page, 'kiosk');
      assert.equal(await page.locator('kofu-app [data-action="large-text"]').getAttribute('aria-pressed'), 'true');
      await page.locator('kofu-app [data-action="large-text"]').click();
    });
  });

  it('a 外国人住民 (NEWMAN EMILY ROSE): the date of birth in 西暦 on the certificate', async () => {
    await inKiosk(suite, async (page) => {
      await toPin(page, 'demo-card-0005');
      await typePin(page, '1357');
      await page.locator(`${home} [data-kind="juminhyo"]:not([disabled])`).waitFor({ timeout: 30_000 });
      await clickToStep(page, '[data-kind="juminhyo"]', 'options');
      await page.locator(`${home} [data-action="next"]`).click();
      await page.locator(`${home} canvas.preview`).waitFor({ timeout: 30_000 });
      await page.locator(`${home} [data-action="issue"]`).click();
      await page.locator(`${home} [data-action="card-taken"]`).click({ timeout: 60_000 });
      await step(page, 'print');
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${home} [data-action="download"]`).first().click()]);
      const dir = await mkdtemp(path.join(tmpdir(), 'kofu-foreign-'));
      const file = path.join(dir, 'foreign.pdf');
      await writeFile(file, Buffer.concat(await (await download.createReadStream()).toArray()));
      const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).replace(/[ \u3000]/g, '');
      assert.match(text, /NEWMANEMILYROSE/);
      assert.match(text, /1992年12月1日/, 'born 1992-12-01, printed in 西暦');
      assert.doesNotMatch(text, /平成4年12月1日/);
      // The label column wraps 「在留カード等の｜番号」 (pdftotext puts the value beside the first line).
      assert.match(text, /在留カード等のAB12345678CD\n番号\n/, '「在留カード等の番号」 breaks between words');
      assert.doesNotMatch(text, /在留カード等の番/);
    });
  });

  it('every verifier state at 390×844 passes axe: empty, working, demo verdict, not valid', async () => {
    const valid = await backSidePng({ serial: 21 });
    const forged = await backSidePng({ serial: 22, forged: true });
    const { context, page, seen } = await open(suite.browser, suite.app.origin, PHONE, '/verify');
    await checkScreens(context, async (findings) => {
      await waitForMode(page, 'verify');
      await findings.check(page, 'verify-1-empty', { scroll: false });
      const input = page.locator('kofu-verifier-home input[type=file]:not([data-add-page])');
      await input.setInputFiles({ name: 'back.png', mimeType: 'image/png', buffer: valid.png });
      await page.locator('kofu-verifier-home [aria-busy="true"], kofu-verifier-home [role="status"]').first().waitFor({ timeout: 10_000 });
      await findings.check(page, 'verify-2-working', { scroll: false });
      await page.locator('kofu-verdict section[data-verdict="demo"]').waitFor({ timeout: 60_000 });
      await page.locator('kofu-verdict canvas[data-restored="0"]').waitFor();
      await findings.check(page, 'verify-3-demo', { scroll: false });
      // The verdict names the certificate as the kiosk does (one catalogue, one name).
      await page.locator('kofu-app [data-action="language"]').click();
      assert.match(await page.locator('kofu-verdict section[data-verdict]').innerText(), new RegExp(`\\b${JUMINHYO_EN}\\b`));
      await page.locator('kofu-app [data-action="language"]').click();
      await page.locator('kofu-verifier-home button[data-action="again"]').click();
      await input.setInputFiles({ name: 'forged.png', mimeType: 'image/png', buffer: forged.png });
      await page.locator('kofu-verdict section[data-verdict="invalid"]').waitFor({ timeout: 60_000 });
      await findings.check(page, 'verify-4-invalid', { scroll: false });
      await page.locator('kofu-verifier-home button[data-action="again"]').click();
      await input.setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: await blankPng(page) });
      await page.locator('kofu-verifier-home [data-result="error"], kofu-verdict section[data-verdict]').first().waitFor({ timeout: 60_000 });
      await findings.check(page, 'verify-5-not-found', { scroll: false });
      assert.deepEqual(seen.errors, []);
    });
  });

  it('every admin section passes axe', async () => {
    const { context, page } = await open(suite.browser, suite.app.origin, TABLET, '/admin');
    await checkScreens(context, async (findings) => {
      // The console opens behind staff sign-in (src/ui/staff/): the setup screen is checked too.
      await waitForStaffGate(page);
      await findings.check(page, 'staff setup', { scroll: false });
      await signInAsStaff(page);
      await page.locator('kofu-admin-home [data-persisted]').waitFor({ timeout: 15_000 });
      await findings.check(page, 'admin', { scroll: false });
    });
  });
});

/** A white A4 page at 100 dpi as PNG, drawn by the page itself (no carrier on it). */
function blankPng(page) {
  return page.evaluate(async () => {
    const canvas = new OffscreenCanvas(827, 1169);
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return [...new Uint8Array(await blob.arrayBuffer())];
  }).then((bytes) => Buffer.from(bytes));
}
