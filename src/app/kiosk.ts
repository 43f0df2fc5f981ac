/**
 * Composition of the kiosk: the session's dependencies on this device (IndexedDB registry, the
 * tablet's signer (src/app/trust/tablet-signer.ts), the pdf worker, the issuance log, serial
 * numbers) and the readers the start screen offers — demo cards on a virtual RC-S380 (the real
 * driver code runs), the USB readers the browser already allows for this origin (the enterprise
 * policy `WebUsbAllowDevicesForUrls` on a managed kiosk, or an earlier choice: no prompt), or a
 * real USB reader chosen through the browser's WebUSB prompt.
 *
 * One kiosk per device: the tab that shows the kiosk holds the Web Lock in ./kiosk-lock.ts.
 */
import {
  browserCapabilities,
  createVirtualReader,
  DEMO_RESIDENTS,
  defaultAnchors,
  demoTrustAnchor,
  describeUsbDevice,
  openUsbReader,
  permittedUsbDevices,
  requestUsbReader,
  type CardReader,
} from '../card/index.ts';
import type { Certificate } from '../documents/types.ts';
import { IndexedDbCardStateStore } from '../store/card-state.ts';
import { decodeSignerCertificate } from '../seal/signer-certificate.ts';
import type { SealSigner } from '../seal/seal.ts';
import type { KofuDatabase } from '../store/database.ts';
import { appendIssuance, appendNotPrinted } from '../store/issuance-log.ts';
import { serialCounterName, settleSerial, takeNextSerial, voidAbandonedSerials } from '../store/serials.ts';
import { beginWork } from './activity.ts';
import { KIOSK_LOCK, TabLock } from './kiosk-lock.ts';
import { appDatabase } from './database.ts';
import { readDemoMode } from './demo-mode.ts';
import { KioskError, KioskSession, type KioskBack, type KioskDeps, type PdfService } from './kiosk-session.ts';
import { tabletSigner } from './trust/tablet-signer.ts';
import { pdfBridge } from './pdf.ts';
import { appRegistry } from './registry.ts';
import { readPrintSettings } from './print-settings.ts';

/** Preview resolution: enough to read the 9.5 pt values when the confirmation preview is zoomed to its natural size (an A4 front of 992×1403 pixels). */
export const PREVIEW_DPI = 120;

export function workerPdfService(): PdfService {
  const b = pdfBridge();
  return {
    sheets: (cert: Certificate) => b.call((api) => api.sheetCount(cert)),
    pdf: (cert: Certificate, back: KioskBack, onProgress) => b.call(async (api, progress) => (await api.kioskPdf(cert, back, progress)).pdf, { onProgress }),
    preview: (cert: Certificate) => b.call((api) => api.frontBitmap(cert, PREVIEW_DPI)),
  };
}

/**
 * Serials count up per municipality on this device, never repeat one in the issuance log, and
 * are reserved until logged. Serials an earlier issuance took and never logged (a reload
 * mid-issuance) are voided in the log first.
 */
async function nextSerial(db: KofuDatabase, municipality: number, signer: SealSigner): Promise<number> {
  await voidAbandonedSerials(db);
  const { kid } = await decodeSignerCertificate(signer.certificate);
  return takeNextSerial(db, serialCounterName(municipality), { signerKid: kid });
}

/** This tab's hold on the device's kiosk. */
const kioskLock = new TabLock(KIOSK_LOCK);

/** Claims this device's kiosk for this tab (once; later calls return what it holds). False when another tab has it. */
export function claimKiosk(): Promise<boolean> {
  return kioskLock.claimNow();
}

/** Resolves once this tab holds the kiosk: at once, or when the tab holding it closes (false if released first). */
export function waitForKiosk(): Promise<boolean> {
  return kioskLock.wait();
}

/** The kiosk screen went away: another tab may open the kiosk now. */
export function releaseKiosk(): void {
  void kioskLock.release();
}

