// Shell metrics, measured on the production build (dist/) in Chromium:
//   shell.first_load_js_gzip_kb — gzipped JS fetched before the kiosk's first render
//   shell.precache_mb           — bytes the service worker precaches: what "offline" costs every
//                                 device, a verifier-only one included
//   shell.font_cache_mb         — the certificate font, cached apart (sw.ts): at install on a
//                                 device that opens the kiosk or admin, on first use on a verifier
//   shell.cold_load_ms          — navigation start → first render of the kiosk, empty cache, median
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, serveApp, waitForMode, waitForServiceWorkerControl } from '../tests/e2e/harness.mjs';

const COLD_RUNS = 7;
const dist = new URL('../dist/', import.meta.url).pathname;

/** The eight largest files, biggest first. */
const largest = (files) => [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 8);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export async function runShellBenchmarks() {
  const app = await serveApp();
  const browser = await launchBrowser();
  try {
    const coldTimes = [];
    let firstRenderScripts = [];
    for (let run = 0; run < COLD_RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${app.origin}/`);
      await waitForMode(page, 'kiosk');
      const timing = await page.evaluate(() => {
        const mark = performance.getEntriesByName('kofu:first-render')[0];
        const scripts = performance
          .getEntriesByType('resource')
          .filter((entry) => entry.name.endsWith('.js') && entry.startTime <= mark.startTime && !entry.name.includes('/sw.js'))
          .map((entry) => new URL(entry.name).pathname);
        return { firstRender: mark.startTime, scripts };
      });
      coldTimes.push(timing.firstRender);
      firstRenderScripts = timing.scripts;
      await context.close();
    }

    let gzipBytes = 0;
    for (const script of new Set(firstRenderScripts)) gzipBytes += gzipSync(await readFile(path.join(dist, script))).length;

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.origin}/`);
    await waitForServiceWorkerControl(page);
    const { precache, font } = await page.evaluate(async () => {
      const sizes = { precache: { bytes: 0, entries: 0, files: [] }, font: { bytes: 0, entries: 0, files: [] } };
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        const into = name === 'kofu-font' ? sizes.font : sizes.precache;
        for (const request of await cache.keys()) {
          const bytes = (await (await cache.match(request)).arrayBuffer()).byteLength;
          into.bytes += bytes;
          into.entries++;
          into.files.push({ path: new URL(request.url).pathname, bytes });
        }
      }
      return sizes;
    });
    await context.close();

    return [
      { id: 'shell.first_load_js_gzip_kb', value: +(gzipBytes / 1024).toFixed(1), unit: 'KiB', scripts: [...new Set(firstRenderScripts)], budget: 40 },
      // The largest entries, so that a change in the number shows where it came from.
      { id: 'shell.precache_mb', value: +(precache.bytes / 1048576).toFixed(2), unit: 'MiB', entries: precache.entries, budget: 6, largest: largest(precache.files) },
      { id: 'shell.font_cache_mb', value: +(font.bytes / 1048576).toFixed(2), unit: 'MiB', entries: font.entries },
      { id: 'shell.cold_load_ms', value: Math.round(median(coldTimes)), unit: 'ms', runs: COLD_RUNS, all: coldTimes.map(Math.round), viewport: '1280x800' },
    ];
  } finally {
    await browser.close();
    await app.close();
  }
}
