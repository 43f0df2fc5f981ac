/**
 * The kiosk steps' events: what the person chose, reported to `<kofu-kiosk-home>`, which alone
 * talks to the `KioskSession`. Namespaced, kebab-case, typed in `GlobalEventHandlersEventMap`, so
 * `@kofu-kiosk-choose=${(e) => e.detail.kind}` type-checks. All bubble and cross shadow roots.
 */
import type { CertificateRequest } from '../../documents/options.ts';
import type { CertificateKind } from '../../documents/types.ts';

/** 「はじめる」 */
export type KofuKioskStartEvent = CustomEvent<null>;
/** The terms of use: 同意する (true) or やめる (false). */
export type KofuKioskTermsEvent = CustomEvent<{ readonly accepted: boolean }>;
/** A reader the browser already allows for this origin was tapped (detail: its vvvv:pppp id). */
export type KofuKioskAllowedReaderEvent = CustomEvent<{ readonly id: string }>;
/** A demo card was tapped: place it on a virtual reader. */
export type KofuKioskDemoCardEvent = CustomEvent<{ readonly cardId: string }>;
/** 「USBカードリーダーを使う」 (the handler runs inside the click, so WebUSB may prompt). */
export type KofuKioskUsbReaderEvent = CustomEvent<null>;
/** The keypad's OK with all digits entered. The PIN travels in the event only, never in state. */
export type KofuPinSubmitEvent = CustomEvent<{ readonly pin: string }>;
/** The answer to 「あと1回間違えるとロックされます」: check the PIN (true) or type it again. */
export type KofuKioskLastTryEvent = CustomEvent<{ readonly confirmed: boolean }>;
/** Demo mode, locked card: give the demo cards their PIN tries back. */
export type KofuKioskDemoResetEvent = CustomEvent<null>;
export type KofuKioskChooseEvent = CustomEvent<{ readonly kind: CertificateKind }>;
/** The options or the number of copies changed; the session recomputes the fee. */
export type KofuKioskOptionsEvent = CustomEvent<{ readonly request: CertificateRequest; readonly copies: number }>;
/** 「戻る」: one step back (options → choose, confirm → options). */
export type KofuKioskBackEvent = CustomEvent<null>;
/** 「次へ」 on the options step. */
export type KofuKioskNextEvent = CustomEvent<null>;
/** 「発行する」 */
export type KofuKioskIssueEvent = CustomEvent<null>;
/** 「カードを取りました」 (demo: 「カードを取る」) after issuing. */
export type KofuKioskCardTakenEvent = CustomEvent<null>;
/** The answer to 「用紙は出てきましたか」 for the copy with `serial`. */
export type KofuKioskSheetEvent = CustomEvent<{ readonly serial: string; readonly printed: boolean }>;
/** 「もう一度発行する」 after a sheet did not print. */
export type KofuKioskIssueAgainEvent = CustomEvent<null>;
/** 「終了」 after printing. */
export type KofuKioskFinishEvent = CustomEvent<null>;
/** 「はじめに戻る」 from the end, locked and error screens. */
export type KofuKioskAgainEvent = CustomEvent<null>;

export interface KioskEventMap {
  'kofu-kiosk-start': KofuKioskStartEvent;
  'kofu-kiosk-terms': KofuKioskTermsEvent;
  'kofu-kiosk-allowed-reader': KofuKioskAllowedReaderEvent;
  'kofu-kiosk-demo-card': KofuKioskDemoCardEvent;
  'kofu-kiosk-usb-reader': KofuKioskUsbReaderEvent;
  'kofu-pin-submit': KofuPinSubmitEvent;
  'kofu-kiosk-last-try': KofuKioskLastTryEvent;
  'kofu-kiosk-demo-reset': KofuKioskDemoResetEvent;
  'kofu-kiosk-choose': KofuKioskChooseEvent;
  'kofu-kiosk-options': KofuKioskOptionsEvent;
  'kofu-kiosk-back': KofuKioskBackEvent;
  'kofu-kiosk-next': KofuKioskNextEvent;
  'kofu-kiosk-issue': KofuKioskIssueEvent;
  'kofu-kiosk-card-taken': KofuKioskCardTakenEvent;
  'kofu-kiosk-sheet': KofuKioskSheetEvent;
  'kofu-kiosk-issue-again': KofuKioskIssueAgainEvent;
  'kofu-kiosk-finish': KofuKioskFinishEvent;
  'kofu-kiosk-again': KofuKioskAgainEvent;
}

type DetailOf<K extends keyof KioskEventMap> = KioskEventMap[K]['detail'];

/** A kiosk event, bubbling and composed; events without a detail take no second argument. */
export function kioskEvent<K extends keyof KioskEventMap>(name: K, ...[detail]: DetailOf<K> extends null ? [] : [DetailOf<K>]): KioskEventMap[K] {
  return new CustomEvent(name, { detail: detail ?? null, bubbles: true, composed: true }) as KioskEventMap[K];
}

declare global {
  /** The kiosk's events join the DOM's map. */
  interface GlobalEventHandlersEventMap extends KioskEventMap {}
}
