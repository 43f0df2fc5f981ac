/**
 * Typed errors of staff access: a passkey or passphrase that does not check out, a locked
 * passphrase, an action attempted without a staff session. Codes are stable (tests and the UI key
 * on them); messages say what to do, Japanese first.
 */
import { KofuError } from '../bytes/errors.ts';

export class StaffAccessError extends KofuError {
  override readonly name = 'StaffAccessError';
}

/** The same refusal for every way a passkey response can be wrong: an attacker learns nothing from the difference. */
export const passkeyRefused = (detail: string, cause?: unknown) =>
  new StaffAccessError(
    'staff.passkey-refused',
    {
      ja: `パスキーを確認できませんでした（${detail}）。もう一度お試しください。続く場合は登録済みのパスキーか予備のパスフレーズを使ってください。`,
      en: `The passkey could not be verified (${detail}). Try again; if it keeps failing, use a registered passkey or the staff passphrase.`,
    },
    { cause },
  );
