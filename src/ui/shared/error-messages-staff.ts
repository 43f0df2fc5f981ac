/** The words of staff access (src/staff/errors.ts). */
import type { StaffErrorCode, StaffErrorParams } from '../../staff/errors.ts';
import type { MessageTable } from './error-messages.ts';

export const staffMessages: MessageTable<StaffErrorCode, StaffErrorParams> = {
  'staff.signed-out': {
    ja: '職員としてサインインしていません（一定時間操作がないとサインアウトします）。サインインしてから操作してください。何も変更していません。',
    en: 'No staff member is signed in (sign-in ends after a few minutes without input). Sign in, then try again. Nothing was changed.',
  },
  'staff.already-set-up': {
    ja: 'この端末はすでに設定されています。職員としてサインインしてから変更してください。',
    en: 'This device is already set up. Sign in as staff to change it.',
  },
  'staff.no-passphrase': {
    ja: 'この端末には職員パスフレーズが設定されていません。パスキーでサインインしてください。',
    en: 'No staff passphrase is set on this device. Sign in with a passkey.',
  },
  'staff.last-credential': {
    ja: '最後の職員認証は削除できません。先に別のパスキーかパスフレーズを登録してください。',
    en: 'The last staff credential cannot be removed. Register another passkey or passphrase first.',
  },
  'staff.passphrase-too-short': {
    ja: (p) => `パスフレーズは${p.min}文字以上にしてください。覚えやすい言葉をいくつか組み合わせると安全です。`,
    en: (p) => `The passphrase must be at least ${p.min} characters. A few words strung together are both safe and memorable.`,
  },
  'staff.locked': {
    ja: (p) => `パスフレーズの誤りが続いたため、${p.wait.ja}後までお待ちください。パスキーがあればすぐにサインインできます。`,
    en: (p) => `Too many wrong passphrases: wait ${p.wait.en}. A passkey can sign in right away.`,
  },
  'staff.wrong-passphrase': {
    ja: (p) => (p.lockNext ? 'パスフレーズが違います。続けて間違えると、しばらく入力できなくなります。' : 'パスフレーズが違います。'),
    en: (p) => (p.lockNext ? 'Wrong passphrase. More wrong tries lock the passphrase for a while.' : 'Wrong passphrase.'),
  },
  'staff.passkey-refused': {
    ja: (p) => `パスキーを確認できませんでした（${p.detail}）。もう一度お試しください。続く場合は登録済みのパスキーか予備のパスフレーズを使ってください。`,
    en: (p) => `The passkey could not be verified (${p.detail}). Try again; if it keeps failing, use a registered passkey or the staff passphrase.`,
  },
  'staff.passkey-cancelled': {
    ja: 'パスキーの操作が取り消されたか、時間内に終わりませんでした。もう一度お試しください。',
    en: 'The passkey step was cancelled or timed out. Please try again.',
  },
};
