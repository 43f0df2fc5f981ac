// Renders public/icons/icon.svg to the PNG icons the web app manifest lists, with Chromium.
// Run by hand after changing the SVG: node scripts/make-icons.mjs (the PNGs are committed).
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { chromiumArgs, chromiumPath } from '../tests/support/chromium.mjs';

const svg = await readFile(new URL('../public/icons/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const page = await browser.newPage();
// Maskable icons keep their content inside the central 80 % "safe zone" (W3C manifest spec).
const targets = [
  { file: 'icon-192.png', size: 192, inset: 0, background: 'transparent' },
  { file: 'icon-512.png', size: 512, inset: 0, background: 'transparent' },
  { file: 'icon-maskable-512.png', size: 512, inset: 0.12, background: '#0b5cad' },
];
for (const { file, size, inset, background } of targets) {
  await page.setViewportSize({ width: size, height: size });
  const pad = Math.round(size * inset);
  await page.setContent(`<body style="margin:0;background:${background}"><div style="padding:${pad}px">${svg.replace('<svg ', `<svg width="${size - 2 * pad}" height="${size - 2 * pad}" `)}</div></body>`);
  await page.screenshot({ path: new URL(`../public/icons/${file}`, import.meta.url).pathname, omitBackground: background === 'transparent' });
}
await browser.close();
console.log('icons written');
