// Checks with poppler's pdffonts/pdfinfo that a certificate PDF embeds its Japanese font as a
// subset and nothing else, and that its pages are A4. The PDF is made in Node from the same
// modules the browser uses (bundled with esbuild: they are plain TS without DOM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTypeScript } from '../support/import-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function loadModules() {
  return importTypeScript(
    [
      "export { certificatePdf } from './src/pdf/certificate-pdf.ts';",
      "export { parseFont } from './src/render/font.ts';",
      "export { demoRegistry } from './src/registry/demo.ts';",
      "export { MemoryRegistry } from './src/registry/registry.ts';",
      "export { buildCertificate } from './src/registry/issue.ts';",
      "export { dayFromIso } from './src/documents/dates.ts';",
    ],
    // jsPDF's optional HTML/SVG helpers are never used here.
    { external: ['html2canvas', 'dompurify', 'canvg', 'core-js'] },
  );
}

/** Mean grey per 40×40 block of a binary PGM (P5), as in src/render/render.test.ts. */
function fingerprintPgm(bytes) {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 40).toString('latin1'));
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = bytes.subarray(header[0].length);
  const block = 40;
  const cols = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  const sum = new Float64Array(cols * rows);
  const count = new Uint32Array(cols * rows);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const b = Math.floor(y / block) * cols + Math.floor(x / block);
      sum[b] += data[y * width + x];
      count[b]++;
    }
  }
  return { width, height, print: Array.from(sum, (v, i) => Math.round(v / count[i])) };
}

function certificateFont(m) {
  const bytes = new Uint8Array(readFileSync(path.join(root, 'node_modules/@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf')));
  return { bytes, metrics: m.parseFont(bytes) };
}

/** The PDF's first page through poppler at 150 dpi against a golden image's fingerprint: the worst and mean block difference. */
function goldenDifference(file, dir, goldenName) {
  execFileSync('pdftoppm', ['-r', '150', '-scale-to-x', '1240', '-scale-to-y', '1754', '-gray', '-f', '1', '-l', '1', '-singlefile', file, path.join(dir, 'front')]);
  const pdfPrint = fingerprintPgm(readFileSync(path.join(dir, 'front.pgm')));
  const golden = JSON.parse(readFileSync(path.join(root, `src/render/golden/${goldenName}.json`), 'utf8'));
  assert.deepEqual([pdfPrint.width, pdfPrint.height], [1240, 1754]);
  let worst = 0;
  let total = 0;
  for (let i = 0; i < golden.fingerprint.length; i++) {
    const d = Math.abs(golden.fingerprint[i] - pdfPrint.print[i]);
    worst = Math.max(worst, d);
    total += d;
  }
  return { worst, mean: total / golden.fingerprint.length };
}

/**
 * Runs `body` with the bundled modules, the certificate font and a scratch folder for the PDFs
 * and rasters, which is removed afterwards whether the test passes or not.
 */
async function withBuiltModules(body) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kofu-pdf-'));
  try {
    const m = await loadModules(dir);
    await body({ dir, m, font: certificateFont(m) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A resident's 住民票 (self scope, every optional line) as the golden images of src/render/render.test.ts draw it. */
const goldenJuminhyo = (m, residentId) =>
  m.buildCertificate(new m.MemoryRegistry(m.demoRegistry), residentId, { kind: 'juminhyo', scope: 'self', householder: true, honseki: true, myNumber: true }, { serial: 'R8-000123', issuedOn: m.dayFromIso('2026-11-25') });

const havePoppler = (() => {
  try {
    execFileSync('pdffonts', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('certificate PDFs embed only a subset of BIZ UD Mincho and use A4 pages', { skip: !havePoppler && 'poppler-utils (pdffonts) is not installed' }, async () => {
  await withBuiltModules(async ({ dir, m, font }) => {
    const registry = new m.MemoryRegistry(m.demoRegistry);
    const cert = await m.buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', householder: true, honseki: true, myNumber: true }, { serial: 'N-1', issuedOn: m.dayFromIso('2026-11-25') });
    const { pdf, sheets } = m.certificatePdf(cert, font, [], { createdAt: new Date('2026-11-25T03:00:00Z') });
    assert.equal(sheets, 2);
    const file = path.join(dir, 'juminhyo.pdf');
    writeFileSync(file, pdf);

    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.equal(fonts.length, 1, `exactly one font:\n${fonts.join('\n')}`);
    const columns = fonts[0].trim().split(/\s{1,}/);
    // name, type (2 words), encoding, emb, sub, uni, object id, generation
    assert.match(columns[0], /^[A-Z]{6}\+BIZUDMincho-Regular$/);
    assert.equal(`${columns[1]} ${columns[2]}`, 'CID TrueType');
    assert.deepEqual(columns.slice(4, 7), ['yes', 'yes', 'yes'], `emb/sub/uni: ${fonts[0]}`);
    assert.ok(pdf.length < 600 * 1024, `PDF is ${pdf.length} bytes: the 5.9 MB font must be subset`);

    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Pages:\s+4/);
    assert.match(info, /Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
  });
});

test('the PDF front matches the browser bitmap of the same certificate (golden fingerprint)', { skip: !havePoppler && 'poppler-utils (pdftoppm) is not installed' }, async (t) => {
  await withBuiltModules(async ({ dir, m, font }) => {
    // The same certificate as the 'juminhyo' golden image in src/render/render.test.ts.
    const cert = await goldenJuminhyo(m, 'r-teshigawara-saemon');
    const file = path.join(dir, 'golden.pdf');
    writeFileSync(file, m.certificatePdf(cert, font).pdf);
    const { worst, mean } = goldenDifference(file, dir, 'juminhyo');
    // Poppler and Chromium rasterise glyphs differently, so the tolerance is wider than between
    // two Chromium runs; a moved line, cell or paragraph would exceed it by far.
    t.diagnostic(`PDF (poppler) vs bitmap (Chromium): worst block ${worst}, mean ${mean.toFixed(3)} grey levels`);
    // Measured: worst 8, mean 0.6.
    assert.ok(worst <= 16 && mean <= 1, `PDF differs from the bitmap: worst block ${worst}, mean ${mean.toFixed(2)}`);
  });
});

test('辻󠄂 葛󠄀雄 and the 外字 address: the PDF text is the registered code points, the front matches its golden image', { skip: !havePoppler && 'poppler-utils is not installed' }, async (t) => {
  await withBuiltModules(async ({ dir, m, font }) => {
    // The certificate of the 'juminhyo-tsuji' golden image in src/render/render.test.ts.
    const cert = await goldenJuminhyo(m, 'r-tsuji-katsuo');
    const file = path.join(dir, 'tsuji.pdf');
    const { pdf, missing } = m.certificatePdf(cert, font);
    assert.deepEqual(missing, []);
    writeFileSync(file, pdf);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.equal(fonts.length, 2, fonts.join('\n'));
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).replace(/\s/g, '');
    // 辻 + U+E0102 (IPAmj), 葛 + U+E0100 (BIZ UD Mincho's own variant), the 外字 U+E000 in 壄沢.
    assert.ok(text.includes('\u8FBB\u{E0102}葛\u{E0100}雄'), 'name with both selectors');
    assert.ok(text.includes('藤見市\uE000沢三丁目'), 'address with the 外字 code point');
    const { worst, mean } = goldenDifference(file, dir, 'juminhyo-tsuji');
    t.diagnostic(`PDF (poppler) vs bitmap (Chromium): worst block ${worst}, mean ${mean.toFixed(3)}`);
    assert.ok(worst <= 16 && mean <= 1, `PDF differs from the bitmap: worst ${worst}`);
  });
});
