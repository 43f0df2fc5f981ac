/**
 * The staff reader check behind `<kofu-admin-readers>`: which readers this browser can drive
 * (WebUSB vendor-class readers everywhere Chromium runs; CCID only in an Isolated Web App), the
 * readers it may already use, and one reader checked end to end — reader, card, card type, PIN
 * tries left — without ever sending a VERIFY (src/card/diagnostics.ts). In demo mode the check
 * runs through the virtual RC-S380 with a demo card, exercising the real driver code.
 */
import type { Language } from '../bytes/errors.ts';
import type { ReaderCheck } from '../card/diagnostics.ts';
import type { CardReader } from '../card/reader.ts';
import { browserCapabilities, listPermittedReaders, type BrowserCapabilities, type UsbDeviceSummary } from '../card/transport/detect.ts';

export type { BrowserCapabilities, ReaderCheck, UsbDeviceSummary };

/** Which reader to check. */
export type ReaderChoice =
  /** One of `permittedReaders()`, by its position in that list. */
  | { readonly kind: 'permitted'; readonly index: number }
  /** The browser's WebUSB chooser: must start inside the click handler's user gesture. */
  | { readonly kind: 'chooser' }
  /** The virtual RC-S380 holding the first demo card. */
  | { readonly kind: 'demo' };

/** The one-line answer to "which readers can this browser use?". */
export type CapabilitySummary = 'isolated' | 'usb' | 'none';

export function capabilitySummary(capabilities: BrowserCapabilities): CapabilitySummary {
  if (capabilities.isolatedContext) return 'isolated';
  return capabilities.webUsb || capabilities.smartCardApi ? 'usb' : 'none';
}

/** What this browser lets kofu use (read from `navigator` now). */
export function readerCapabilities(): BrowserCapabilities {
  return browserCapabilities();
}

/** The USB readers this site may already use, without a prompt; none when the browser will not say. */
export async function permittedReaders(list: () => Promise<UsbDeviceSummary[]> = listPermittedReaders): Promise<UsbDeviceSummary[]> {
  try {
    return await list();
  } catch {
    return [];
  }
}

export interface ReaderCheckDeps {
  open(choice: ReaderChoice): Promise<CardReader | null>;
  check(reader: CardReader | null, language: Language): Promise<ReaderCheck>;
}

/** The card layer (with its X.509 code) loads only when a check is asked for. */
const cardModule = () => import('../card/index.ts');

const cardLayer: ReaderCheckDeps = {
  async open(choice) {
    const card = await cardModule();
    switch (choice.kind) {
      case 'permitted':
        return card.openUsbReader((await card.permittedUsbDevices())[choice.index]);
      case 'chooser':
        return card.requestUsbReader();
      case 'demo':
        // A throwaway counter store: the check never verifies a PIN, and must not touch the demo
        // cards' persisted counters either way.
        return (await card.createVirtualReader('rcs380', card.DEMO_RESIDENTS[0], new card.MemoryCardStateStore())).reader;
    }
  },
  async check(reader) {
    return (await cardModule()).checkReader(reader);
  },
};

/** Checks the chosen reader, and always releases it afterwards. */
export async function runReaderCheck(choice: ReaderChoice, language: Language, deps: ReaderCheckDeps = cardLayer): Promise<ReaderCheck> {
  const reader = await deps.open(choice);
  try {
    return await deps.check(reader, language);
  } finally {
    await reader?.close().catch(() => undefined);
  }
}
