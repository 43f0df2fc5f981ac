// End-to-end test of the municipality staff procedures in the built app (docs/operations.md):
// an admin device and a tablet, each its own browser context (separate IndexedDB), exchange only
// files, as they would on USB sticks: root key, trust list, signing request, certificate,
// revocation. Also: a wrong-passphrase root restore, trust-list download rules, and the issuance
// log's audit export and verification.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromiumForSuite, serveApp, signInAsStaff, waitForMode, watchPage, withApp } from './harness.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const panel = 'kofu-admin-trust';

async function downloadBytes(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks = await (await download.createReadStream()).toArray();
  return { name: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
}

async function openAdmin(context, origin) {
  const page = await context.newPage();
  page.on('dialog', (dialog) => dialog.accept()); // revocation and key replacement ask for confirmation
  const seen = watchPage(page);
  await page.goto(`${origin}/admin`);
  await signInAsStaff(page);
  await page.locator(`${panel} [data-signer="active"][data-state="certified"]`).waitFor({ timeout: 20_000 }); // demo key provisioned
  return { page, seen };
}

async function turnDemoModeOff(page) {
  await page.locator(`${panel} input[data-action="demo-mode"]`).uncheck();
  await page.locator(`${panel} [data-section="demo"] [data-result="ok"]`).waitFor();
  await page.locator('kofu-app .demo').waitFor({ state: 'detached' });
}

/** A demo issuance log made outside the app with kofu's own seal module (bundled for Node by esbuild). */
async function makeDemoLog(entries) {
  // Only the modules needed (the seal index would pull in the QR code library, which is CommonJS).
  const contents = [
    "export { createLogEntry, signCheckpoint, exportLog } from './src/seal/audit-log.ts';",
    "export { issueDemoSignerCertificate } from './src/seal/demo.ts';",
    "export { generateSignerKeyPair } from './src/seal/keys.ts';",
    "export { keyIdOf, exportCompressedPublicKey } from './src/seal/ec.ts';",
  ].join('\n');
  const bundle = await build({ stdin: { contents, resolveDir: repo, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
  const dir = await mkdtemp(path.join(tmpdir(), 'kofu-e2e-'));
  const file = path.join(dir, 'seal.mjs');
  await writeFile(file, bundle.outputFiles[0].text);
  const seal = await import(pathToFileURL(file).href);
  const now = Math.floor(Date.now() / 1000);
  const keyPair = await seal.generateSignerKeyPair();
  const signer = { privateKey: keyPair.privateKey, certificate: await seal.issueDemoSignerCertificate(keyPair.publicKey, 'DEMO-E2E', now) };
  const kid = await seal.keyIdOf(await seal.exportCompressedPublicKey(keyPair.publicKey));
  const log = [];
  const checkpoints = [];
  for (let i = 0; i < entries; i++) {
    log.push(await seal.createLogEntry(log.at(-1), { serial: 5000 + i, certType: 1, issuedAt: now - 100 + i, signerKid: kid, seal: new Uint8Array([i, 1, 2]) }));
  }
  checkpoints.push(await seal.signCheckpoint(log.at(-1), signer, now));
  return JSON.parse(seal.exportLog(log, checkpoints, now));
}

describe('trust and provisioning (built, in Chromium)', () => {
  const suite = chromiumForSuite();

  it('provisions a tablet from an admin device by files, revokes it, refuses a wrong backup passphrase and restores with the right one', async () => {
    const app = await serveApp();
    const adminContext = await suite.browser.newContext();
    const tabletContext = await suite.browser.newContext();
    try {
      const { page: admin, seen: adminSeen } = await openAdmin(adminContext, app.origin);
      const { page: tablet, seen: tabletSeen } = await openAdmin(tabletContext, app.origin);
      // The tablet's kiosk, open in another tab, stops saying デモ when the admin tab turns demo mode off.
      const kiosk = await tabletContext.newPage();
      await kiosk.goto(`${app.origin}/`);
      await waitForMode(kiosk, 'kiosk');
      await kiosk.locator('kofu-app .demo').waitFor();
      await turnDemoModeOff(admin);
      await turnDemoModeOff(tablet);
      await kiosk.locator('kofu-app .demo').waitFor({ state: 'detached' });
      await kiosk.locator('kofu-app .demo-line').waitFor({ state: 'detached' });
      await kiosk.close();
      await tablet.locator(`${panel} [data-signer="active"][data-state="none"]`).waitFor();

      // Admin device: root key, its encrypted backup, the first trust list.
      await admin.locator(`${panel} form[data-form="create-root"] input[name="municipality"]`).fill('131016');
      await admin.locator(`${panel} form[data-form="create-root"] input[name="name"]`).fill('千代田区');
      await admin.locator(`${panel} button[data-action="create-root"]`).click();
      const rootKid = (await admin.locator(`${panel} [data-field="root-kid"]`).innerText()).trim();
      assert.match(rootKid, /^([0-9a-f]{4} ){3}[0-9a-f]{4}$/);
      await admin.locator(`${panel} form[data-form="backup-root"] input[name="passphrase"]`).fill('ちよだ root key 2026');
      await admin.locator(`${panel} form[data-form="backup-root"] input[name="again"]`).fill('ちよだ root key 2026');
      const backup = await downloadBytes(admin, () => admin.locator(`${panel} button[data-action="backup-root"]`).click());
      assert.equal(backup.name, 'kofu-root-131016.kofukey');
      const list1 = await downloadBytes(admin, () => admin.locator(`${panel} button[data-action="publish"]`).click());
      assert.equal(list1.name, 'kofu-trust-list-v1.kofutrust');

      // Tablet: import the list; its publisher is new, so staff type the key id published by the municipality.
      await tablet.locator(`${panel} input[data-action="import-list"]`).setInputFiles({ name: list1.name, mimeType: 'application/octet-stream', buffer: list1.bytes });
      await tablet.locator(`${panel} form[data-form="confirm-publisher"] input[name="kid"]`).fill(rootKid.toUpperCase());
      await tablet.locator(`${panel} button[data-action="confirm-publisher"]`).click();
      await tablet.locator(`${panel} [data-list="real"][data-version="1"]`).waitFor();

      // Tablet: signing request → admin: certify → tablet: install.
      await tablet.locator(`${panel} form[data-form="request"] input[name="deviceId"]`).fill('T01');
      await tablet.locator(`${panel} form[data-form="request"] input[name="municipality"]`).fill('131016');
      const request = await downloadBytes(tablet, () => tablet.locator(`${panel} button[data-action="create-request"]`).click());
      assert.equal(request.name, 'kofu-request-T01.kofureq');
      const tabletKid = (await tablet.locator(`${panel} [data-signer="active"][data-state="requested"] [data-field="kid"]`).innerText()).trim();

      await admin.locator(`${panel} input[data-action="read-request"]`).setInputFiles({ name: request.name, mimeType: 'application/octet-stream', buffer: request.bytes });
      assert.equal((await admin.locator(`${panel} [data-field="request-kid"]`).innerText()).trim(), tabletKid, 'the admin sees the key id the tablet shows');
      assert.equal(await admin.locator(`${panel} [data-field="request-device"]`).innerText(), 'T01');
      const certificate = await downloadBytes(admin, () => admin.locator(`${panel} button[data-action="certify"]`).click());
      assert.equal(certificate.name, 'kofu-certificate-T01.kofucert');

      await tablet.locator(`${panel} input[data-action="install-certificate"]`).setInputFiles({ name: certificate.name, mimeType: 'application/octet-stream', buffer: certificate.bytes });
      await tablet.locator(`${panel} [data-section="signer"] [data-result="ok"]`).waitFor();
      const signer = tablet.locator(`${panel} [data-signer="active"][data-state="certified"]`);
      assert.equal(await signer.getAttribute('data-demo'), 'false');
      assert.equal(await signer.locator('[data-field="device"]').innerText(), 'T01');
      assert.equal(await signer.locator('[data-field="municipality"]').innerText(), '131016');
      assert.equal((await signer.locator('[data-field="kid"]').innerText()).trim(), tabletKid);

      // A wrong passphrase on restore is refused with a clear message, and nothing is stored.
      await tablet.locator(`${panel} form[data-form="restore-root"] input[name="file"]`).setInputFiles({ name: backup.name, mimeType: 'application/octet-stream', buffer: backup.bytes });
      await tablet.locator(`${panel} form[data-form="restore-root"] input[name="passphrase"]`).fill('ちよだ root key 2025');
      await tablet.locator(`${panel} button[data-action="restore-root"]`).click();
      const refusal = tablet.locator(`${panel} [data-section="root"] [data-result="error"]`);
      assert.equal(await refusal.innerText(), 'パスフレーズが違います。バックアップを作成したときのパスフレーズを入力してください。何も変更していません。');
      assert.equal(await tablet.locator(`${panel} [data-field="root-kid"]`).count(), 0);

      // Revocation: the admin revokes T01 and distributes list v2; the tablet then refuses to issue.
      await admin.locator(`${panel} table[data-field="issued"] tr[data-kid="${tabletKid.replace(/ /g, '')}"]`).waitFor();
      const list2 = await downloadBytes(admin, () => admin.locator(`${panel} tr[data-kid="${tabletKid.replace(/ /g, '')}"] button[data-action="revoke"]`).click());
      assert.equal(list2.name, 'kofu-trust-list-v2.kofutrust');
      // The tablet downloads it from its own server (same origin; served here by the test).
      await tablet.route(`${app.origin}/trust/chiyoda.kofutrust`, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: list2.bytes }));
      await tablet.locator(`${panel} form[data-form="import-url"] input[name="url"]`).fill(`${app.origin}/trust/chiyoda.kofutrust`);
      await tablet.locator(`${panel} button[data-action="import-url"]`).click();
      await tablet.locator(`${panel} [data-list="real"][data-version="2"]`).waitFor();
      assert.equal(await tablet.locator(`${panel} [data-list="real"] [data-field="revoked"]`).innerText(), '1');
      await tablet.locator(`${panel} [data-signer="active"] [data-warning="revoked"]`).waitFor();

      // A foreign address is refused before any request is made; an older list is refused too.
      await tablet.locator(`${panel} form[data-form="import-url"] input[name="url"]`).fill('https://trust.example.org/list.kofutrust');
      await tablet.locator(`${panel} button[data-action="import-url"]`).click();
      assert.match(await tablet.locator(`${panel} [data-section="trust"] [data-result="error"]`).innerText(), /このアプリと同じサーバー.*何も変更していません。$/);
      await tablet.locator(`${panel} input[data-action="import-list"]`).setInputFiles({ name: list1.name, mimeType: 'application/octet-stream', buffer: list1.bytes });
      assert.match(await tablet.locator(`${panel} [data-section="trust"] [data-result="error"]`).innerText(), /版 1.*版 2/);
      await tablet.locator(`${panel} [data-list="real"][data-version="2"]`).waitFor();

      // The admin removes the root from the device (after its backup) and restores it with the right passphrase.
      await admin.locator(`${panel} details summary`).click();
      await admin.locator(`${panel} form[data-form="delete-root"] input[name="kid"]`).fill(rootKid);
      await admin.locator(`${panel} button[data-action="delete-root"]`).click();
      await admin.locator(`${panel} form[data-form="restore-root"]`).waitFor();
      await admin.locator(`${panel} form[data-form="restore-root"] input[name="file"]`).setInputFiles({ name: backup.name, mimeType: 'application/octet-stream', buffer: backup.bytes });
      await admin.locator(`${panel} form[data-form="restore-root"] input[name="passphrase"]`).fill('ちよだ root key 2026');
      await admin.locator(`${panel} button[data-action="restore-root"]`).click();
      assert.equal((await admin.locator(`${panel} [data-field="root-kid"]`).innerText()).trim(), rootKid);

      // With everything filled in, the panel still fits a phone without sideways scrolling.
      for (const page of [admin, tablet]) {
        await page.setViewportSize({ width: 390, height: 844 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the admin screen overflows by ${overflow}px on a phone`);
      }

      for (const seen of [adminSeen, tabletSeen]) {
        assert.deepEqual(seen.requests.filter((url) => !url.startsWith(app.origin)), [], 'no request leaves the origin');
        assert.deepEqual(seen.errors, []);
      }
    } finally {
      await adminContext.close();
      await tabletContext.close();
      await app.close();
    }
  });

  it('exports the issuance log for audit and verifies exported files, reporting deleted and modified entries', async () => {
    await withApp(suite.browser, async ({ app, context }) => {
      const { page, seen } = await openAdmin(context, app.origin); // demo mode: the demo root is trusted
      const own = await downloadBytes(page, () => page.locator(`${panel} button[data-action="export-log"]`).click());
      assert.match(own.name, /^kofu-issuance-log-.*\.json$/);
      assert.equal(JSON.parse(own.bytes.toString('utf8')).format, 'kofu-issuance-log');
      await page.locator(`${panel} input[data-action="verify-log-file"]`).setInputFiles({ name: own.name, mimeType: 'application/json', buffer: own.bytes });
      await page.locator(`${panel} [data-log-report][data-ok="true"]`).waitFor();

      const log = await makeDemoLog(12);
      const verify = async (content, name) => {
        await page.locator(`${panel} input[data-action="verify-log-file"]`).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });
        await page.locator(`${panel} [data-log-report]`).waitFor();
        return page.locator(`${panel} [data-log-report]`);
      };
      let report = await verify(log, 'genuine.json');
      await page.locator(`${panel} [data-log-report][data-ok="true"]`).waitFor();
      assert.match(await report.innerText(), /問題はありません。12件/);

      const edited = structuredClone(log);
      edited.entries.splice(4, 1);
      edited.entries[7].serial = 1;
      report = await verify(edited, 'edited.json');
      await page.locator(`${panel} [data-log-report][data-ok="false"]`).waitFor();
      const problems = await page.locator(`${panel} [data-log-report] li[data-problem]`).evaluateAll((items) => items.map((li) => `${li.dataset.problem}@${li.dataset.seq}`));
      assert.ok(problems.includes('deleted@4'), problems.join());
      assert.ok(problems.includes('modified@8'), problems.join());
      assert.match(await report.innerText(), /記録 4〜4 が削除されています/);
      assert.deepEqual(seen.errors, []);
    });
  });
});

