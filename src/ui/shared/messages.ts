/**
 * Every UI string, Japanese first. The English catalogue must have the same keys and parameter
 * shapes: `satisfies` makes a gap a compile error.
 *
 * The kiosk's first paint carries only the shell's and the kiosk's words (`shell.first_load_js_gzip_kb`);
 * the verifier's and the admin console's packs arrive with their views (messages-views.ts, loaded by
 * src/ui/app.ts before either view). Their types are all here, so `t()` checks every key.
 */
import type { backupJa } from './messages-backup.ts';
import type { readersJa } from './messages-readers.ts';
import type { registryJa } from './messages-registry.ts';
import type { trustJa } from './messages-trust.ts';
import type { verifyJa } from './messages-verify.ts';
import type { cameraJa } from './messages-camera.ts';
import { kioskEn, kioskJa } from './messages-kiosk.ts';
import { kioskFlowEn, kioskFlowJa } from './messages-kiosk-flow.ts';
import type { printJa } from './messages-print.ts';
import type { paperJa } from './messages-paper.ts';
import type { verdictJa } from './messages-verdict.ts';
import type { staffJa } from './messages-staff.ts';

const ja = {
  'app.title': 'kofu コンビニ交付',
  'app.demo-badge': 'デモ',
  'app.demo-explainer': 'デモモード：架空の自治体と住民のデータで動いています。発行される証明書に効力はありません。',
  'nav.kiosk': '証明書の交付',
  'nav.verify': '証明書の確認',
  'nav.admin': '管理',
  'nav.language': 'English',
  'nav.language-label': 'Switch to English',
  'nav.large-text': '文字を大きく',
  'nav.large-text-short': '文字＋',
  'offline.ready': 'オフラインで使えるようになりました。',
  'offline.now': 'オフラインです。すべての機能をこのままお使いいただけます。',
  'update.available': '新しいバージョンがあります。',
  'update.apply': '更新する',
  'update.wait-for-work': '処理中の作業が終わると更新できます。',
  'update.later': 'あとで',

  'kiosk.heading': '各種証明書の交付',
  'kiosk.lead': 'マイナンバーカードで、住民票の写しなどの証明書を取得できます。',
  'kiosk.step.card': 'マイナンバーカードをカードリーダーに置く',
  'kiosk.step.pin': '利用者証明用電子証明書の暗証番号（数字4桁）を入力',
  'kiosk.step.choose': '証明書の種類と内容を選ぶ',
  'kiosk.step.print': '内容を確認して印刷（A4・両面）',
  'kiosk.certificates': '取得できる証明書',
  'kiosk.hours': 'ご利用時間：6時30分〜23時00分（12月29日〜1月3日を除く）',

  'verify.heading': '証明書の確認',
  'verify.lead': '受け取った証明書の裏面（スクランブル画像とQRコードのある面）を300dpi・カラーでスキャンした画像、kofuのPDF、またはカメラで確認できます。インターネット接続は不要です。',
  'verify.choose-file': '画像ファイルを選ぶ',
  'verify.drop-here': 'またはここにファイルをドロップ',
  'verify.paste': '貼り付け',
  'verify.paste-none': 'クリップボードに画像がありません。画像をコピーしてから、もう一度「貼り付け」を押してください。',
  'verify.reading': ({ percent }: { percent: number }) => `読み取り中… ${percent}%`,
  'verify.loaded': ({ width, height, dpi }: { width: number; height: number; dpi: string }) =>
    `画像を読み込みました：${width}×${height}ピクセル（A4なら約${dpi}dpi）`,
  'verify.cancel': '中止',

  'admin.heading': '管理',
  'admin.storage': 'この端末の保存領域',
  'admin.storage.persisted': '保存データは自動削除されない設定です。',
  'admin.storage.not-persisted': 'ブラウザーが容量不足のときに保存データを削除する可能性があります。アプリをインストールすると保護されます。',
  'admin.storage.usage': ({ used, quota }: { used: string; quota: string }) => `使用量 ${used} ／ 上限 ${quota}`,
  'admin.storage.glyphs': ({ count, size }: { count: number; size: string }) =>
    `文字の字形：住民データが必要とする${count}文字分（${size}）を住民データと一緒に保存しています。文字情報基盤の字形集全体（約17 MB）はこの端末に保存せず、住民データの読み込み時に必要な字だけを取得します。`,
  'admin.storage.registry': ({ residents, households, size }: { residents: string; households: string; size: string }) => `住民データ：${residents}人・${households}世帯（データベース ${size}）`,
  'admin.backup': 'バックアップ',
  'admin.backup.lead': 'この端末のデータをすべて1つのファイルに保存し、別の端末や再インストール後に戻せます。署名鍵など端末の外に出せない鍵は含まれません。',
  'admin.backup.save': 'バックアップを保存',
  'admin.backup.restore': 'バックアップから復元',
  'admin.backup.saved': ({ records }: { records: number }) => `バックアップを保存しました（${records}件）。`,
  'admin.backup.restored': ({ records, date }: { records: number; date: string }) => `${date}のバックアップから${records}件を復元しました。`,
  'admin.version': ({ version }: { version: string }) => `バージョン ${version}`,
  'common.close': '閉じる',
  'common.working': '処理中…',
  ...kioskJa,
  ...kioskFlowJa,
};

