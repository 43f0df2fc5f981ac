// `npm test`: type check, the ui/ import rule, unit and component tests in headless Chromium, a
// production build, and end-to-end tests against the built app. Every stage runs even when an
// earlier one failed, so a single run shows everything that is wrong; the last line is the
// combined count CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';

const results = '.test-results';

// The browser tests need Chromium; say how to get it instead of failing deep inside a launcher.
const chromium = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium was not found at ${chromium}.\nInstall it (Debian: sudo apt-get install -y chromium) or set CHROME_PATH to a Chromium or Chrome binary.`);
  console.log('\n0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function run(label, command, args) {
  process.stdout.write(`\n── ${label}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  process.stdout.write(`── ${label}: exit ${status} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return status === 0;
}

function readCounts(file) {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8'));
}

const total = { passed: 0, failed: 0, skipped: 0 };
const add = (counts) => {
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
};

// The type check, the ui/ import rule and the build count as one test each: any of them can fail
// without any test failing.
const once = (ok) => (ok ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 });
add(once(run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.'])));
add(once(run('ui imports', 'node', ['scripts/check-ui-imports.mjs'])));

const unitOk = run('unit', 'npx', ['web-test-runner']);
const unit = readCounts(`${results}/unit.json`);
add(unit ?? { passed: 0, failed: 1, skipped: 0 });
if (!unitOk && unit && unit.failed === 0) add({ passed: 0, failed: 1, skipped: 0 });

const built = run('build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
add(once(built));

// Node-side tests (interoperability with openssl, zbarimg, node:crypto …) and the end-to-end
// tests of the built app, one file at a time: they share two cores with a browser.
const nodeTestFiles = ['tests/node', 'tests/e2e'].flatMap((dir) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => `${dir}/${f}`) : [],
);
const runnable = built ? nodeTestFiles : nodeTestFiles.filter((file) => !file.startsWith('tests/e2e/'));
if (!built) add({ passed: 0, failed: 1, skipped: 0 }); // the end-to-end suite could not run at all
if (runnable.length > 0) {
  const nodeOk = run('node + e2e', 'node', [
    '--test', '--test-concurrency=1',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=./tests/support/node-test-counter.mjs', `--test-reporter-destination=${results}/node.json`,
    ...runnable,
  ]);
  const counts = readCounts(`${results}/node.json`);
  add(counts ?? { passed: 0, failed: 1, skipped: 0 });
  if (!nodeOk && counts && counts.failed === 0) add({ passed: 0, failed: 1, skipped: 0 });
}

process.stdout.write(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(total.failed === 0 ? 0 : 1);
