/**
 * Errors of the app's own services in words: the trust set-up (app/trust/) and the kiosk flow
 * (app/kiosk-messages.ts). Keyed by TRUST_SERVICE_ERROR_CODES and KIOSK_ERROR_CODES.
 */
import type { NoParams } from '../../bytes/errors.ts';
import type { TrustServiceErrorCode, TrustServiceErrorParams } from '../../app/trust/errors.ts';
import type { KioskErrorCode, KioskErrorParams } from '../../app/kiosk-messages.ts';
import type { ErrorMessage, MessageTable, Words } from './error-messages.ts';

/** What a refusal of staff input ends with: the trust services check before they store anything. */
export const NOTHING_CHANGED = { ja: '何も変更していません。', en: 'Nothing was changed.' } as const;

const render = <P,>(words: Words<P>, p: P) => (typeof words === 'function' ? words(p) : words);
/** `message` followed by "Nothing was changed." in each language. */
const refused = <P = NoParams,>(message: ErrorMessage<P>): ErrorMessage<P> => ({
  ja: (p) => `${render(message.ja, p)}${NOTHING_CHANGED.ja}`,
  en: (p) => `${render(message.en, p)} ${NOTHING_CHANGED.en}`,
});

const HOW_TO = { ja: '管理画面の「信頼と署名鍵」で', en: 'In Admin → Trust and signing keys, ' } as const;
const DAYS_FOR = { validity: { ja: '有効期間', en: 'a validity' }, 'next-update': { ja: '次回更新までの期間', en: 'a time to the next update' } } as const;

