// Makes the pictures of the printed sheet in docs/images/ from the real PDF: a demo certificate
// made by the app's own PDF module with the kiosk's back (tests/e2e/back-side-pdf.mjs), rendered
// with poppler's pdftoppm, plus the 『複写』 pantograph through the simulated 600 dpi copier
// (src/patterns/copier.ts). Run: node scripts/paper-images.mjs (needs pdftoppm; writes small PNGs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { backSidePdf } from '../tests/e2e/back-side-pdf.mjs';
import { importTypeScript } from '../tests/support/import-ts.mjs';
import { encodePng } from '../tests/support/png.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = path.join(root, 'docs/images');
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(path.join(tmpdir(), 'kofu-paper-'));
const { pdf } = await backSidePdf({ serial: 3 });
const file = path.join(dir, 'sheet.pdf');
writeFileSync(file, pdf);

/** Renders page `page` at `dpi`, cropped to a box in mm, to docs/images/<name>.png (grey unless colour). */
function render(name, page, dpi, box, { colour = false } = {}) {
  const px = (mm) => Math.round((mm / 25.4) * dpi);
  const args = ['-f', String(page), '-l', String(page), '-r', String(dpi), '-png', '-x', String(px(box.x)), '-y', String(px(box.y)), '-W', String(px(box.width)), '-H', String(px(box.height))];
  if (!colour) args.push('-gray');
  execFileSync('pdftoppm', [...args, file, path.join(dir, name)]);
  const made = readdirSync(dir).find((f) => f.startsWith(name) && f.endsWith('.png'));
  writeFileSync(path.join(out, `${name}.png`), readFileSync(path.join(dir, made)));
}

/**
 * A whole page, small: rendered at 200 dpi in grey and averaged 4 × 4 down to 50 dpi, so the
 * 42 µm dots show as the light grey they print as (a direct 50 dpi render draws each dot a pixel).
 */
function overview(name, page) {
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '200', '-gray', file, path.join(dir, name)]);
  const bytes = readFileSync(path.join(dir, readdirSync(dir).find((f) => f.startsWith(name) && f.endsWith('.pgm'))));
  const head = bytes.subarray(0, 64).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  const grey = { data: bytes.subarray(head[0].length), width: Number(head[1]), height: Number(head[2]) };
  const small = shrink(grey, 4);
  writeFileSync(path.join(out, `${name}.png`), encodePng(small.data, small.width, small.height, 1));
}

overview('paper-back', 2);
overview('paper-front', 1);
render('paper-back-qr-panel', 2, 150, { x: 132, y: 26, width: 68, height: 124 }, { colour: true });
render('paper-pantograph-600dpi', 2, 600, { x: 60, y: 262, width: 8, height: 6 });
render('paper-latent-emblem', 2, 300, { x: 136, y: 112, width: 28, height: 28 });
render('paper-front-ground-600dpi', 1, 600, { x: 20, y: 5.5, width: 10, height: 6 }, { colour: true });

// The same pantograph as printed (tiled, laser-600), before and after the simulated copier.
const m = await importTypeScript([
  "export { renderPantograph, PRINT_TILING } from './src/patterns/pantograph.ts';",
  "export { simulateCopy, OFFICE_COPIER_600 } from './src/patterns/copier.ts';",
  "export { renderGround } from './src/patterns/ground.ts';",
  "export { coverage } from './src/patterns/raster.ts';",
]);
const patch = m.renderPantograph({ widthMm: 80, heightMm: 40, seed: 992011, tiling: m.PRINT_TILING });
const copy = m.simulateCopy(patch, m.OFFICE_COPIER_600);
// Shown at 150 dpi (4 × 4 px averaged) so the file stays small; the copy keeps its own scale.
function shrink(r, f) {
  const w = Math.floor(r.width / f);
  const h = Math.floor(r.height / f);
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    let s = 0;
    for (let j = 0; j < f; j++) for (let i = 0; i < f; i++) s += r.data[(y * f + j) * r.width + x * f + i];
    data[y * w + x] = Math.round(s / (f * f));
  }
  return { data, width: w, height: h };
}
for (const [name, r] of [['paper-pantograph-original', patch], ['paper-pantograph-copy', copy]]) {
  const f = Math.round(r.width / (80 / 25.4 * 150));
  const small = shrink(r, Math.max(1, f));
  writeFileSync(path.join(out, `${name}.png`), encodePng(small.data, small.width, small.height, 1));
}
const ground = m.coverage(m.renderGround({ widthMm: 40, heightMm: 40, seed: 992011 }), () => true);
console.log(`ground coverage (992011): ${(100 * ground).toFixed(2)} %; pantograph original ${(100 * m.coverage(patch, () => true)).toFixed(2)} %`);
rmSync(dir, { recursive: true, force: true });
