// The production build runs jsPDF through scripts/jspdf-slim.ts, which takes out the plugin
// modules kofu never calls (images, forms, HTML, SVG …). These tests pin down that this changes
// no byte of any PDF kofu makes: the same modules are bundled twice, once over jsPDF's full ES
// build and once over the slim one, and every kind of PDF is built with both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { importTypeScript } from '../support/import-ts.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const JSPDF_ES = path.join(root, 'node_modules/jspdf/dist/jspdf.es.js');
// jsPDF's optional HTML/SVG helpers are never loaded.
const external = ['html2canvas', 'dompurify', 'canvg', 'core-js'];

const slimModule = importTypeScript(["export { slimJsPdf, UNUSED_JSPDF_MODULES } from './scripts/jspdf-slim.ts';"], { external: ['vite'] });

/** esbuild: `jspdf` is its ES build (the one the app bundles), slimmed or not. */
function jsPdfEsBuild(slim) {
  return {
    name: 'kofu-jspdf-es',
    setup(build) {
      build.onResolve({ filter: /^jspdf$/ }, () => ({ path: JSPDF_ES }));
      build.onLoad({ filter: /[\\/]jspdf[\\/]dist[\\/]jspdf\.es\.js$/ }, async (args) => {
        const code = await readFile(args.path, 'utf8');
        return { contents: slim ? (await slimModule).slimJsPdf(code) : code, loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

const pdfModules = (slim) =>
  importTypeScript(
    [
      "export * from './src/verify/testing/back-side.ts';",
      "export { parseFont } from './src/render/font.ts';",
      "export { certificatePdf } from './src/pdf/certificate-pdf.ts';",
      "export { buildSimplePdf } from './src/pdf/pdf.ts';",
      "export { calibrationSheet, pantographCalibrationSheet } from './src/pdf/calibration.ts';",
      "export { decoderFilmSheet } from './src/pdf/decoder-film.ts';",
      "export { allRequests } from './src/registry/issue.fixtures.ts';",
    ],
    { external, plugins: [jsPdfEsBuild(slim)] },
  );

/** Index of the first differing byte, or -1. */
function firstDifference(a, b) {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : length;
}

let loaded;
/** Both bundles, the certificate font, and every kind of PDF kofu makes as a function of a bundle. */
function fixture() {
  loaded ??= (async () => {
    const [full, slim] = await Promise.all([pdfModules(false), pdfModules(true)]);
    const bytes = new Uint8Array(await readFile(path.join(root, 'node_modules/@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf')));
    const metrics = full.parseFont(bytes);
    const font = { bytes, metrics };
    full.useFont(async () => metrics);
    const createdAt = new Date(full.FIXTURE_NOW * 1000);

    // One certificate of each kind, with the kiosk's back: carrier, QR locator, patterns.
    const cases = [];
    const kinds = new Set();
    for (const [index, { request }] of full.allRequests.entries()) {
      if (kinds.has(request.kind)) continue;
      let issued;
      try {
        issued = await full.issueDemo(100 + index, index);
      } catch (error) {
        if (error.name === 'IneligibleError') continue; // this resident has no such record
        throw error;
      }
      kinds.add(request.kind);
      const options = { createdAt, verifierUrl: full.VERIFIER_URL, print: { seed: Number(issued.cert.issuer.code) } };
      const back = [{ carrier: issued.carrier, qr: issued.qr }];
      cases.push([`${request.kind} certificate`, (m) => m.certificatePdf(issued.cert, font, back, options).pdf]);
    }
    assert.equal(kinds.size, 6, `the fixtures cover every certificate kind: ${[...kinds]}`);
    cases.push(['calibration sheet', (m) => {
      const pairs = m.pantographCalibrationSheet(metrics, 992011);
      return m.buildSimplePdf([m.calibrationSheet(metrics), pairs.sheet], { fontBytes: bytes, title: 'kofu calibration sheet', createdAt }, [[], pairs.patches]);
    }]);
    cases.push(['decoder film', (m) => m.buildSimplePdf([m.decoderFilmSheet(metrics)], { fontBytes: bytes, title: 'kofu latent-image decoder film', createdAt })]);
    return { full, slim, cases };
  })();
  return loaded;
}

// Without this the comparison below could not hold: jsPDF draws a random /ID unless it is given one.
test('a PDF made twice from the same input has the same bytes', async () => {
  const { full, cases } = await fixture();
  for (const [name, make] of cases) {
    const at = firstDifference(make(full), make(full));
    assert.equal(at, -1, `${name}: the second PDF differs from byte ${at}`);
  }
});

test('the slim jsPDF writes the same bytes as the full one for every kind of PDF kofu makes', async () => {
  const { full, slim, cases } = await fixture();
  for (const [name, make] of cases) {
    const expected = make(full);
    const actual = make(slim);
    assert.ok(expected.length > 1000, `${name}: a PDF was made`);
    const at = firstDifference(expected, actual);
    assert.equal(at, -1, `${name}: the slim build's PDF differs from byte ${at} (${expected.length} vs ${actual.length} bytes)`);
  }
});

test('the slim jsPDF leaves out every module it names and what only they used', async () => {
  const { slimJsPdf, UNUSED_JSPDF_MODULES } = await slimModule;
  // Compared without comments: jsPDF's JSDoc names what it removes.
  const withoutComments = (source) => transformSync(source, { format: 'esm', legalComments: 'none' }).code;
  const source = await readFile(JSPDF_ES, 'utf8');
  const slimSource = slimJsPdf(source);
  // Its last statement names the methods taken out, to throw a clear error (the next test).
  const [code, slim] = [withoutComments(source), withoutComments(slimSource.slice(0, slimSource.lastIndexOf('\nfor (const name of ')))];
  // What each module installs, and the decoders only they called.
  for (const installed of ['processPNG', 'processJPEG', 'addImage', 'addField', 'AcroFormTextField', 'context2d', 'addSvgAsImage', 'html2canvas', 'WebPDecoder', 'GifReader', 'BmpDecoder', 'JPEGEncoder', "fast-png"]) {
    assert.ok(code.includes(installed), `jsPDF's build has ${installed}`);
    assert.ok(!slim.includes(installed), `the slim build has no ${installed}`);
  }
  // What kofu draws with stays.
  for (const kept of ['jsPDF.API.TTFFont', 'addFileToVFS', 'TilingPattern', 'splitTextToSize', "fflate"]) assert.ok(slim.includes(kept), `the slim build keeps ${kept}`);
  assert.ok(Object.keys(UNUSED_JSPDF_MODULES).length >= 20);
});

test('a module the slim transform cannot find fails the build instead of passing silently', async () => {
  const { slimJsPdf } = await slimModule;
  const code = await readFile(JSPDF_ES, 'utf8');
  assert.throws(() => slimJsPdf(code, { someday: /^installedSomeday$/ }), /nothing installs jsPDF module\(s\) someday/);
});

test('a jsPDF method the slim build left out throws an error that names it', async () => {
  const { jsPDF } = await importTypeScript(["export { jsPDF } from 'jspdf';"], { external, plugins: [jsPdfEsBuild(true)] });
  const doc = new jsPDF();
  assert.throws(() => doc.addImage(new Uint8Array(8), 'PNG', 0, 0, 10, 10), /jsPDF's addImage\(\) is not in kofu's build/);
  assert.throws(() => doc.html('<p>'), /jsPDF's html\(\) is not in kofu's build/);
  assert.equal(typeof doc.text, 'function');
});
