/**
 * Synthetic certificate backs for the verifier's tests, e2e fixtures and bench: a real demo seal
 * (demo root → demo signer certificate → ES256 seal over a demo resident's certificate), encoded
 * as the carrier with a fresh whitening key, plus the QR locator, drawn on an A4 page at the
 * layout the PDF uses (src/pdf/pdf.ts BACK_LAYOUT). Test-only code: never imported by the app.
 */
import { encodeCarrier, renderCarrierGrey, FLATBED_PROFILE } from '../../carrier/encode.ts';
import { toSealContent } from '../../documents/codec.ts';
import { CERT_TYPE_CODE, formatSerial, sealOptionsOf } from '../../documents/seal-binding.ts';
import type { Certificate } from '../../documents/types.ts';
import { jstDay } from '../../documents/dates.ts';
import { allRequests } from '../../registry/issue.fixtures.ts';
import { buildCertificate } from '../../registry/issue.ts';
import { demoRegistry } from '../../registry/demo.ts';
import { MemoryRegistry } from '../../registry/registry.ts';
import type { FontMetrics } from '../../render/font.ts';
import { layoutCertificate } from '../../render/render.ts';
import type { CborMap } from '../../seal/cbor.ts';
import type { CertificateTypeCode } from '../../seal/seal.ts';
import { signSeal } from '../../seal/seal.ts';
import { DEMO_MUNICIPALITY_CODE, demoTrustAnchor, demoTrustList, issueDemoSignerCertificate } from '../../seal/demo.ts';
import { generateSignerKeyPair } from '../../seal/keys.ts';
import { decodeSignerCertificate } from '../../seal/signer-certificate.ts';
import { encodeLocator, locatorQr, LOCATOR_VERSION, type Locator } from '../../seal/locator.ts';
import { openTrustList, type TrustList } from '../../seal/trust-list.ts';
import type { SealSigner } from '../../seal/seal.ts';

/** Where the PDF puts the back's parts (mm), as src/pdf/pdf.ts BACK_LAYOUT (not imported: no jsPDF here). */
const BACK_LAYOUT = { scrambled: { x: 30, y: 30 }, qr: { x: 80, y: 200, width: 50 } } as const;

export const PAGE_DPI = 300;
/** A4 at 300 dpi. */
export const PAGE = { width: 2480, height: 3508 } as const;
export const VERIFIER_URL = 'https://kofu.example.jp/verify';
/** 2026-11-25T03:00:00Z: inside the demo root's validity. */
export const FIXTURE_NOW = 1_795_575_600;

export interface DemoSetup {
  readonly trust: { demoMode: boolean; lists: TrustList[] };
  readonly signer: SealSigner;
  readonly kid: Uint8Array;
}

let setup: Promise<DemoSetup> | undefined;

/** The demo trust list (opened) and one demo tablet's signer; made once per test run. */
export function demoSetup(): Promise<DemoSetup> {
  setup ??= (async () => {
    const list = await openTrustList(await demoTrustList(FIXTURE_NOW - 3600), [await demoTrustAnchor()], { demoMode: true });
    const keys = await generateSignerKeyPair();
    const certificate = await issueDemoSignerCertificate(keys.publicKey, 'VERIFY-TEST', FIXTURE_NOW - 3600);
    const { kid } = await decodeSignerCertificate(certificate);
    return { trust: { demoMode: true, lists: [list] }, signer: { privateKey: keys.privateKey, certificate }, kid };
  })();
  return setup;
}

export interface Issued {
  readonly cert: Certificate;
  readonly seal: Uint8Array;
  readonly locator: Locator;
  readonly locatorText: string;
}

let fontMetrics: (() => Promise<FontMetrics>) | undefined;

/** Where the fixture gets font metrics (the browser fetches the app's font; Node reads the file). */
export function useFont(load: () => Promise<FontMetrics>): void {
  fontMetrics = load;
}

async function defaultFont(): Promise<FontMetrics> {
  const { loadCertificateFont } = await import('../../render/font-asset.ts');
  return (await loadCertificateFont()).metrics;
}

