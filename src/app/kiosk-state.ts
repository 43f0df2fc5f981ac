/**
 * The kiosk session's shapes: what it needs from the device (`KioskDeps`, composed in
 * src/app/kiosk.ts, in-memory in the tests) and every step it can show (`KioskState`, rendered by
 * src/ui/kiosk/). The flow itself is src/app/kiosk-session.ts.
 *
 * The steps, in order: start → terms → reader → card → pin (→ locked) → choose → options →
 * confirm → issuing → card-return → print (→ not-printed → issuing → print) → end; error from
 * anywhere.
 */
import type { PrinterProfileId } from '../patterns/printer-profiles.ts';
import type { TrustAnchor as CardTrustAnchor } from '../card/index.ts';
import type { CertificateRequest } from '../documents/options.ts';
import type { CertificateKind } from '../documents/types.ts';
import type { Registry } from '../registry/registry.ts';
import type { IssuanceRecord, NotPrintedSheet } from '../seal/audit-log.ts';
import type { SealSigner } from '../seal/seal.ts';
import type { HouseholdMember, KindChoice } from './kiosk-choices.ts';
import type { IssuedCopy, IssuingStage, PdfService } from './kiosk-issue.ts';
import type { KioskNotice } from './kiosk-messages.ts';

export interface KioskDeps {
  readonly registry: Registry;
  /** Card trust anchors: J-LIS, plus the demo CA in demo mode. */
  readonly cardAnchors: () => Promise<readonly CardTrustAnchor[]>;
  /** The tablet's signer for an issuing municipality (trust-service `currentSigner`). */
  readonly signer: (municipality: number) => Promise<SealSigner>;
  readonly pdf: PdfService;
  /** Next issuance serial for a municipality, taken under `signer` (persisted; never reused; reserved until logged). */
  readonly nextSerial: (municipality: number, signer: SealSigner) => Promise<number>;
  /** Logs an issued copy, with its fee and the payment place. */
  readonly appendLog: (record: IssuanceRecord, signer: SealSigner) => Promise<void>;
  /** Logs that an issued copy never came out of the printer: it is void (src/store/issuance-log.ts `appendNotPrinted`). */
  readonly voidSheet: (sheet: NotPrintedSheet, signer: SealSigner) => Promise<void>;
  /** The municipality's verifier URL the QR locator opens, e.g. https://kofu.example.jp/verify (≤ 47 characters; app/print-settings.ts). */
  readonly verifierUrl: string;
  /** The pantograph's printer profile chosen with the calibration sheet (the default profile if unset). */
  readonly printerProfile?: PrinterProfileId;
  /** Demo mode: demo cards are linked to the demo registry on first use. */
  readonly demoMode: boolean;
  readonly now?: () => Date;
  readonly random?: (length: number) => Uint8Array;
  /** Holds off app updates from PIN entry to printed (src/app/activity.ts). */
  readonly beginWork?: (label: string) => () => void;
  readonly inactivityMs?: number;
  /** Polling interval while waiting for a card, and for its removal after issuing. */
  readonly pollMs?: number;
}

/** The issued sheets on the print step, and what the resident said of them. */
export interface PrintState {
  readonly step: 'print';
  readonly kind: CertificateKind;
  /** The copies that count: a voided copy leaves this list (and its PDF with it). */
  readonly copies: readonly IssuedCopy[];
  /** Serials (as printed) the resident said came out of the printer. */
  readonly printed: readonly string[];
  /** Yen to pay at the store's till for `copies`. */
  readonly fee: number;
  readonly demo: boolean;
  /** The card is still on the reader: say again to take it. */
  readonly cardStillIn: boolean;
}

export type KioskState =
  | { readonly step: 'start' }
  /** The terms of use: 同意する or やめる, before any card is read. */
  | { readonly step: 'terms' }
  | { readonly step: 'reader' }
  | { readonly step: 'card'; readonly phase: 'waiting' | 'reading'; readonly readerLabel: string }
  | { readonly step: 'pin'; readonly triesLeft: number; readonly maxTries: number; readonly confirmLastTry: boolean; readonly message?: KioskNotice; readonly busy: boolean }
  | { readonly step: 'locked'; readonly message: KioskNotice }
  | { readonly step: 'choose'; readonly residentName: string; readonly demo: boolean; readonly choices: readonly KindChoice[] }
  | {
      readonly step: 'options';
      readonly kind: CertificateKind;
      readonly request: CertificateRequest;
      readonly copies: number;
      readonly fee: number;
      readonly members: readonly HouseholdMember[];
      readonly fiscalYears: readonly number[];
      readonly problem?: KioskNotice;
    }
  | {
      readonly step: 'confirm';
      readonly kind: CertificateKind;
      readonly request: CertificateRequest;
      readonly copies: number;
      readonly fee: number;
      /** Yen per copy, from the issuing municipality's fees. */
      readonly feePerCopy: number;
      readonly preview?: { width: number; height: number; pixels: Uint8ClampedArray };
    }
  | {
      readonly step: 'issuing';
      readonly kind: CertificateKind;
      readonly copy: number;
      readonly copies: number;
      readonly stage: IssuingStage;
      /** 0–1 over every copy of this issue. */
      readonly progress: number;
    }
  /** The card is closed: 「カードをお取りください」 before printing; `demo`: the virtual card is removed by a tap. */
  | { readonly step: 'card-return'; readonly demo: boolean }
  | PrintState
  /** A sheet did not come out: it is void in the log; the resident may issue it again. */
  | { readonly step: 'not-printed'; readonly kind: CertificateKind; readonly serial: string; readonly remaining: number; readonly demo: boolean }
  /** `fee`: yen to pay at the till (0: nothing was issued that counts). */
  | { readonly step: 'end'; readonly fee: number }
  | { readonly step: 'error'; readonly code: string; readonly message: KioskNotice };
