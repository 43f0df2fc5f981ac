// The independent pipeline's documents: kofu certificate PDFs made in Node by the app's own PDF
// module (src/pdf/certificate-pdf.ts) with the kiosk's signed back (src/verify/testing/back-side.ts,
// the demo signer), genuine and forged. A forged PDF prints the front of a tampered certificate
// (src/compare/testing/tamper.ts `tamper`: one character of a name or the address, a date moved by
// a day, one digit of a tax amount, a household member removed) above the genuine back: what a
// forger gets by editing the paper, while the signed data still describes the genuine one.
import { fixture } from '../../tests/e2e/back-side-pdf.mjs';

/**
 * The certificates drawn on (the tamper corpus' requests, CORPUS_REQUESTS in tamper.ts, those
 * printed on one sheet) and which tampers each gets. `id` names the document in file names.
 */
export const DOCUMENTS = [
  // Two of the household's members (the whole household takes two sheets).
  { id: 'takahashi-some', residentId: 'r-takahashi-ichiro', request: { kind: 'juminhyo', scope: 'some', memberIds: ['r-takahashi-ichiro', 'r-takahashi-hanako'], householder: true, honseki: false, myNumber: false }, tampers: ['name', 'date', 'member-removed'] },
  { id: 'yoshida-household', residentId: 'r-yoshida-makoto', request: { kind: 'juminhyo', scope: 'household', householder: true, honseki: true, myNumber: false }, tampers: ['address', 'member-removed'] },
  { id: 'teshigawara-self', residentId: 'r-teshigawara-saemon', request: { kind: 'juminhyo', scope: 'self', householder: true, honseki: true, myNumber: false }, tampers: ['name', 'date'] },
  { id: 'yoshida-tax', residentId: 'r-yoshida-makoto', request: { kind: 'tax', taxKind: 'shotoku-kazei', fiscalYear: 2025 }, tampers: ['amount', 'date'] },
  { id: 'takahashi-tax', residentId: 'r-takahashi-ichiro', request: { kind: 'tax', taxKind: 'shotoku', fiscalYear: 2025 }, tampers: ['amount'] },
  { id: 'teshigawara-inkan', residentId: 'r-teshigawara-saemon', request: { kind: 'inkan' }, tampers: ['address', 'name'] },
];

const canonical = (value) => JSON.stringify(Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => [k, value[k]]));

/** Index of the document's request in allRequests (what issueDemo takes). */
function requestIndex(all, document) {
  const index = all.findIndex((c) => c.residentId === document.residentId && canonical(c.request) === canonical(document.request));
  if (index < 0) throw new Error(`no request for ${document.id}`);
  return index;
}

/**
 * The genuine PDF of `document` (front page 1, back page 2) and, for each of its tampers, the
 * forged PDF: the tampered certificate's front over the genuine back. `serial` makes the seal.
 * @returns {Promise<{ genuine: Buffer, forged: { tamper: string, pdf: Buffer }[], sheets: number }>}
 */
export async function documentPdfs(document, serial, tampers = document.tampers) {
  const { module: k, font } = await fixture();
  const issued = await k.issueDemo(serial, requestIndex(k.allRequests, document));
  const back = { carrier: issued.carrier, qr: issued.qr };
  const options = { createdAt: new Date(k.FIXTURE_NOW * 1000), verifierUrl: k.VERIFIER_URL, print: { seed: Number(issued.cert.issuer.code) } };
  const genuine = k.certificatePdf(issued.cert, font, [back], options);
  const forged = tampers.map((kind) => ({ tamper: kind, pdf: Buffer.from(k.certificatePdf(k.tamper(issued.cert, kind, serial), font, [back], options).pdf) }));
  return { genuine: Buffer.from(genuine.pdf), forged, sheets: genuine.sheets };
}
