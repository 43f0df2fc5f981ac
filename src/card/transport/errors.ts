/**
 * Errors of the layers under the APDU: USB transport, reader protocols, RF and T=CL.
 * Messages for residents say what to do; `staff` says what happened on the wire.
 */
import { CardError } from '../apdu/status.ts';

export class CardRemovedError extends CardError {
  override readonly name = 'CardRemovedError';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      'card.removed',
      {
        ja: 'カードが読み取り中に離れました。カードをリーダーの上に置いたまま、もう一度お試しください。',
        en: 'The card left the reader during reading. Keep it on the reader and try again.',
      },
      { ja: `カード応答なし: ${detail}`, en: `Card not responding: ${detail}` },
      undefined,
      options,
    );
  }
}

export class NoCardError extends CardError {
  override readonly name = 'NoCardError';
  constructor(detail: string) {
    super(
      'card.absent',
      { ja: 'カードが見つかりません。マイナンバーカードをリーダーの上に置いてください。', en: 'No card found. Place your My Number card on the reader.' },
      { ja: `カード検出なし: ${detail}`, en: `No card detected: ${detail}` },
    );
  }
}

export class ReaderUnpluggedError extends CardError {
  override readonly name = 'ReaderUnpluggedError';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      'card.reader-unplugged',
      {
        ja: 'カードリーダーが外れました。係員にお知らせください。',
        en: 'The card reader was disconnected. Please call a member of staff.',
      },
      { ja: `USB切断: ${detail}（ケーブルを挿し直して再接続してください）`, en: `USB disconnected: ${detail} (replug and reconnect the reader)` },
      undefined,
      options,
    );
  }
}

/** The reader sent bytes that do not follow its protocol (bad checksum, wrong type, wrong sequence). */
export class ReaderProtocolError extends CardError {
  override readonly name = 'ReaderProtocolError';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      'card.reader-protocol',
      {
        ja: 'カードリーダーとの通信に失敗しました。もう一度お試しください。続く場合は係員にお知らせください。',
        en: 'Communication with the card reader failed. Try again; if it keeps failing, call a member of staff.',
      },
      { ja: `リーダー通信異常: ${detail}`, en: `Reader protocol error: ${detail}` },
      undefined,
      options,
    );
  }
}

/**
 * Chrome refuses to claim USB interface class 0x0B (Smart Card) for ordinary pages
 * (WICG/webusb index.bs "protected interface class"); only an Isolated Web App with
 * `usb-unrestricted` may. The message names the readers that do work.
 */
export class UsbBlockedError extends CardError {
  override readonly name = 'UsbBlockedError';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      'card.usb-blocked',
      {
        ja: 'このブラウザーはこのカードリーダー（標準のICカードリーダー）を使わせてくれません。Sony RC-S380 または RC-S300 をつないでください。',
        en: 'This browser does not let web pages use this card reader (a standard smart-card reader). Connect a Sony RC-S380 or RC-S300 instead.',
      },
      {
        ja: `claimInterfaceがSecurityError: ${detail}。CCIDクラス(0x0B)はIsolated Web App（usb-unrestricted）でのみ使えます。docs/readers.md参照。`,
        en: `claimInterface raised SecurityError: ${detail}. CCID class 0x0B needs an Isolated Web App with usb-unrestricted; see docs/readers.md.`,
      },
      undefined,
      options,
    );
  }
}

export class UnsupportedReaderError extends CardError {
  override readonly name = 'UnsupportedReaderError';
  constructor(detail: string) {
    super(
      'card.reader-unsupported',
      {
        ja: 'このカードリーダーには対応していません。Sony RC-S380 または RC-S300 をお使いください。',
        en: 'This card reader is not supported. Use a Sony RC-S380 or RC-S300.',
      },
      { ja: `未対応のリーダー: ${detail}`, en: `Unsupported reader: ${detail}` },
    );
  }
}

/** Maps a WebUSB rejection to a typed error: NotFoundError means the device is gone. */
export function usbFailure(cause: unknown, what: string): CardError {
  if (cause instanceof CardError) return cause;
  const name = cause instanceof DOMException ? cause.name : (cause as { name?: string } | null)?.name;
  if (name === 'NotFoundError') return new ReaderUnpluggedError(what, { cause });
  if (name === 'SecurityError') return new UsbBlockedError(what, { cause });
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ReaderProtocolError(`${what}: ${detail}`, { cause });
}
