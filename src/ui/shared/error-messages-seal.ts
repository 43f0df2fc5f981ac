/**
 * Seal-domain errors in words: CBOR/COSE structure, seals and signer certificates, QR locators,
 * trust lists, root-key backups and the issuance log. Keyed by SEAL_ERROR_CODES; then what a log
 * check finds (LOG_PROBLEM_CODES) and a trust list's status (TRUST_STATUS_CODES).
 */
import type { LogProblemCode, SealErrorCode, SealErrorParams, SealNoticeParams, TrustStatusCode } from '../../seal/errors.ts';
import type { MessageTable } from './error-messages.ts';

const SHAPE_PROBLEMS = {
  'no-content': { ja: 'シールに証明書の内容がありません。', en: 'The seal has no certificate content.' },
  'too-many-entries': { ja: '信頼リストの項目が多すぎます。', en: 'The trust list has too many entries.' },
  'seal-image-too-large': { ja: '公印画像が大きすぎます。', en: 'The official seal image is too large.' },
} as const;

export const sealMessages: MessageTable<SealErrorCode, SealErrorParams> = {
  'cbor.malformed': {
    ja: (p) => (p.unreadable ? `${p.what}のデータ形式が壊れています（CBORとして読めません）。` : `${p.what}のデータ形式が壊れています。`),
    en: (p) => (p.unreadable ? `The ${p.what} data is damaged (not valid CBOR).` : `The ${p.what} data is damaged.`),
  },
  'cbor.non-canonical': {
    ja: (p) => `${p.what}のデータが正規の符号化（RFC 8949 §4.2）になっていません。改ざんまたは破損の可能性があります。`,
    en: (p) => `The ${p.what} data is not in canonical encoding (RFC 8949 §4.2); it may have been altered or damaged.`,
  },
  'cbor.bad-shape': {
    ja: (p) => ('problem' in p ? SHAPE_PROBLEMS[p.problem].ja : `${p.what}の項目「${p.field}」の形式が正しくありません。`),
    en: (p) => ('problem' in p ? SHAPE_PROBLEMS[p.problem].en : `The ${p.what} field “${p.field}” has the wrong form.`),
  },
  'cbor.unknown-field': {
    ja: (p) => `${p.what}に未知の項目（${p.key}）があります。新しい形式の場合はアプリを更新してください。`,
    en: (p) => `The ${p.what} has an unknown field (${p.key}). If it is a newer format, update the app.`,
  },
  'cose.unsupported-algorithm': { ja: (p) => `${p.what}の署名方式に対応していません。`, en: (p) => `The ${p.what} uses a signature algorithm kofu does not support.` },
  'cose.unknown-critical': {
    ja: (p) => `${p.what}に未対応の必須項目（crit）があります。アプリを更新してください。`,
    en: (p) => `The ${p.what} has critical header fields kofu does not understand (crit). Update the app.`,
  },
  'cose.wrong-tag': {
    ja: (p) => `${p.what}は COSE_Sign1（CBORタグ18）ではなく、CBORタグ${p.tag}の付いたデータです。`,
    en: (p) => `The ${p.what} is not a COSE_Sign1 (CBOR tag 18): it carries CBOR tag ${p.tag}.`,
  },
  'key.bad-public-key': {
    ja: (p) => (p.problem === 'malformed' ? '公開鍵の形式が正しくありません。' : '公開鍵を読み込めません。'),
    en: (p) => (p.problem === 'malformed' ? 'The public key is malformed.' : 'The public key cannot be loaded.'),
  },
  'seal.bad-claims': { ja: (p) => `シールの項目「${p.field}」が正しくありません。`, en: (p) => `The seal field “${p.field}” is not valid.` },
  'seal.issuer-mismatch': {
    ja: (p) => (p.when === 'signing' ? 'この端末の署名者証明書は別の自治体のものです。' : '発行自治体と署名者証明書の自治体が一致しません。偽造の可能性があります。'),
    en: (p) => (p.when === 'signing' ? 'This tablet’s signer certificate belongs to another municipality.' : 'The issuing municipality does not match the signer certificate. It may be forged.'),
  },
  'seal.signer-expired': {
    ja: 'この端末の署名者証明書は有効期間外です。管理者に証明書の更新を依頼してください。',
    en: 'This tablet’s signer certificate is not valid at this time. Ask the administrator to renew it.',
  },
  'seal.too-large': {
    ja: (p) => (p.when === 'signing' ? `証明書のデータが大きすぎます（${p.bytes}バイト、上限${p.max}）。` : 'シールのデータが大きすぎます。kofuのシールではありません。'),
    en: (p) => (p.when === 'signing' ? `The certificate data is too large (${p.bytes} bytes, limit ${p.max}).` : 'The seal data is too large; it is not a kofu seal.'),
  },
  'seal.unknown-format': { ja: 'このシールは新しい形式です。アプリを更新してください。', en: 'This seal uses a newer format. Update the app.' },
  'seal.malformed': { ja: 'シールを読み取れませんでした。データが壊れています。', en: 'The seal could not be read; the data is damaged.' },
  'seal.kid-mismatch': {
    ja: 'シールの鍵IDが同梱の署名者証明書と一致しません。偽造または改ざんの可能性があります。',
    en: 'The seal’s key id does not match its signer certificate. It may be forged or altered.',
  },
  'seal.unknown-issuer': {
    ja: (p) => `発行自治体（コード ${p.issuer}）は信頼リストにありません。信頼リストを更新するか、発行元に確認してください。`,
    en: (p) => `The issuing municipality (code ${p.issuer}) is not in the trust list. Update the trust list or ask the issuer.`,
  },
  'seal.signer-not-certified': {
    ja: '署名した端末は発行自治体に認証されていません。偽造の可能性があります。',
    en: 'The signing device is not certified by the issuing municipality. It may be forged.',
  },
  'seal.bad-signature': {
    ja: '署名が一致しません。証明書の内容が改ざんされているか、偽造されています。',
    en: 'The signature does not match: the certificate data was altered or forged.',
  },
  'seal.demo-outside-demo-mode': {
    ja: 'これはデモ自治体の証明書です。本番の検証では無効です。',
    en: 'This certificate is from the demo municipality; it is not valid outside demo mode.',
  },
  'seal.signer-revoked': {
    ja: (p) => `署名した端末の鍵（${p.kid}）は失効しています。発行自治体に確認してください。`,
    en: (p) => `The signing device’s key (${p.kid}) has been revoked. Contact the issuing municipality.`,
  },
  'seal.outside-validity': { ja: '発行日時が署名鍵の有効期間外です。', en: 'The issue time is outside the signing key’s validity period.' },
  'seal.issued-in-future': { ja: '発行日時が未来になっています。この端末の時計を確認してください。', en: 'The issue time is in the future. Check this device’s clock.' },
  'seal.unsupported-render-version': {
    ja: (p) => `この証明書は新しい版の様式（${p.renderVersion}）です。アプリを更新してください。`,
    en: (p) => `This certificate uses a newer layout (version ${p.renderVersion}). Update the app.`,
  },
  'seal.locator-mismatch': {
    ja: 'QRコードとスクランブル画像が別々の証明書のものです。同じ用紙の裏面を読み取ってください。',
    en: 'The QR code and the scrambled image belong to different certificates. Scan the back of one sheet.',
  },
  'signer.bad-device-id': { ja: (p) => `端末IDは1〜${p.max}文字にしてください。`, en: (p) => `The device id must be 1–${p.max} characters.` },
  'signer.bad-validity': { ja: '有効期間が正しくありません。', en: 'The validity period is not valid.' },
  'signer.bad-municipality': { ja: '自治体コードが正しくありません。', en: 'The municipality code is not valid.' },
  'signer.too-large': {
    ja: (p) => (p.subject === 'certificate' ? '署名者証明書が大きすぎます。' : '申請データが大きすぎます。'),
    en: (p) => (p.subject === 'certificate' ? 'The signer certificate is too large.' : 'The request is too large.'),
  },
  'signer.unknown-version': {
    ja: (p) => (p.subject === 'certificate' ? '署名者証明書の形式が新しすぎます。アプリを更新してください。' : '申請データの形式が新しすぎます。アプリを更新してください。'),
    en: (p) => (p.subject === 'certificate' ? 'The signer certificate uses a newer format. Update the app.' : 'The request uses a newer format. Update the app.'),
  },
  'signer.bad-request-signature': {
    ja: '申請データの署名が一致しません。端末で申請をやり直してください。',
    en: 'The request’s signature does not match. Create the request again on the tablet.',
  },
  'locator.damaged': {
    ja: (p) => `QRコードの内容がkofuの形式ではないか、壊れています（${p.detail}）。裏面のQRコードをもう一度読み取ってください。`,
    en: (p) => `The QR code is not a kofu locator or is damaged (${p.detail}). Scan the QR code on the back again.`,
  },
  'locator.unknown-version': { ja: 'このQRコードは新しい形式です。アプリを更新してください。', en: 'This QR code uses a newer format. Update the app.' },
  'locator.too-long': {
    ja: (p) => (p.version === undefined ? 'QRコードに収まりません。' : `検証ページのURLが長すぎます（QRバージョン${p.version}、上限${p.max}）。短いURLを設定してください。`),
    en: (p) => (p.version === undefined ? 'The locator does not fit in a QR code.' : `The verifier URL is too long (QR version ${p.version}, limit ${p.max}). Configure a shorter URL.`),
  },
  'locator.bad-verifier-url': {
    ja: (p) =>
      p.problem === 'not-https'
        ? '検証ページのURLは https:// で始めてください（例: https://verify.city.example.jp/v）。'
        : p.problem === 'too-long'
          ? `検証ページのURLが長すぎます。QRコードに収まるよう${p.max}文字以内にしてください。`
          : '検証ページのURLとして読めません。# や ? を含まない https のURLを入力してください。',
    en: (p) =>
      p.problem === 'not-https'
        ? 'The verifier URL must start with https:// (e.g. https://verify.city.example.jp/v).'
        : p.problem === 'too-long'
          ? `The verifier URL is too long: keep it to ${p.max} characters so it fits the QR code.`
          : 'This is not a usable verifier URL. Enter an https URL without # or ?.',
  },
  'trust.fetch-failed': {
    ja: '信頼リストを取得できませんでした。ネットワーク接続を確認するか、ファイルから読み込んでください。',
    en: 'Could not download the trust list. Check the network connection, or load it from a file.',
  },
  'trust.fetch-status': {
    ja: (p) => `信頼リストの配布元がエラーを返しました（HTTP ${p.status}）。URLを確認してください。`,
    en: (p) => `The trust list server returned an error (HTTP ${p.status}). Check the URL.`,
  },
  'trust.too-large': {
    ja: (p) => (p.source === 'download' ? '信頼リストのファイルが大きすぎます。' : '信頼リストのファイルが大きすぎます。正しいファイルか確認してください。'),
    en: (p) => (p.source === 'download' ? 'The trust list file is too large.' : 'The trust list file is too large. Check that it is the right file.'),
  },
  'trust.unknown-format': { ja: '信頼リストの形式が新しすぎます。アプリを更新してください。', en: 'The trust list uses a newer format. Update the app.' },
  'trust.unknown-signer': {
    ja: (p) => `この信頼リストは信頼できる発行元の署名がありません（鍵ID ${p.kid}）。配布元から正しいファイルを入手してください。`,
    en: (p) => `This trust list is not signed by a trusted publisher (key id ${p.kid}). Get the correct file from its publisher.`,
  },
  'trust.demo-outside-demo-mode': { ja: 'これはデモ用の信頼リストです。デモモードでのみ使えます。', en: 'This is a demo trust list. It can be used in demo mode only.' },
  'trust.not-newer': {
    ja: (p) => `読み込んだ信頼リスト（版 ${p.candidate}）は、使用中のもの（版 ${p.current}）より新しくありません。更新しませんでした。`,
    en: (p) => `The trust list you loaded (version ${p.candidate}) is not newer than the one in use (version ${p.current}). Nothing was changed.`,
  },
  'key-backup.weak-passphrase': { ja: (p) => `パスフレーズは${p.minLength}文字以上にしてください。`, en: (p) => `Use a passphrase of at least ${p.minLength} characters.` },
  'key-backup.damaged': { ja: '鍵のバックアップファイルが壊れています。別のバックアップファイルを使ってください。', en: 'The key backup file is damaged. Use another backup file.' },
  'key-backup.not-a-backup': {
    ja: (p) => (p.damaged ? 'このファイルはkofuの鍵バックアップではないか、壊れています。' : 'このファイルはkofuの鍵バックアップではありません。'),
    en: (p) => (p.damaged ? 'This file is not a kofu key backup, or it is damaged.' : 'This file is not a kofu key backup.'),
  },
  'key-backup.unknown-version': { ja: 'このバックアップは新しい形式です。アプリを更新してください。', en: 'This backup uses a newer format. Update the app.' },
  'key-backup.wrong-passphrase': {
    ja: 'パスフレーズが違います。バックアップを作成したときのパスフレーズを入力してください。',
    en: 'Wrong passphrase. Enter the passphrase used when the backup was made.',
  },
  'log.bad-export': {
    ja: '交付記録のファイルが正しくありません。kofuから書き出したファイルを選んでください。',
    en: 'The issuance log file is not valid. Choose a file exported from kofu.',
  },
};

