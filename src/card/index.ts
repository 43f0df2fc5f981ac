/**
 * kofu's card domain: read a My Number card in the browser.
 *
 * How the kiosk uses it
 * ---------------------
 *   // 1. Get a reader. Real hardware (needs a user gesture for the chooser):
 *   const reader = await requestUsbReader();              // RC-S380, RC-S300 (IF1) or CCID (IWA only)
 *   //    …or, in an Isolated Web App with the Web Smart Card API:
 *   const reader = await WebSmartCardReader.open(smartCardManager()!);
 *   //    …or, in demo mode (the same driver code runs against a virtual device):
 *   const { reader } = await createVirtualReader('rcs380', DEMO_RESIDENTS[0], new IndexedDbCardStateStore(db));
 *
 *   // 2. One session per card placement; anchors = J-LIS CAs (+ the demo CA in demo mode only).
 *   const session = await CardSession.open(reader, { anchors: [...defaultAnchors(), await demoTrustAnchor()] }, signal);
 *   await session.checkAuthCertificate(signal);                     // expired/untrusted card: refuse before the PIN
 *   const { triesLeft, locked } = await session.triesLeft(signal);  // show before asking for the PIN
 *   const auth = await session.authenticate({ pin, challenge: crypto.getRandomValues(new Uint8Array(32)), signal });
 *   //   → auth.serialNumber (lookup key), auth.demo (say デモ), auth.certificate, auth.signature
 *   //   card.pin-last-try: warn the resident, then call again with { confirmLastTry: true }.
 *   const info = await session.readBasicInfo(kenhojoPin, { signal });  // 氏名・住所・生年月日・性別
 *   await session.close();   // always: it DESELECTs / powers off, so no PIN stays verified
 *
 *   // Waiting for the resident to place the card: CardSession.waitForCard(reader, options, { signal }).
 *   // After card.removed / card.reader-unplugged the session is finished: close it and wait again.
 *
 * Every failure is a `CardError` (a KofuError) with a stable `error.code` from CARD_ERROR_CODES
 * and its `params`; the UI's catalogue (src/ui/shared/error-messages-card.ts) has the words for
 * the resident and, for the clerk, the staff line. Test a code with `isCardError(e, code)`.
 * Staff screen: `checkReader`.
 */
export { CardSession, defaultAnchors, type AuthenticateRequest, type AuthenticationResult, type CardSessionOptions, type TriesLeft } from './session.ts';
export type { CardReader, CardConnection, ReaderKind } from './reader.ts';
export { CARD_ERROR_CODES, CardError, isCardError, pinLastTryError, pinLockedError, type CardErrorCode, type CardErrorParams } from './errors.ts';
export { anchorFrom, type TrustAnchor } from './mynumber/certificate.ts';
export type { BasicInfo, Sex } from './mynumber/kenhojo.ts';
export { browserCapabilities, classifyUsbDevice, describeUsbDevice, listPermittedReaders, openUsbReader, permittedUsbDevices, requestUsbReader, smartCardManager, type BrowserCapabilities } from './transport/detect.ts';
export { WebSmartCardReader } from './transport/smart-card.ts';
export { watchNonNdefTaps } from './transport/webnfc.ts';
export { checkReader, type ReaderCheck } from './diagnostics.ts';
export { createVirtualReader, type VirtualReaderKind, type VirtualReaderKit } from './virtual/kit.ts';
export { DEMO_RESIDENTS, demoTrustAnchor, type DemoResident } from './virtual/demo-cards.ts';
export { MemoryCardStateStore, type CardStateStore, type PinCounters } from './virtual/state.ts';
