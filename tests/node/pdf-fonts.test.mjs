// Checks with poppler's pdffonts/pdfinfo that a certificate PDF embeds its Japanese font as a
// subset and nothing else, and that its pages are A4. The PDF is made in Node from the same
// modules the browser uses (bundled with esbuild: they are plain TS without DOM).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function loadModules(dir) {
  const entry = `
    export { certificatePdf } from './src/pdf/certificate-pdf.ts';
    export { parseFont } from './src/render/font.ts';
    export { demoRegistry } from './src/registry/demo.ts';
    export { MemoryRegistry } from './src/registry/registry.ts';
    export { buildCertificate } from './src/registry/issue.ts';
    export { dayFromIso } from './src/documents/dates.ts';
  `;
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'pdf-fonts-entry.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
    // jsPDF's optional HTML/SVG helpers are never used here.
    external: ['html2canvas', 'dompurify', 'canvg', 'core-js'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const file = path.join(dir, 'bundle.mjs');
  writeFileSync(file, result.outputFiles[0].contents);
  return import(pathToFileURL(file).href);
}

const havePoppler = (() => {
  try {
    execFileSync('pdffonts', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('certificate PDFs embed only a subset of BIZ UD Mincho and use A4 pages', { skip: !havePoppler && 'poppler-utils (pdffonts) is not installed' }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kofu-pdf-'));
  try {
    const m = await loadModules(dir);
    const bytes = new Uint8Array(readFileSync(path.join(root, 'node_modules/@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf')));
    const font = { bytes, metrics: m.parseFont(bytes) };
    const registry = new m.MemoryRegistry(m.demoRegistry);
    const cert = await m.buildCertificate(registry, 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'household', householder: true, honseki: true, myNumber: true }, { serial: 'N-1', issuedOn: m.dayFromIso('2026-11-25') });
    const { pdf, sheets } = m.certificatePdf(cert, font, [], new Date('2026-11-25T03:00:00Z'));
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
