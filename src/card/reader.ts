/**
 * What every reader path (RC-S380, RC-S300, CCID over WebUSB, Web Smart Card API, the direct
 * virtual path) offers the card applications: connect → an APDU channel → disconnect.
 */
import type { CardChannel } from './apdu/channel.ts';

export type ReaderKind = 'rcs380' | 'rcs300' | 'ccid' | 'smart-card-api' | 'direct';

export interface CardConnection extends CardChannel {
  /** Ends the card session (DESELECT / power off / RF off). Never throws. */
  disconnect(): Promise<void>;
}

/** What a reader reports about itself and the card it last activated, for the staff check. */
export interface ReaderDetails {
  /** The reader's firmware version, when it says (RC-S380 GetFirmwareVersion). */
  readonly firmware?: string;
  /** FSC (bytes) and FWI of the last activated card, from its ATQB; `assumed` when the reader did not say. */
  readonly card?: { readonly fsc: number; readonly fwi: number; readonly assumed?: true };
}

export interface CardReader {
  readonly kind: ReaderKind;
  /** Human-readable reader name for the staff screen, e.g. "Sony RC-S380". */
  readonly label: string;
  /** How kofu talks to it, for the staff screen, e.g. "USB interface #1 (vendor class 0xFF)". */
  readonly path: string;
  /** Finds and activates a card; throws `card.absent` when none is present. */
  connect(signal?: AbortSignal): Promise<CardConnection>;
  /** Firmware and card parameters, where the reader path knows them. */
  details?(): ReaderDetails;
  /** Releases the reader (closes the USB device). Never throws. */
  close(): Promise<void>;
}
