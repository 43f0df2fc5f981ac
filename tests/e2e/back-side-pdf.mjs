// A certificate PDF for the verifier's e2e tests in browsers other than Chromium (where the kiosk
// itself issues one): made in Node from the app's own PDF module (src/pdf/certificate-pdf.ts,
// jsPDF) and the verifier fixture (src/verify/testing/back-side.ts). The front pages are the
// certificate as the kiosk prints it, and the back of each sheet is the kiosk's back: the demo
// seal's carrier and QR locator as vector modules, the emblems, the guidance and the patterns.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTypeScript } from '../support/import-ts.mjs';
import { encodePng } from '../support/png.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

let loaded;
/**
 * kofu's modules for making PDFs in Node (the verifier fixture, the PDF module, the layout, the
 * request matrix and the tamper corpus' `tamper`) with the certificate font loaded: `{ module, font }`.
 */
export function fixture() {
  loaded ??= (async () => {
    const module = await importTypeScript(
      [
        "export * from './src/verify/testing/back-side.ts';",
        "export { parseFont } from './src/render/font.ts';",
        "export { certificatePdf } from './src/pdf/certificate-pdf.ts';",
        "export { buildPdf } from './src/pdf/pdf.ts';",
        "export { layoutCertificate } from './src/render/render.ts';",
        "export { CERTIFICATE_TITLES } from './src/documents/types.ts';",
        "export { allRequests } from './src/registry/issue.fixtures.ts';",
        "export { tamper } from './src/compare/testing/tamper.ts';",
      ],
      // jsPDF's optional HTML/SVG helpers are never used here.
      { external: ['html2canvas', 'dompurify', 'canvg', 'core-js'] },
    );
    const bytes = new Uint8Array(await readFile(path.join(root, 'node_modules/@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf')));
    const metrics = module.parseFont(bytes);
    module.useFont(async () => metrics);
    return { module, font: { bytes, metrics } };
  })();
  return loaded;
}

/**
 * A kofu certificate PDF (front page, back page per sheet) sealed with the demo signer, and the
 * same back as a 300 dpi PNG (for a front and back given as separate files). `overlay`: the
 * first front gets a white box over the first resident's name and a new name drawn on it — as an
 * editor would alter the PDF: the old text stays in the text layer under the box.
 */
export async function backSidePdf({ serial = 21, overlay } = {}) {
  const { module: f, font } = await fixture();
  const issued = await f.issueDemo(serial);
  const back = { carrier: issued.carrier, qr: issued.qr };
  const createdAt = new Date(f.FIXTURE_NOW * 1000);
  const backPng = Buffer.from(encodePng(f.backPage(issued).data, f.PAGE.width, f.PAGE.height, 1));
  const name = issued.cert.persons?.[0]?.name;
  if (!overlay) {
    const options = { createdAt, verifierUrl: f.VERIFIER_URL, print: { seed: Number(issued.cert.issuer.code) } };
    const { pdf } = f.certificatePdf(issued.cert, font, [back], options);
    return { pdf: Buffer.from(pdf), serial: issued.cert.serial, locatorText: issued.locatorText, backPng, name };
  }
  const { sheets } = f.layoutCertificate(issued.cert, font.metrics);
  const target = sheets[0].ops.find((op) => op.kind === 'text' && op.text === name);
  const em = (target.size * 25.4) / 72;
  const edited = [
    {
      ops: [
        ...sheets[0].ops,
        { kind: 'rect', x: target.x - 0.5, y: target.y - em, w: [...name].length * em + 2, h: em * 1.3, fill: [255, 255, 255], lineWidth: 0 },
        { ...target, text: overlay },
      ],
    },
    ...sheets.slice(1),
  ];
  const pdf = f.buildPdf(edited, [back], { fontBytes: font.bytes, metrics: font.metrics, title: `${f.CERTIFICATE_TITLES[issued.cert.kind].ja} ${issued.cert.serial}`, createdAt });
  return { pdf: Buffer.from(pdf), serial: issued.cert.serial, locatorText: issued.locatorText, backPng, name };
}

/** A PDF of page images, as a duplex scanner saves one: each PNG (`{ png, dpi }`) on its own A4 page. */
export async function imagesPdf(pages) {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  pages.forEach(({ png }, i) => {
    if (i > 0) doc.addPage();
    doc.addImage(new Uint8Array(png), 'PNG', 0, 0, 210, 297);
  });
  return Buffer.from(doc.output('arraybuffer'));
}
