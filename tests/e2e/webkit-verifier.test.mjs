// The verifier in WebKit, Safari's engine and the browser of most phones in Japan: Debian's
// WebKitGTK MiniBrowser driven by WebKitWebDriver (tests/support/webkit.mjs) on an Xvfb display.
// A generated back side and a kofu PDF each give the demo verdict, no page logs an error, and
// after a reload the service worker controls the page. Skipped, not failed, where WebKitGTK's
// driver is not installed; .ci/run installs it.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { errorProbeProxy } from '../support/error-probe.mjs';
import { launchWebKit, webKitUnavailable } from '../support/webkit.mjs';
import { backSidePdf } from './back-side-pdf.mjs';
import { backSidePng } from './back-side.mjs';
import { serveApp } from './harness.mjs';

const unavailable = webKitUnavailable();

/** Page-script expressions into the verifier view (WebDriver has no shadow-piercing selector). */
const HOME = `document.querySelector('kofu-app')?.shadowRoot?.querySelector('kofu-verifier-home')?.shadowRoot`;
const VERDICT = `${HOME}?.querySelector('kofu-verdict')?.shadowRoot`;
const SHOWN = `return document.querySelector('kofu-app')?.shadowRoot?.querySelector('main')?.innerText ?? document.body.innerText`;

async function openVerifier(session, origin) {
  await session.navigate(`${origin}/verify`);
  await session.waitFor(`return (${HOME}?.querySelector('h1')?.textContent ?? '').includes('証明書の確認')`, { describe: SHOWN });
}

/** Chooses `file` in the verifier's file input, as a user picking it in the file dialog would. */
async function choose(session, file) {
  const input = await session.element(`return ${HOME}.querySelector('input[type=file]')`);
  await session.sendKeys(input, file);
}

/** Waits for the verdict and reads what a test checks of it. */
async function readVerdict(session) {
  await session.waitFor(`return !!${VERDICT}?.querySelector('section[data-verdict]')`, { timeout: 90_000, describe: SHOWN });
  return session.execute(`
    const root = ${VERDICT};
    const section = root.querySelector('section[data-verdict]');
    const field = (name) => root.querySelector('[data-field="' + name + '"]')?.textContent.trim() ?? '';
    const canvas = root.querySelector('canvas[data-restored="0"]');
    return { verdict: section.dataset.verdict, text: section.textContent, serial: field('serial'), issuer: field('issuer'), restoredWidth: canvas ? canvas.width : 0 };
  `);
}

const pageErrors = (session) => session.execute('return window.__kofuErrors ?? ["the error probe did not load"]');

describe('verifier in WebKit (WebKitGTK MiniBrowser)', { skip: unavailable ?? false }, () => {
  let webkit;
  let session;
  let app;
  let proxy;
  let dir;
  before(async () => {
    app = await serveApp();
    proxy = await errorProbeProxy(app.origin);
    webkit = await launchWebKit();
    session = await webkit.newSession();
    dir = await mkdtemp(path.join(tmpdir(), 'kofu-webkit-'));
  });
  after(async () => {
    await session?.close().catch(() => {});
    await webkit?.close();
    await proxy?.close();
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs in WebKit', () => {
    assert.equal(session.capabilities.browserName, 'MiniBrowser');
    assert.match(session.capabilities.browserVersion, /^\d+\.\d+/);
  });

  it('verifies a generated back side and a kofu PDF: DEMO verdict, restored image, no page error', { timeout: 240_000 }, async () => {
    const back = await backSidePng({ serial: 12 });
    const issued = await backSidePdf({ serial: 13 });
    await writeFile(path.join(dir, 'back.png'), back.png);
    await writeFile(path.join(dir, 'certificate-000013.pdf'), issued.pdf);

    await openVerifier(session, proxy.origin);
    await choose(session, path.join(dir, 'back.png'));
    const scan = await readVerdict(session);
    assert.equal(scan.verdict, 'demo', scan.text);
    assert.match(scan.text, /デモ/);
    assert.match(scan.serial, /^[0-9A-F]{6}-000012$/);
    assert.equal(scan.restoredWidth, 1240);

    // The PDF itself: PDF.js (its worker from this origin) renders the back page at 300 dpi.
    await session.execute(`${HOME}.querySelector('button[data-action="again"]').click()`);
    await session.waitFor(`return !${VERDICT}?.querySelector('section[data-verdict]')`);
    await choose(session, path.join(dir, 'certificate-000013.pdf'));
    const pdf = await readVerdict(session);
    assert.equal(pdf.verdict, 'demo', pdf.text);
    assert.equal(pdf.serial, issued.serial);
    assert.match(pdf.issuer, /\S/);
    assert.equal(pdf.restoredWidth, 1240);

    assert.deepEqual(await pageErrors(session), []);
  });

  it('is controlled by the service worker after a reload, and still logs no error', { timeout: 120_000 }, async () => {
    await openVerifier(session, proxy.origin);
    await session.executeAsync(`
      const done = arguments[arguments.length - 1];
      navigator.serviceWorker.ready.then(() => done(true), (error) => done(String(error)));
    `);
    await session.refresh();
    await session.waitFor(`return (${HOME}?.querySelector('h1')?.textContent ?? '').includes('証明書の確認')`, { describe: SHOWN });
    const control = await session.execute(`return { controlled: !!navigator.serviceWorker.controller, script: navigator.serviceWorker.controller?.scriptURL ?? '' }`);
    assert.equal(control.controlled, true);
    assert.match(control.script, /\/sw\.js$/);
    assert.deepEqual(await pageErrors(session), []);
  });

  it('verifies a kofu PDF with the server gone: PDF.js and its worker come from the precache', { timeout: 120_000 }, async () => {
    const precached = await session.executeAsync(`
      const done = arguments[arguments.length - 1];
      (async () => {
        const urls = [];
        for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
        return urls;
      })().then(done, (error) => done([String(error)]));
    `);
    assert.ok(precached.some((url) => /\/assets\/pdf\.worker\.min-[\w-]+\.mjs$/.test(url)), `the pdf.js worker is precached: ${precached.join(' ')}`);

    const issued = await backSidePdf({ serial: 14 });
    await writeFile(path.join(dir, 'certificate-000014.pdf'), issued.pdf);
    await app.close(); // every request the service worker does not answer now fails (502 from the proxy)
    await openVerifier(session, proxy.origin);
    await choose(session, path.join(dir, 'certificate-000014.pdf'));
    const pdf = await readVerdict(session);
    assert.equal(pdf.verdict, 'demo', pdf.text);
    assert.equal(pdf.serial, issued.serial);
    assert.deepEqual(await pageErrors(session), []);
  });
});