/** A demo resident's 住民票 issued by the demo municipality, sealed like the kiosk seals it. */
export async function issueDemo(serial = 42, requestIndex = 0, mutate?: (seal: Uint8Array) => Uint8Array): Promise<Issued> {
  const { signer, kid } = await demoSetup();
  const at = new Date(FIXTURE_NOW * 1000);
  const { residentId, request } = allRequests[requestIndex];
  const built = await buildCertificate(new MemoryRegistry(demoRegistry), residentId, request, { serial: formatSerial(serial), issuedOn: jstDay(at) });
  // Issued in the demo municipality's name, whichever demo code this build's trust list uses.
  const cert = { ...built, issuer: { ...built.issuer, code: String(DEMO_MUNICIPALITY_CODE) } } as Certificate;
  const sheets = layoutCertificate(cert, await (fontMetrics ?? defaultFont)()).sheets.length;
  let seal = await signSeal(
    {
      issuer: DEMO_MUNICIPALITY_CODE,
      issuedAt: FIXTURE_NOW,
      serial,
      certType: CERT_TYPE_CODE[cert.kind] as CertificateTypeCode,
      options: sealOptionsOf(cert) as unknown as CborMap,
      sheets,
      renderVersion: cert.renderVersion,
      content: toSealContent(cert) as unknown as CborMap,
    },
    signer,
  );
  if (mutate) seal = mutate(seal);
  const whiteningKey = new Uint8Array(32);
  crypto.getRandomValues(whiteningKey);
  const locator: Locator = { version: LOCATOR_VERSION, issuer: DEMO_MUNICIPALITY_CODE, kid, serial, whiteningKey };
  return { cert, seal, locator, locatorText: encodeLocator(locator, VERIFIER_URL) };
}

export interface Grey {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

const mmToPx = (mm: number) => Math.round((mm / 25.4) * PAGE_DPI);

/** Draws `source` into `page` at (x, y) mm. */
function blit(page: Grey, source: Grey, xMm: number, yMm: number): void {
  const x0 = mmToPx(xMm);
  const y0 = mmToPx(yMm);
  for (let y = 0; y < source.height && y0 + y < page.height; y++) {
    const row = source.data.subarray(y * source.width, y * source.width + Math.min(source.width, page.width - x0));
    page.data.set(row, (y0 + y) * page.width + x0);
  }
}

export function carrierGrey(seal: Uint8Array, key: Uint8Array): Grey {
  return renderCarrierGrey(encodeCarrier(seal, key, FLATBED_PROFILE), PAGE_DPI);
}

/** The QR symbol at `sideMm` with its 4-module quiet zone. */
export function qrGrey(locatorText: string, sideMm: number = BACK_LAYOUT.qr.width): Grey {
  const qr = locatorQr(locatorText);
  const total = qr.size + 8;
  const side = mmToPx(sideMm);
  const data = new Uint8Array(side * side).fill(255);
  for (let y = 0; y < side; y++) {
    const r = Math.floor((y * total) / side) - 4;
    for (let x = 0; x < side; x++) {
      const c = Math.floor((x * total) / side) - 4;
      if (r >= 0 && c >= 0 && r < qr.size && c < qr.size && qr.modules[r * qr.size + c]) data[y * side + x] = 0;
    }
  }
  return { data, width: side, height: side };
}

export interface BackOptions {
  /** Draw the carrier (default true). */
  readonly carrier?: boolean;
  readonly qr?: boolean;
  /** A second carrier (another issuance) below the first. */
  readonly extraCarrier?: Grey;
  /** Key used to whiten the carrier (default: the locator's). */
  readonly carrierKey?: Uint8Array;
}

/** The back of the sheet as a grey A4 page at 300 dpi: carrier in the upper half, QR below. */
export function backPage(issued: Issued, options: BackOptions = {}): Grey {
  const page: Grey = { ...PAGE, data: new Uint8Array(PAGE.width * PAGE.height).fill(255) };
  if (options.carrier !== false) blit(page, carrierGrey(issued.seal, options.carrierKey ?? issued.locator.whiteningKey), BACK_LAYOUT.scrambled.x, BACK_LAYOUT.scrambled.y);
  if (options.extraCarrier) blit(page, options.extraCarrier, BACK_LAYOUT.scrambled.x + 80, BACK_LAYOUT.qr.y);
  if (options.qr !== false) blit(page, qrGrey(issued.locatorText), 20, BACK_LAYOUT.qr.y);
  return page;
}

export function greyToRgbaImage(grey: Grey): { data: Uint8ClampedArray; width: number; height: number } {
  const data = new Uint8ClampedArray(grey.width * grey.height * 4);
  for (let i = 0, j = 0; i < grey.data.length; i++, j += 4) {
    data[j] = data[j + 1] = data[j + 2] = grey.data[i];
    data[j + 3] = 255;
  }
  return { data, width: grey.width, height: grey.height };
}

/** Flips one bit of the seal's signature (its last byte): a forgery that keeps the structure. */
export function flipSignatureBit(seal: Uint8Array): Uint8Array {
  const out = seal.slice();
  out[out.length - 1] ^= 0x01;
  return out;
}
