/**
 * Synthetic certificate backs for the verifier's tests, e2e fixtures and bench: a demo resident's
 * certificate minted by the kiosk's own path (src/mint/mint.ts: demo root → demo signer
 * certificate → ES256 seal, the QR locator with a fresh whitening key, the carrier), drawn on an
 * A4 page at the layout the PDF uses (src/pdf/pdf.ts BACK_LAYOUT). Test-only code: never imported
 * by the app.
 */
import { encodeCarrier, renderCarrierGrey, type CarrierSymbol } from '../../carrier/encode.ts';
import { formatSerial } from '../../documents/seal-binding.ts';
import type { Certificate } from '../../documents/types.ts';
import { jstDay } from '../../documents/dates.ts';
import { allRequests } from '../../registry/issue.fixtures.ts';
import { buildCertificate } from '../../registry/issue.ts';
import { demoRegistry } from '../../registry/demo.ts';
import { MemoryRegistry } from '../../registry/registry.ts';
import type { FontMetrics } from '../../render/font.ts';
import { layoutCertificate } from '../../render/render.ts';
import { mintBack, PRINTED_CARRIER_PROFILE } from '../../mint/mint.ts';
import { DEMO_MUNICIPALITY_CODE, demoTrustAnchor, demoTrustList, issueDemoSignerCertificate } from '../../seal/demo.ts';
import { generateSignerKeyPair } from '../../seal/keys.ts';
import { locatorQr, type Locator, type LocatorQr } from '../../seal/locator.ts';
import { openTrustList, type TrustList } from '../../seal/trust-list.ts';
import type { SealSigner } from '../../seal/seal.ts';
import { decodeSignerCertificate } from '../../seal/signer-certificate.ts';

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
}

let setup: Promise<DemoSetup> | undefined;

/** The demo trust list (opened) and one demo tablet's signer; made once per test run. */
export function demoSetup(): Promise<DemoSetup> {
  setup ??= (async () => {
    const list = await openTrustList(await demoTrustList(FIXTURE_NOW - 3600), [await demoTrustAnchor()], { demoMode: true });
    const keys = await generateSignerKeyPair();
    const certificate = await issueDemoSignerCertificate(keys.publicKey, 'VERIFY-TEST', FIXTURE_NOW - 3600);
    return { trust: { demoMode: true, lists: [list] }, signer: { privateKey: keys.privateKey, certificate } };
  })();
  return setup;
}

export interface Issued {
  readonly cert: Certificate;
  readonly seal: Uint8Array;
  readonly locator: Locator;
  readonly locatorText: string;
  readonly qr: LocatorQr;
  /** `seal` whitened with the locator's key, as the kiosk prints it. */
  readonly carrier: CarrierSymbol;
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

/**
 * A demo resident's certificate (`allRequests[requestIndex]`) issued by the demo municipality at
 * FIXTURE_NOW through the kiosk's mint path. `mutate` forges the signed seal afterwards; the
 * carrier then carries the forgery, whitened with the same key.
 */
export async function issueDemo(serial = 42, requestIndex = 0, mutate?: (seal: Uint8Array) => Uint8Array): Promise<Issued> {
  const { signer } = await demoSetup();
  const at = new Date(FIXTURE_NOW * 1000);
  const { residentId, request } = allRequests[requestIndex];
  const { kid } = await decodeSignerCertificate(signer.certificate);
  const built = await buildCertificate(new MemoryRegistry(demoRegistry), residentId, request, { serial: formatSerial(serial, kid), issuedOn: jstDay(at) });
  // Issued in the demo municipality's name, whichever demo code this build's trust list uses.
  const cert = { ...built, issuer: { ...built.issuer, code: String(DEMO_MUNICIPALITY_CODE) } } as Certificate;
  const sheets = layoutCertificate(cert, await (fontMetrics ?? defaultFont)()).sheets.length;
  const minted = await mintBack({
    certificate: cert,
    signer,
    serial,
    issuedAt: FIXTURE_NOW,
    sheets,
    verifierUrl: VERIFIER_URL,
    random: (length) => crypto.getRandomValues(new Uint8Array(length)),
  });
  const { seal, locator, locatorText, qr, carrier } = minted;
  if (!mutate) return { cert, seal, locator, locatorText, qr, carrier };
  const forged = mutate(seal);
  return { cert, seal: forged, locator, locatorText, qr, carrier: encodeCarrier(forged, locator.whiteningKey, PRINTED_CARRIER_PROFILE) };
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

/** `seal` whitened with `key` as the kiosk prints it, rendered at PAGE_DPI. */
export function carrierGrey(seal: Uint8Array, key: Uint8Array): Grey {
  return renderCarrierGrey(encodeCarrier(seal, key, PRINTED_CARRIER_PROFILE), PAGE_DPI);
}

/** The QR symbol of `locator` (its text, or the symbol itself) at `sideMm` with its 4-module quiet zone. */
export function qrGrey(locator: string | LocatorQr, sideMm: number = BACK_LAYOUT.qr.width): Grey {
  const qr = typeof locator === 'string' ? locatorQr(locator) : locator;
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
  /**
   * Whiten `issued.seal` with this key instead of printing the minted carrier: another sheet's
   * carrier, or a seal pasted in from elsewhere.
   */
  readonly carrierKey?: Uint8Array;
}

/** The back of the sheet as a grey A4 page at 300 dpi: carrier in the upper half, QR below. */
export function backPage(issued: Issued, options: BackOptions = {}): Grey {
  const page: Grey = { ...PAGE, data: new Uint8Array(PAGE.width * PAGE.height).fill(255) };
  if (options.carrier !== false) {
    const carrier = options.carrierKey ? carrierGrey(issued.seal, options.carrierKey) : renderCarrierGrey(issued.carrier, PAGE_DPI);
    blit(page, carrier, BACK_LAYOUT.scrambled.x, BACK_LAYOUT.scrambled.y);
  }
  if (options.extraCarrier) blit(page, options.extraCarrier, BACK_LAYOUT.scrambled.x + 80, BACK_LAYOUT.qr.y);
  if (options.qr !== false) blit(page, qrGrey(issued.qr), 20, BACK_LAYOUT.qr.y);
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

/** A grey page as PNG bytes (browser: OffscreenCanvas), to place on a PDF page. */
export async function pngOfGrey(grey: Grey): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(grey.width, grey.height);
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(greyToRgbaImage(grey).data), grey.width, grey.height), 0, 0);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

/** Flips one bit of the seal's signature (its last byte): a forgery that keeps the structure. */
export function flipSignatureBit(seal: Uint8Array): Uint8Array {
  const out = seal.slice();
  out[out.length - 1] ^= 0x01;
  return out;
}
