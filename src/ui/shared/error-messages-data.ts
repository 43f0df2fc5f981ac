/**
 * Errors of the data domains in words: stored data and backups (store/), the seal content codec
 * and dates (documents/), the certificate font (render/), registry look-ups and imports (registry/).
 * Keyed by each domain's code list.
 */
import type { DocumentsErrorCode, DocumentsErrorParams } from '../../documents/errors.ts';
import type { RegistryErrorCode, RegistryErrorParams } from '../../registry/errors.ts';
import type { RenderErrorCode, RenderErrorParams } from '../../render/font.ts';
import type { StoreErrorCode, StoreErrorParams } from '../../store/errors.ts';
import type { MessageTable } from './error-messages.ts';

export const storeMessages: MessageTable<StoreErrorCode, StoreErrorParams> = {
  'storage.newer-schema': {
    ja: 'この端末のデータは新しいバージョンのkofuで作成されています。アプリを更新してから開いてください。',
    en: 'The data on this device was written by a newer version of kofu. Update the app, then open it again.',
  },
  'storage.unavailable': {
    ja: 'この端末の保存領域を開けませんでした。プライベートモードを終了するか、ブラウザーの保存設定を確認してください。',
    en: 'Could not open storage on this device. Leave private browsing or check the browser’s storage settings.',
  },
  'backup.unsupported-value': { ja: (p) => `バックアップできない値があります（${p.path}）。`, en: (p) => `A value cannot be written to a backup (${p.path}).` },
  'backup.foreign-file': {
    ja: 'このファイルはkofuのバックアップではありません。管理画面の「バックアップを保存」で作成したファイルを選んでください。端末のデータは変更していません。',
    en: 'This file is not a kofu backup. Choose a file made with “Save backup” in admin mode. Nothing on this device was changed.',
  },
  'backup.too-large': {
    ja: (p) => `ファイルが大きすぎます（${p.megabytes} MB）。kofuのバックアップは通常数MBです。正しいファイルか確認してください。端末のデータは変更していません。`,
    en: (p) => `The file is too large (${p.megabytes} MB); kofu backups are usually a few MB. Check that this is the right file. Nothing on this device was changed.`,
  },
  'backup.unknown-format-version': {
    ja: 'このバックアップは別のバージョンのkofuの形式です。アプリを更新してから読み込んでください。端末のデータは変更していません。',
    en: 'This backup uses a format from another version of kofu. Update the app, then import it. Nothing on this device was changed.',
  },
  'backup.checksum-mismatch': {
    ja: 'バックアップファイルが壊れているか、書き換えられています（チェックサム不一致）。別のバックアップを使ってください。端末のデータは変更していません。',
    en: 'The backup file is damaged or was edited (checksum mismatch). Use another backup. Nothing on this device was changed.',
  },
  'backup.newer-schema': {
    ja: 'このバックアップは新しいバージョンのkofuで作成されています。アプリを更新してから読み込んでください。端末のデータは変更していません。',
    en: 'This backup was made by a newer version of kofu. Update the app, then import it. Nothing on this device was changed.',
  },
  'backup.write-failed': {
    ja: 'バックアップの内容を書き込めませんでした。端末のデータは元のままです。',
    en: 'The backup could not be written. The data on this device is unchanged.',
  },
  'registry.replace-failed': { ja: '住民データを保存できませんでした。データは変更していません。', en: 'Could not store the registry. Nothing was changed.' },
  'log.write-failed': { ja: '交付記録を保存できませんでした。', en: 'The issuance could not be recorded.' },
  'log.busy': { ja: '交付記録が混み合っています。もう一度お試しください。', en: 'The issuance log is busy. Please try again.' },
};

export const documentsMessages: MessageTable<DocumentsErrorCode, DocumentsErrorParams> = {
  'seal-content.invalid': {
    ja: (p) => `証明書データの形式が正しくありません（${p.path}: ${p.problem}）。この用紙は検証できません。`,
    en: (p) => `The certificate data is malformed (${p.path}: ${p.problem}). This paper cannot be verified.`,
  },
  'seal-content.render-version': {
    ja: (p) => `この証明書は新しい版のkofuで発行されています（描画版 ${p.renderVersion}）。アプリを更新してから検証してください。`,
    en: (p) => `This certificate was issued by a newer kofu (render version ${p.renderVersion}). Update the app, then verify again.`,
  },
  'date.invalid': { ja: (p) => `日付が正しくありません: ${p.date}`, en: (p) => `Not a valid date: ${p.date}` },
  'date.bad-format': { ja: (p) => `日付はYYYY-MM-DDで書いてください: "${p.text}"`, en: (p) => `Write dates as YYYY-MM-DD: "${p.text}"` },
};

export const renderMessages: MessageTable<RenderErrorCode, RenderErrorParams> = {
  'font.bad-ttf': {
    ja: (p) => `フォントファイルを読み込めませんでした（${p.detail}）。アプリを再読み込みしてください。`,
    en: (p) => `Could not read the font file (${p.detail}). Reload the app.`,
  },
  'render.font-unavailable': {
    ja: '証明書用のフォントを読み込めませんでした。ネットワークに接続してアプリを一度開き直し、オフライン用データを準備してください。',
    en: 'Could not load the certificate font. Connect to the network and reopen the app once so it can prepare for offline use.',
  },
};

export const registryMessages: MessageTable<RegistryErrorCode, RegistryErrorParams> = {
  'registry.not-found': {
    ja: (p) => `住民記録（${p.what}）が見つかりません。窓口でご相談ください。`,
    en: (p) => `The resident record (${p.what}) was not found. Please ask at the municipal office.`,
  },
  'registry.import-invalid': {
    ja: (p) =>
      `${p.file}${p.line ? ` ${p.line}行目` : ''}${p.field ? `「${p.field}」` : ''}: ${p.problem.ja}（ほか${p.more}件）。データは変更していません。ファイルを直してからもう一度読み込んでください。`,
    en: (p) =>
      `${p.file}${p.line ? ` line ${p.line}` : ''}${p.field ? `, field ${p.field}` : ''}: ${p.problem.en} (${p.more} more). Nothing was changed. Fix the file and import it again.`,
  },
};
