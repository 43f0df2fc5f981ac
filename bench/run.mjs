// `npm run bench` (after `vite build`): the shell metrics on the built app, then every
// bench/*.bench.ts module in headless Chromium. Prints a table and writes bench/results.json, an
// array of { id, value, unit, …context }.
//
// A domain benchmark is a module exporting `run(): Promise<Metric[]>`; it is served unbundled by
// @web/dev-server with the same plugins as the unit tests, so it measures the same code.
// `npm run bench -- carrier` runs only the benchmarks whose file name contains "carrier".
//
// A module may also export `options: BenchOptions` and `prepare()` (bench/timing.ts). `cpuThrottlingRate: 4` slows
// the page's CPU fourfold through the DevTools protocol (`Emulation.setCPUThrottlingRate`), a
// stand-in for a mid-range phone or a cheap tablet (the page's main thread only: see throttleCpu).
import { startDevServer } from '@web/dev-server';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../tests/support/chromium.mjs';
import { devServerPlugins, nodeResolve } from '../tests/support/dev-server-plugins.mjs';
import { runShellBenchmarks } from './shell.mjs';

const filter = process.argv[2];
const rootDir = fileURLToPath(new URL('..', import.meta.url));
const metrics = [];
const failures = [];

function record(source, results) {
  for (const metric of results) metrics.push({ ...metric, source });
}

if (!filter || 'shell'.includes(filter)) {
  try {
    record('shell', await runShellBenchmarks());
  } catch (error) {
    failures.push(`shell: ${error.stack ?? error}`);
  }
}

const benchFiles = readdirSync(new URL('.', import.meta.url))
  .filter((file) => file.endsWith('.bench.ts') && (!filter || file.includes(filter)))
  .sort();

if (benchFiles.length > 0) {
  const server = await startDevServer({
    config: { rootDir, port: 0, nodeResolve, plugins: devServerPlugins(), open: false, watch: false },
    logStartMessage: false,
    readCliArgs: false,
    readFileConfig: false,
  });
  const origin = `http://localhost:${server.server.address().port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
  try {
    for (const file of benchFiles) {
      const page = await browser.newPage();
      page.on('pageerror', (error) => failures.push(`${file}: ${error.message}`));
      try {
        await page.goto(`${origin}/bench/blank.html`);
        const options = await page.evaluate(async (url) => (await import(url)).options ?? {}, `/bench/${file}`);
        // Fixtures first, at full speed; then the throttling, if any, for the measured part.
        await page.evaluate(async (url) => (await import(url)).prepare?.(), `/bench/${file}`);
        const throttling = options.cpuThrottlingRate ? await throttleCpu(page, options.cpuThrottlingRate) : {};
        const started = Date.now();
        const results = await page.evaluate(async (url) => (await import(url)).run(), `/bench/${file}`);
        record(file, results.map((metric) => ({ ...metric, ...throttling, bench_seconds: +((Date.now() - started) / 1000).toFixed(1) })));
      } catch (error) {
        failures.push(`${file}: ${error.message}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

/**
 * Slows the page's main thread by `rate` (`Emulation.setCPUThrottlingRate`: 4 means four times
 * slower). Chromium applies it to pages only: sent to a dedicated worker's target it answers
 * "Operation is only supported for pages, not workers" (Chromium 156), so work a bench leaves to
 * a worker runs at full speed; such a bench reports its worker time separately.
 */
async function throttleCpu(page, rate) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { cpu_throttling_rate: rate };
}

const context = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, date: new Date().toISOString() };
const resultsFile = new URL('./results.json', import.meta.url);
// A filtered run updates its own metrics and keeps the others from the last full run.
const kept = filter && existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')).filter((m) => !metrics.some((n) => n.id === m.id)) : [];
writeFileSync(resultsFile, `${JSON.stringify([...kept, ...metrics.map((m) => ({ ...m, ...context }))], null, 2)}\n`);

// `budget` is a ceiling, `budget_min` a floor (frames per second).
const budgetText = (m) => (m.budget !== undefined ? `≤ ${m.budget}` : m.budget_min !== undefined ? `≥ ${m.budget_min}` : '');
const rows = metrics.map((m) => [m.id, String(m.value), m.unit, budgetText(m)]);
const header = ['metric', 'value', 'unit', 'budget'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '─'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));
console.log(`\n${metrics.length} metrics written to bench/results.json`);
if (failures.length > 0) {
  console.error(`\n${failures.length} benchmark(s) failed:\n${failures.join('\n')}`);
  process.exit(1);
}
