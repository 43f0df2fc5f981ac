// A certificate PDF for the verifier's e2e tests in browsers other than Chromium (where the kiosk
// itself issues one): made in Node from the app's own PDF module (src/pdf/certificate-pdf.ts,
// jsPDF) and the verifier fixture (src/verify/testing/back-side.ts). The front pages are the
// certificate as the kiosk prints it, and the back of each sheet is the kiosk's back: the demo
// seal's carrier and QR locator as vector modules, the emblems, the guidance and the patterns.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importTypeScript } from '../support/import-ts.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

let loaded;
function fixture() {
  loaded ??= (async () => {
    const module = await importTypeScript(
      [
        "export * from './src/verify/testing/back-side.ts';",
        "export { parseFont } from './src/render/font.ts';",
        "export { certificatePdf } from './src/pdf/certificate-pdf.ts';",
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

/** A kofu certificate PDF (front page, back page per sheet) sealed with the demo signer. */
export async function backSidePdf({ serial = 21 } = {}) {
  const { module: f, font } = await fixture();
  const issued = await f.issueDemo(serial);
  const back = { carrier: issued.carrier, qr: issued.qr };
  const options = { createdAt: new Date(f.FIXTURE_NOW * 1000), verifierUrl: f.VERIFIER_URL, print: { seed: Number(issued.cert.issuer.code) } };
  const { pdf } = f.certificatePdf(issued.cert, font, [back], options);
  return { pdf: Buffer.from(pdf), serial: issued.cert.serial, locatorText: issued.locatorText };
}
