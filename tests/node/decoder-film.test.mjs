// The decoder film as printed: the PDF is built in Node from the browser's modules (bundled with
// esbuild), rasterised by poppler's pdftoppm at 600 dpi, and the grating measured on the pixels:
// its period, angle and line width must be the latent screen's (src/patterns/latent-line.ts
// LATENT_DEFAULTS), at physical size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTypeScript } from '../support/import-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DPI = 600;

const havePoppler = (() => {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('the decoder film PDF prints the latent screen grating at its period, angle and line width', { skip: !havePoppler && 'poppler-utils (pdftoppm) is not installed' }, async () => {
  const m = await importTypeScript(
    [
      "export { decoderFilmSheet, FILM_SQUARE } from './src/pdf/decoder-film.ts';",
      "export { buildSimplePdf } from './src/pdf/pdf.ts';",
      "export { parseFont } from './src/render/font.ts';",
      "export { LATENT_DEFAULTS } from './src/patterns/latent-line.ts';",
    ],
    { external: ['html2canvas', 'dompurify', 'canvg', 'core-js'] },
  );
  const fontBytes = new Uint8Array(readFileSync(path.join(root, 'node_modules/@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf')));
  const pdf = m.buildSimplePdf([m.decoderFilmSheet(m.parseFont(fontBytes))], { fontBytes, title: 'film' });
  const dir = mkdtempSync(path.join(tmpdir(), 'kofu-film-'));
  try {
    writeFileSync(path.join(dir, 'film.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-aa', 'no', '-aaVector', 'no', path.join(dir, 'film.pdf'), path.join(dir, 'page')]);
    const bytes = readFileSync(path.join(dir, 'page-1.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString('latin1'));
    const [width] = [Number(header[1])];
    const data = bytes.subarray(header[0].length);
    const px = (mm) => (mm / 25.4) * DPI;
    const inkAt = (xMm, yMm) => data[Math.round(px(yMm)) * width + Math.round(px(xMm))] < 128;

    const { periodMm, angleDeg, lineFraction } = m.LATENT_DEFAULTS;
    const theta = (angleDeg * Math.PI) / 180;
    const [nx, ny] = [Math.cos(theta), Math.sin(theta)];
    const { x, y, size } = m.FILM_SQUARE;
    const [cx, cy] = [x + size / 2, y + size / 2];
    // Across the lines, along the normal: rising edges one period apart, ink half the time.
    const step = 0.01;
    const rising = [];
    let inked = 0;
    let samples = 0;
    let previous = inkAt(cx - 40 * nx, cy - 40 * ny);
    for (let t = -40; t <= 40; t += step) {
      const ink = inkAt(cx + t * nx, cy + t * ny);
      if (ink && !previous) rising.push(t);
      inked += ink ? 1 : 0;
      samples++;
      previous = ink;
    }
    const period = (rising[rising.length - 1] - rising[0]) / (rising.length - 1);
    assert.ok(Math.abs(period - periodMm) < 0.005, `period ${period} mm`);
    // A rasteriser without anti-aliasing inks every pixel a stroke touches: up to one device pixel
    // more on each side of a 0.5 mm line.
    const pixelMm = 25.4 / DPI;
    assert.ok(Math.abs(inked / samples - lineFraction) < (2 * pixelMm) / periodMm, `ink share ${inked / samples}`);
    // Along the lines (perpendicular to the normal): the same pixel state for 50 mm, off a line's
    // centre and off a gap's centre, so the lines run at exactly the screen's angle.
    for (const offset of [rising[40] + (lineFraction * periodMm) / 2, rising[40] + lineFraction * periodMm + ((1 - lineFraction) * periodMm) / 2]) {
      const [ox, oy] = [cx + offset * nx, cy + offset * ny];
      const want = inkAt(ox, oy);
      let same = 0;
      let total = 0;
      for (let s = -25; s <= 25; s += 0.1, total++) if (inkAt(ox - s * ny, oy + s * nx) === want) same++;
      assert.ok(same / total > 0.99, `along the line at ${offset.toFixed(2)} mm: ${same}/${total}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