/** The first paint's words: the shell and the kiosk. */
type FirstPaintMessages = typeof ja;
/** Every word of the app: the first paint's and the views' packs. */
export type Messages = FirstPaintMessages & typeof backupJa & typeof trustJa & typeof verifyJa & typeof cameraJa & typeof readersJa & typeof registryJa & typeof staffJa & typeof printJa & typeof paperJa & typeof verdictJa;
export type MessageKey = keyof Messages;
/** Keys whose message takes no parameters. */
export type StaticMessageKey = { [K in MessageKey]: Messages[K] extends string ? K : never }[MessageKey];

const en = {
  'app.title': 'kofu certificate kiosk',
  'app.demo-badge': 'DEMO',
  'app.demo-explainer': 'Demo mode: running on a fictional municipality and residents. Certificates issued here have no legal effect.',
  'nav.kiosk': 'Get a certificate',
  'nav.verify': 'Check a certificate',
  'nav.admin': 'Admin',
  'nav.language': '日本語',
  'nav.language-label': '日本語に切り替え',
  'nav.large-text': 'Large text',
  'nav.large-text-short': 'A+',
  'offline.ready': 'Ready to work offline.',
  'offline.now': 'You are offline. Everything keeps working.',
  'update.available': 'A new version is available.',
  'update.apply': 'Update',
  'update.wait-for-work': 'You can update once the current task has finished.',
  'update.later': 'Later',

  'kiosk.heading': 'Certificates',
  'kiosk.lead': 'Use your My Number card to get a copy of your residence record and other certificates.',
  'kiosk.step.card': 'Place your My Number card on the card reader',
  'kiosk.step.pin': 'Enter the 4-digit PIN of your user-authentication certificate',
  'kiosk.step.choose': 'Choose the certificate and what it should show',
  'kiosk.step.print': 'Check and print (A4, both sides)',
  'kiosk.certificates': 'Available certificates',
  'kiosk.hours': 'Service hours: 6:30–23:00 (closed 29 December – 3 January)',

  'verify.heading': 'Check a certificate',
  'verify.lead': 'Check the back of the certificate (the side with the scrambled image and the QR code): a colour scan at 300 dpi, a kofu PDF, or the camera. No internet connection is needed.',
  'verify.choose-file': 'Choose an image file',
  'verify.drop-here': 'or drop a file here',
  'verify.paste': 'Paste',
  'verify.paste-none': 'There is no image on the clipboard. Copy an image, then press Paste again.',
  'verify.reading': ({ percent }: { percent: number }) => `Reading… ${percent}%`,
  'verify.loaded': ({ width, height, dpi }: { width: number; height: number; dpi: string }) =>
    `Image loaded: ${width}×${height} pixels (about ${dpi} dpi if it is an A4 page)`,
  'verify.cancel': 'Cancel',

  'admin.heading': 'Admin',
  'admin.storage': 'Storage on this device',
  'admin.storage.persisted': 'Stored data is protected from automatic clean-up.',
  'admin.storage.not-persisted': 'The browser may delete stored data when space runs low. Installing the app protects it.',
  'admin.storage.usage': ({ used, quota }: { used: string; quota: string }) => `Using ${used} of ${quota}`,
  'admin.storage.glyphs': ({ count, size }: { count: number; size: string }) =>
    `Character outlines: the ${count} the resident data needs (${size}), kept with the resident data. The full 文字情報基盤 glyph pack (about 17 MB) is not stored on this device; importing resident data fetches only the characters it needs.`,
  'admin.storage.registry': ({ residents, households, size }: { residents: string; households: string; size: string }) => `Resident data: ${residents} residents in ${households} households (database ${size})`,
  'admin.backup': 'Backup',
  'admin.backup.lead': 'Save all data on this device to one file, to restore it on another device or after reinstalling. Keys that cannot leave the device, such as signing keys, are not included.',
  'admin.backup.save': 'Save backup',
  'admin.backup.restore': 'Restore from backup',
  'admin.backup.saved': ({ records }: { records: number }) => `Backup saved (${records} records).`,
  'admin.backup.restored': ({ records, date }: { records: number; date: string }) => `Restored ${records} records from the backup of ${date}.`,
  'admin.version': ({ version }: { version: string }) => `Version ${version}`,
  'common.close': 'Close',
  'common.working': 'Working…',
  ...kioskEn,
  ...kioskFlowEn,
} satisfies FirstPaintMessages;

/**
 * The catalogue so far: the first paint's words, and each view's pack once messages-views.ts has
 * added it. Typed as complete, since a view's words are only looked up once its pack is in.
 */
export const messages = { ja: { ...ja }, en: { ...en } } as Record<'ja' | 'en', Messages>;

/** Adds a view's pack (both languages; each pack's English `satisfies` its Japanese). */
export function addMessages(packJa: Partial<Messages>, packEn: Partial<Messages>): void {
  Object.assign(messages.ja, packJa);
  Object.assign(messages.en, packEn);
}
