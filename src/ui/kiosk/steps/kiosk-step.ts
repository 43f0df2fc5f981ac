/**
 * What every kiosk step element shares: the kiosk styles, re-rendering on a language switch, the
 * heading that takes focus when the step appears, and the few formatting helpers of the screens.
 * A step renders the properties it is given and reports the person's choice as a `kofu-…` event
 * (src/ui/kiosk/kiosk-events.ts); it never holds the session. The root of each step's template
 * carries `data-step` with the session's step name, which the end-to-end tests look for.
 */
import { LitElement } from 'lit';
import type { LocalizedText } from '../../../bytes/errors.ts';
import type { CertificateKind } from '../../../documents/types.ts';
import { certificateTitle } from '../../../app/kiosk-catalog.ts';
import { language, LanguageController } from '../../shared/i18n.ts';
import { controls, tokens } from '../../shared/styles.ts';
import { kioskStyles } from '../kiosk.styles.ts';

export abstract class KioskStep extends LitElement {
  static override styles = [tokens, controls, kioskStyles];

  private readonly i18n = new LanguageController(this);

  /** Moves focus to the step's heading (`h2[tabindex]`), so a screen reader announces the step. */
  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h2[tabindex]')?.focus({ preventScroll: true });
  }
}

/** A localized message in the current language ('' for none). */
export const localized = (text: LocalizedText | undefined): string => (text ? text[language()] : '');

/** 1,200 (yen amounts are grouped the Japanese way in both languages). */
export const formatYen = (amount: number): string => amount.toLocaleString('ja-JP');

/** The certificate's title in the current language. */
export const titleOf = (kind: CertificateKind): string => certificateTitle(kind)[language()];