export const trustServiceMessages: MessageTable<TrustServiceErrorCode, TrustServiceErrorParams> = {
  'root.exists': refused({
    ja: (p) => `この端末にはすでに自治体のルート鍵（${p.name}、コード ${p.municipality}）があります。`,
    en: (p) => `This device already has a municipality root key (${p.name}, code ${p.municipality}).`,
  }),
  'root.missing': refused({
    ja: 'この端末には自治体のルート鍵がありません。ルート鍵を作成するか、バックアップから復元してください。',
    en: 'This device has no municipality root key. Create one, or restore it from its backup.',
  }),
  'root.bad-name': refused({ ja: '自治体名は1〜64文字で入力してください。', en: 'Enter a municipality name of 1–64 characters.' }),
  'root.passphrase-mismatch': {
    ja: '2回入力したパスフレーズが一致しません。同じパスフレーズを入力してください。',
    en: 'The two passphrases do not match. Enter the same passphrase twice.',
  },
  'root.not-backed-up': refused({
    ja: 'この端末ではまだルート鍵のバックアップを保存していません。先にバックアップを保存してください。',
    en: 'No backup of this root key has been saved on this device. Save a backup first.',
  }),
  'root.delete-kid-mismatch': refused({ ja: '入力された鍵IDがこのルート鍵と一致しません。', en: 'The key id you entered is not this root key’s.' }),
  'root.other-municipality': refused({
    ja: (p) => `この申請は別の自治体（コード ${p.requested}）向けです。この端末のルート鍵は ${p.name}（コード ${p.municipality}）のものです。端末で自治体コードを確認して申請し直してください。`,
    en: (p) => `This request is for another municipality (code ${p.requested}); this device’s root is ${p.name} (code ${p.municipality}). Check the code on the tablet and make the request again.`,
  }),
  'root.bad-kid': refused({
    ja: '鍵IDは16桁の16進数で入力してください（端末の管理画面に表示されます）。',
    en: 'Enter the key id as 16 hexadecimal digits (shown on the tablet’s admin screen).',
  }),
  'root.already-revoked': refused({ ja: (p) => `鍵ID ${p.kid} はすでに失効しています。`, en: (p) => `Key id ${p.kid} is already revoked.` }),
  'trust.bad-days': refused({
    ja: (p) => `${DAYS_FOR[p.what].ja}は1〜${p.max}日で指定してください。`,
    en: (p) => `Choose ${DAYS_FOR[p.what].en} of 1–${p.max} days.`,
  }),
  'trust.bad-municipality-code': refused({
    ja: (p) => `自治体コード「${p.code}」が正しくありません。検査数字を含む6桁の全国地方公共団体コード（例：131016）を入力してください。`,
    en: (p) => `The municipality code “${p.code}” is not valid. Enter the six-digit local government code including its check digit (e.g. 131016).`,
  }),
  'trust.bad-url': refused({ ja: 'URLの形式が正しくありません。', en: 'The address is not a valid URL.' }),
  'trust.insecure-url': refused({ ja: '信頼リストの配布アドレスは https:// で始まる必要があります。', en: 'The trust-list address must start with https://.' }),
  'trust.url-not-allowed': refused({
    ja: 'このアドレスからは読み込めません。このアプリと同じサーバーか、設定済みの信頼リストの配布アドレスだけを使えます。',
    en: 'Trust lists can be downloaded only from this app’s own server or the configured trust-list address.',
  }),
  'trust.no-publisher': refused({
    ja: 'この信頼リストの署名者を確認できません。自治体から正しいファイルを入手してください。',
    en: 'The signer of this trust list cannot be identified. Get the correct file from the municipality.',
  }),
  'trust.publisher-kid-mismatch': refused({
    ja: (p) => `入力された鍵IDが、この信頼リストの署名者（${p.kid}）と一致しません。自治体が公表した鍵IDを確認してください。`,
    en: (p) => `The key id you entered does not match this trust list’s signer (${p.kid}). Check the key id the municipality published.`,
  }),
  'signer.invalid-device-id': refused({
    ja: (p) => `端末IDは1〜${p.max}文字で入力してください（例：T01）。人の名前や住所は使わないでください。`,
    en: (p) => `Enter a device id of 1–${p.max} characters (e.g. T01). Do not use a person’s name or an address.`,
  }),
  'signer.wrong-municipality': {
    ja: (p) => `この端末の署名者証明書は自治体コード${p.certified}のものです。自治体コード${p.requested}の証明書は発行できません。`,
    en: (p) => `This tablet’s signer certificate is for municipality ${p.certified}; it cannot issue certificates of municipality ${p.requested}.`,
  },
  'signer.not-provisioned': {
    ja: `この端末には署名鍵がないため、証明書を発行できません。${HOW_TO.ja}「署名鍵の申請を作成」を行い、自治体の管理者に証明書の発行を依頼してください。`,
    en: `This tablet has no signing key, so it cannot issue certificates. ${HOW_TO.en}create a signing request and ask the municipality administrator to certify it.`,
  },
  'signer.awaiting-certificate': {
    ja: `この端末の署名鍵はまだ自治体に認証されていません。管理者から受け取った証明書ファイルを${HOW_TO.ja}「証明書をインストール」してください。`,
    en: `This tablet’s signing key is not certified yet. ${HOW_TO.en}install the certificate file the administrator gave you.`,
  },
  'signer.revoked': {
    ja: (p) => `この端末の署名鍵（${p.kid}）は失効しています。発行はできません。自治体の管理者に連絡し、新しい署名鍵の申請を作成してください。`,
    en: (p) => `This tablet’s signing key (${p.kid}) has been revoked; it cannot issue. Contact the municipality administrator and create a new signing request.`,
  },
  'signer.certificate-expired': {
    ja: `この端末の署名者証明書は有効期間外です。${HOW_TO.ja}新しい申請を作成し、管理者に証明書の再発行を依頼してください（端末の時計も確認してください）。`,
    en: `This tablet’s signer certificate is not valid now. ${HOW_TO.en}create a new request and ask the administrator for a new certificate (also check this device’s clock).`,
  },
  'signer.no-request': refused({
    ja: 'この端末には申請中の署名鍵がありません。先に「署名鍵の申請を作成」を行ってください。',
    en: 'This tablet has no pending signing key. Create a signing request first.',
  }),
  'signer.certificate-mismatch': refused({
    ja: (p) => `この証明書は別の端末の鍵（端末ID ${p.deviceId}）のものです。この端末の最新の申請ファイルで発行された証明書を選んでください。`,
    en: (p) => `This certificate is for another tablet’s key (device id ${p.deviceId}). Choose the certificate issued for this tablet’s latest request.`,
  }),
  'signer.certificate-untrusted': refused({
    ja: (p) => `この証明書は、この端末が信頼する自治体（コード ${p.municipality}）のルート鍵で署名されていません。先に自治体の信頼リストを読み込んでください。`,
    en: (p) => `This certificate is not signed by a root this device trusts for municipality ${p.municipality}. Import the municipality’s trust list first.`,
  }),
  'file.too-large': refused({
    ja: (p) => `「${p.name}」は大きすぎるため、この操作のファイルではありません。選んだファイルを確認してください。`,
    en: (p) => `“${p.name}” is too large to be the file for this step. Check the file you chose.`,
  }),
};

const UNKNOWN_RESIDENT = {
  ja: 'このカードの方の住民記録が見つかりません。お住まいの市区町村の窓口でご相談ください。',
  en: 'No resident record was found for this card. Please ask at your municipal office.',
} as const;

export const kioskMessages: MessageTable<KioskErrorCode, KioskErrorParams> = {
  'kiosk.unknown-resident': UNKNOWN_RESIDENT,
  'kiosk.unknown-municipality': UNKNOWN_RESIDENT,
  'no-municipality': UNKNOWN_RESIDENT,
  'kiosk.unexpected': { ja: '処理を続けられませんでした。はじめからやり直してください。', en: 'Something went wrong. Please start again.' },
  'kiosk.wrong-pin-length': { ja: '暗証番号は数字4桁です。', en: 'The PIN has 4 digits.' },
  'kiosk.already-open': {
    ja: 'この端末では、別のタブ（またはウィンドウ）で交付画面がすでに開いています。そちらを使うか、閉じてからもう一度お試しください。',
    en: 'The kiosk is already open in another tab (or window) on this device. Use that one, or close it and try again.',
  },
};
