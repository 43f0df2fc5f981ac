/**
 * WebUSB rejections as card errors. The codes and both messages of the layers under the APDU (USB
 * transport, reader protocols, RF and T=CL) are in the one table of ../errors.ts.
 */
import { CardError } from '../errors.ts';

/** Maps a WebUSB rejection to a typed error: NotFoundError means the device is gone. */
export function usbFailure(cause: unknown, what: string): CardError {
  if (cause instanceof CardError) return cause;
  const name = cause instanceof DOMException ? cause.name : (cause as { name?: string } | null)?.name;
  if (name === 'NotFoundError') return new CardError('card.reader-unplugged', { detail: what }, { cause });
  // Chrome refuses to claim USB interface class 0x0B (Smart Card) for ordinary pages (WICG/webusb
  // index.bs "protected interface class"); only an Isolated Web App with `usb-unrestricted` may.
  if (name === 'SecurityError') return new CardError('card.usb-blocked', { detail: what }, { cause });
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new CardError('card.reader-protocol', { detail: `${what}: ${detail}` }, { cause });
}
