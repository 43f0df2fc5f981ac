/** What the kiosk flow itself says to the resident (the card, registry and seal layers bring their own texts). */
import { KofuError, type LocalizedText } from '../bytes/errors.ts';

export const text = (ja: string, en: string): LocalizedText => ({ ja, en });

export const KioskMessage = {
  unknownResident: text(
    'このカードの方の住民記録が見つかりません。お住まいの市区町村の窓口でご相談ください。',
    'No resident record was found for this card. Please ask at your municipal office.',
  ),
  unexpected: text('処理を続けられませんでした。はじめからやり直してください。', 'Something went wrong. Please start again.'),
  wrongPinLength: text('暗証番号は数字4桁です。', 'The PIN has 4 digits.'),
  alreadyOpen: text(
    'この端末では、別のタブ（またはウィンドウ）で交付画面がすでに開いています。そちらを使うか、閉じてからもう一度お試しください。',
    'The kiosk is already open in another tab (or window) on this device. Use that one, or close it and try again.',
  ),
} as const;

/** Thrown (and shown) for mistakes in the flow itself. */
export class KioskError extends KofuError {
  override readonly name = 'KioskError';
}
