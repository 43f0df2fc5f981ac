/**
 * Web NFC (w3c/web-nfc) reads NDEF only; ISO-DEP is out of its scope, so a My Number card can
 * never be read through it. For a non-NDEF tag Chrome for Android fires `readingerror` and
 * nothing else (Chromium NfcTagHandler.create returns null → "This tag is not supported.").
 * kofu uses that as a hint on Android tablets: "a card was tapped — use the USB reader".
 */
interface NdefReaderLike extends EventTarget {
  scan(options?: { signal?: AbortSignal }): Promise<void>;
}

/**
 * Calls `onTap` whenever a tag that is not NDEF is held to the phone (likely a My Number card).
 * Returns false when Web NFC is missing or the person refused the permission.
 */
export async function watchNonNdefTaps(onTap: () => void, signal: AbortSignal, scope: typeof globalThis = globalThis): Promise<boolean> {
  const Reader = (scope as unknown as { NDEFReader?: new () => NdefReaderLike }).NDEFReader;
  if (!Reader) return false;
  const reader = new Reader();
  try {
    await reader.scan({ signal });
  } catch {
    return false; // NotAllowedError (permission) or NotSupportedError (NFC off)
  }
  reader.addEventListener('readingerror', onTap, { signal });
  return true;
}