export const logProblemMessages: MessageTable<LogProblemCode, SealNoticeParams> = {
  'log.entry-malformed': { ja: (p) => `記録 ${p.seq} の形式が壊れています（書き換えられています）。`, en: (p) => `Entry ${p.seq} is malformed (it was modified).` },
  'log.entry-modified': { ja: (p) => `記録 ${p.seq} の内容が書き換えられています。`, en: (p) => `Entry ${p.seq} was modified.` },
  'log.entries-deleted': { ja: (p) => `記録 ${p.from}〜${p.to} が削除されています。`, en: (p) => `Entries ${p.from}–${p.to} were deleted.` },
  'log.entry-inserted': { ja: (p) => `記録 ${p.seq} の位置に記録が挿入されています。`, en: (p) => `An entry was inserted at ${p.seq}.` },
  'log.chain-broken': {
    ja: (p) => `記録 ${p.seq} が直前の記録とつながっていません（挿入・削除・書き換えのいずれか）。`,
    en: (p) => `Entry ${p.seq} does not chain to the entry before it (an insertion, deletion or modification).`,
  },
  'log.checkpoint-forged': { ja: (p) => `記録 ${p.seq} までの署名が無効です。`, en: (p) => `The signature over entries up to ${p.seq} is not valid.` },
  'log.truncated': { ja: (p) => `署名済みの記録 ${p.seq} がありません。記録が削除されています。`, en: (p) => `Signed entry ${p.seq} is missing: entries were deleted.` },
  'log.checkpoint-mismatch': {
    ja: (p) => `記録 ${p.seq} までの内容が署名時と違います（挿入・削除・書き換え）。`,
    en: (p) => `Entries up to ${p.seq} differ from what was signed (inserted, deleted or modified).`,
  },
};

export const trustStatusMessages: MessageTable<TrustStatusCode, SealNoticeParams> = {
  'trust.up-to-date': { ja: '信頼リストは最新です。', en: 'The trust list is up to date.' },
  'trust.stale': {
    ja: (p) => `信頼リストの更新予定日を${p.days}日過ぎています。失効した署名鍵が反映されていない可能性があります。最新の信頼リストを読み込んでください。`,
    en: (p) => `The trust list is ${p.days} day(s) past its next update. Recently revoked signing keys may be missing. Load the latest trust list.`,
  },
};