export async function createKioskSession(): Promise<{ session: KioskSession; demoMode: boolean }> {
  if (!(await claimKiosk())) throw new KioskError('kiosk.already-open');
  const db = await appDatabase();
  // This tab holds the kiosk: no issuance is under way, so every reservation left is abandoned.
  await voidAbandonedSerials(db);
  const demoMode = await readDemoMode(db);
  const registry = await appRegistry(demoMode);
  const print = await readPrintSettings(db);
  const deps: KioskDeps = {
    registry,
    cardAnchors: async () => (demoMode ? [...defaultAnchors(), await demoTrustAnchor()] : defaultAnchors()),
    signer: (municipality) => tabletSigner().currentSigner(municipality),
    pdf: workerPdfService(),
    nextSerial: (municipality, signer) => nextSerial(db, municipality, signer),
    appendLog: async (record, signer) => {
      await appendIssuance(db, record, signer);
      await settleSerial(db, record.serial);
    },
    voidSheet: async (sheet, signer) => void (await appendNotPrinted(db, sheet, signer)),
    verifierUrl: print.verifierUrl,
    printerProfile: print.printerProfile,
    demoMode,
    beginWork,
  };
  return { session: new KioskSession(deps), demoMode };
}

export interface DemoCardChoice {
  readonly cardId: string;
  readonly name: string;
  /** The demo card's PIN, shown on the picker (demo data, public by design). */
  readonly pin: string;
}

/** The demo residents' cards for the picker. */
export function demoCardChoices(): DemoCardChoice[] {
  return DEMO_RESIDENTS.map((r) => ({ cardId: r.cardId, name: r.name, pin: r.authPin }));
}

/** A demo card on its virtual reader, and the resident's hand taking it off again. */
export interface DemoCardOnReader {
  readonly reader: CardReader;
  readonly removeCard: () => void;
}

/** A demo resident's card on a virtual RC-S380; the PIN counters persist like a real card's. */
export async function demoCardReader(cardId: string): Promise<DemoCardOnReader> {
  const resident = DEMO_RESIDENTS.find((r) => r.cardId === cardId);
  if (!resident) throw new RangeError(`no demo card ${cardId}`);
  const kit = await createVirtualReader('rcs380', resident, new IndexedDbCardStateStore(await appDatabase()));
  return { reader: kit.reader, removeCard: () => kit.field?.removeCard() };
}

/** A USB reader the browser already allows for this origin: opened with no prompt. */
export interface AllowedReader {
  /** As the device names itself, e.g. "SONY RC-S380/P". */
  readonly name: string;
  /** vvvv:pppp. */
  readonly id: string;
  readonly open: () => Promise<CardReader>;
}

/**
 * The supported card readers among the USB devices this origin may use without a prompt
 * (`navigator.usb.getDevices()`): those a `WebUsbAllowDevicesForUrls` policy grants, and those
 * chosen before. A CCID-class reader counts only in an Isolated Web App, the one place Chrome lets
 * a page claim that class (docs/readers.md).
 */
export async function allowedReaders(): Promise<AllowedReader[]> {
  const isolated = browserCapabilities().isolatedContext;
  const devices = await permittedUsbDevices().catch(() => []);
  return devices.flatMap((device) => {
    const { name, id, kind } = describeUsbDevice(device);
    const usable = kind === 'rcs380' || kind === 'rcs300' || (kind === 'ccid' && isolated);
    return usable ? [{ name, id, open: () => openUsbReader(device) }] : [];
  });
}

/** The browser's USB chooser (must run inside the click handler's user gesture). */
export function usbCardReader(): Promise<CardReader> {
  return requestUsbReader();
}

/**
 * Demo mode only: gives every demo card its full PIN tries back — what the municipal office's
 * reset does for a real card — so a staff demo of the lock does not leave the card unusable.
 */
export async function resetDemoCards(): Promise<void> {
  if (!(await readDemoMode(await appDatabase()))) return;
  await new IndexedDbCardStateStore(await appDatabase()).resetAll();
}
