/**
 * Errors of the data domains in words: stored data and backups (store/), the seal content codec
 * and dates (documents/), the certificate font (render/), registry look-ups, imports and the
 * eligibility refusals (registry/).
 * Keyed by each domain's code list.
 */
import type { DocumentsErrorCode, DocumentsErrorParams } from '../../documents/errors.ts';
import type { ImportProblemCode, ImportProblemParams, RefusalCode, RefusalParams, RegistryErrorCode, RegistryErrorParams } from '../../registry/errors.ts';
import type { RenderErrorCode, RenderErrorParams } from '../../render/font.ts';
import type { StoreErrorCode, StoreErrorParams } from '../../store/errors.ts';
import { messageFor, type MessageTable } from './error-messages.ts';

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
  'backup.invalid-value': {
    ja: (p) => `バックアップの「${p.store}」に、この端末で使えない値があります（${p.path}）。別のバックアップを使ってください。端末のデータは変更していません。`,
    en: (p) => `The backup’s “${p.store}” holds a value this device cannot use (${p.path}). Use another backup. Nothing on this device was changed.`,
  },
  'backup.write-failed': {
    ja: 'バックアップの内容を書き込めませんでした。端末のデータは元のままです。',
    en: 'The backup could not be written. The data on this device is unchanged.',
  },
  'backup.log-diverged': {
    ja: 'このバックアップの交付記録は、この端末の交付記録と食い違っています（別の端末のバックアップか、以前の復元のあとに記録が分かれています）。復元すると発行番号の記録が失われるため、読み込みませんでした。端末のデータは変更していません。',
    en: 'This backup’s issuance log differs from this device’s (it is another tablet’s backup, or the logs parted after an earlier restore). Restoring it would lose the record of issued serials, so it was not imported. Nothing on this device was changed.',
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
  'glyph.bad-outline': {
    ja: (p) => `文字の字形データが正しくありません（${p.detail}）。`,
    en: (p) => `The glyph outline data is malformed (${p.detail}).`,
  },
};

export const registryMessages: MessageTable<RegistryErrorCode, RegistryErrorParams> = {
  'registry.gaiji-invalid': {
    ja: (p) => `外字ファイルを取り込めません（${p.detail}）。外字システムのTrueTypeフォント（.ttf）か、kofu-gaiji形式の字形JSONを指定してください。何も変更していません。`,
    en: (p) => `Could not import the 外字 file (${p.detail}). Choose the 外字 system's TrueType font (.ttf) or an outlines JSON in the kofu-gaiji format. Nothing was changed.`,
  },
  'registry.not-found': {
    ja: (p) => `住民記録（${p.what}）が見つかりません。窓口でご相談ください。`,
    en: (p) => `The resident record (${p.what}) was not found. Please ask at the municipal office.`,
  },
  'registry.import-invalid': {
    ja: (p) =>
      `${p.file}${p.line ? ` ${p.line}行目` : ''}${p.field ? `「${p.field}」` : ''}: ${messageFor(p.problem.code, p.problem.params, 'ja')}（ほか${p.more}件）。データは変更していません。ファイルを直してからもう一度読み込んでください。`,
    en: (p) =>
      `${p.file}${p.line ? ` line ${p.line}` : ''}${p.field ? `, field ${p.field}` : ''}: ${messageFor(p.problem.code, p.problem.params, 'en')} (${p.more} more). Nothing was changed. Fix the file and import it again.`,
  },
};

/** `12-29` → `12月29日`. */
const monthDay = (mmdd: string) => `${Number(mmdd.slice(0, 2))}月${Number(mmdd.slice(3))}日`;

export const refusalMessages: MessageTable<RefusalCode, RefusalParams> = {
  'too-many-glyphs': {
    ja: (p) => `この証明書には通常の字体にない文字が多く（${p.count}文字、字形データ${p.bytes}バイト、上限${p.max}バイト）、コンビニ交付の用紙に収まりません。窓口で請求してください。`,
    en: (p) => `This certificate has too many characters outside the standard typeface (${p.count}, ${p.bytes} bytes of outlines; the limit is ${p.max}) to fit the kiosk paper. Please apply at the municipal office.`,
  },
  'deceased': {
    ja: 'この方の記録は消除されています。窓口でご相談ください。',
    en: 'This person’s record has been closed. Please ask at the municipal office.',
  },
  'under-15': {
    ja: '15歳未満の方はコンビニ交付を利用できません。窓口で請求してください。',
    en: 'Residents under 15 cannot use the kiosk. Please apply at the municipal office.',
  },
  'moving-out': {
    ja: '転出の届出をされている方はコンビニ交付を利用できません。窓口で請求してください。',
    en: 'Residents who have reported moving out cannot use the kiosk. Please apply at the municipal office.',
  },
  'moved-in-today': {
    ja: '転入の届出をした当日はコンビニ交付を利用できません。明日以降にご利用ください。',
    en: 'Certificates are not issued at a kiosk on the day you moved in. Please try again tomorrow.',
  },
  'dv-support': {
    ja: 'この方の証明書はコンビニ交付では発行できません。窓口でご相談ください。',
    en: 'Certificates for this person cannot be issued at a kiosk. Please ask at the municipal office.',
  },
  'not-same-household': {
    ja: (p) => `${p.name}さんは同じ世帯ではありません。`,
    en: (p) => `${p.name} is not in the same household.`,
  },
  'member-deceased': {
    ja: (p) => `${p.name}さんの記録は消除されています。`,
    en: (p) => `${p.name}’s record has been closed.`,
  },
  'member-dv-support': {
    ja: '選択した方の中に、コンビニ交付で発行できない方が含まれています。窓口で請求してください。',
    en: 'The selection includes a person whose certificate cannot be issued at a kiosk. Please apply at the office.',
  },
  'household-moving-out': {
    ja: '世帯の中に転出予定の方がいるため、世帯の証明書はコンビニ交付では発行できません。本人のみの証明書を選ぶか、窓口で請求してください。',
    en: 'The household includes someone about to move out, so household certificates are not issued at a kiosk. Choose “this person only” or apply at the office.',
  },
  'no-koseki': {
    ja: 'この方の戸籍の記録はこの端末では扱えません（外国籍の方、または本籍の記録がない方）。',
    en: 'No family register is available for this person here (foreign residents, or no 本籍 on record).',
  },
  'koseki-registration-needed': {
    ja: '本籍地が住所地と異なるため、事前に本籍地の市区町村へ「戸籍証明書交付の利用登録申請」が必要です。',
    en: 'Your 本籍 is in another municipality: register once for kiosk family-register certificates with that municipality first.',
  },
  'closed-period': {
    ja: (p) => `${monthDay(p.from)}から${monthDay(p.to)}まではサービスを休止しています。`,
    en: (p) => `The service is closed from ${p.from} to ${p.to} (MM-DD).`,
  },
  'maintenance': {
    ja: '本日は保守のためサービスを休止しています。',
    en: 'The service is closed today for maintenance.',
  },
  'outside-hours': {
    ja: (p) => `ご利用時間は${p.open}から${p.close}までです。`,
    en: (p) => `The service is available from ${p.open} to ${p.close}.`,
  },
  'outside-koseki-hours': {
    ja: (p) => `この市区町村の戸籍・附票の証明書は${p.weekdaysOnly ? '平日' : '毎日'}${p.open}から${p.close}までです。`,
    en: (p) => `Family-register certificates from this municipality are available ${p.weekdaysOnly ? 'on weekdays ' : ''}from ${p.open} to ${p.close}.`,
  },
  'no-members': {
    ja: '記載する人を選んでください。',
    en: 'Choose who is listed.',
  },
  'no-seal': {
    ja: '印鑑登録がありません。窓口で登録してください。',
    en: 'No seal is registered. Please register one at the office.',
  },
  'no-tax-record': {
    ja: (p) => (p.fiscalYear === undefined ? '税情報がありません。' : `${p.fiscalYear}年度の税情報がありません。`),
    en: (p) => (p.fiscalYear === undefined ? 'No tax record is available.' : `No tax record for fiscal year ${p.fiscalYear}.`),
  },
  'not-hikazei': {
    ja: 'この年度は課税されているため、非課税証明書は発行できません。課税証明書を選んでください。',
    en: 'You were taxed this year, so a non-taxation certificate cannot be issued. Choose the taxation certificate.',
  },
  'not-in-koseki': {
    ja: 'この戸籍に記録されていないため、発行できません。',
    en: 'You are not recorded in this family register.',
  },
};

/** One problem of an imported file (a field or a line), shown after its place (file, line, field). */
export const importProblemMessages: MessageTable<ImportProblemCode, ImportProblemParams> = {
  'import.file-too-large': {
    ja: (p) => `ファイルが大きすぎます（${p.megabytes} MB、上限 ${p.max} MB）。住民CSVを市区町村や地区ごとに分けると読み込めます。`,
    en: (p) => `The file is too large (${p.megabytes} MB; the limit is ${p.max} MB). Split the residents CSV by municipality or district to import it.`,
  },
  'import.malformed-file': { ja: (p) => `ファイルの形式が正しくありません（${p.detail}）`, en: (p) => `the file is malformed (${p.detail})` },
  'import.bad-header': { ja: (p) => `見出し行の列が正しくありません（不足: ${p.missing.join('、') || 'なし'}、不明: ${p.unknown.join('、') || 'なし'}）`, en: (p) => `wrong header columns (missing: ${p.missing.join(', ') || 'none'}; unknown: ${p.unknown.join(', ') || 'none'})` },
  'import.field-count': { ja: (p) => `列の数が${p.count}です（${p.needed}が必要）`, en: (p) => `has ${p.count} fields, needs ${p.needed}` },
  'import.required': { ja: '必須項目がありません', en: 'is required' },
  'import.unknown-field': { ja: '知らない項目です', en: 'unknown field' },
  'import.not-text': { ja: '文字列が必要です', en: 'must be text' },
  'import.empty': { ja: '空欄にできません', en: 'must not be empty' },
  'import.bad-date-format': { ja: '日付はYYYY-MM-DDで書いてください', en: 'write dates as YYYY-MM-DD' },
  'import.no-such-date': { ja: '存在しない日付です', en: 'no such date' },
  'import.bad-time': { ja: '時刻はHH:MMで書いてください', en: 'write times as HH:MM' },
  'import.not-whole-number': { ja: '0以上の整数が必要です', en: 'must be a whole number ≥ 0' },
  'import.not-boolean': { ja: 'true または false が必要です', en: 'must be true or false' },
  'import.not-literal': { ja: (p) => `${p.literal}である必要があります`, en: (p) => `must be ${p.literal}` },
  'import.not-one-of': { ja: (p) => `${p.choices.join('、')}のいずれかが必要です`, en: (p) => `must be one of ${p.choices.join(', ')}` },
  'import.bad-pattern': { ja: (p) => `形式が正しくありません（${p.description}）`, en: (p) => `wrong format (${p.description})` },
  'import.not-list': { ja: '配列が必要です', en: 'must be a list' },
  'import.not-object': { ja: 'オブジェクトが必要です', en: 'must be an object' },
  'import.bad-flag': { ja: '1 か 0 か空欄で書いてください', en: 'write 1, 0 or leave empty' },
  'import.duplicate-id': { ja: (p) => `IDが重複しています: ${p.id}`, en: (p) => `duplicate id: ${p.id}` },
  'import.bad-municipality-check-digit': { ja: '団体コードの検査数字が正しくありません', en: 'the check digit of the municipality code is wrong' },
  'import.unknown-municipality': { ja: '登録されていない団体コードです', en: 'unknown municipality code' },
  'import.bad-glyph': { ja: (p) => `字形データが使えません（${p.detail}）。1文字分の字形（外字ファイルから作ったもの）を指定してください`, en: (p) => `unusable glyph (${p.detail}); give one character's outline, made from a 外字 file` },
  'import.householder-not-member': { ja: '世帯主がこの世帯の住民ではありません', en: 'the householder is not a member of this household' },
  'import.no-such-household': { ja: '存在しない世帯です', en: 'no such household' },
  'import.bad-my-number': { ja: '個人番号の検査用数字が正しくありません', en: 'the My Number check digit is wrong' },
  'import.no-such-koseki': { ja: '存在しない戸籍です', en: 'no such family register' },
  'import.koseki-municipality-mismatch': { ja: '戸籍を管理する市区町村と一致しません', en: 'does not match the municipality keeping that register' },
  'import.foreign-honseki': { ja: '外国人住民には本籍がありません', en: 'foreign residents have no 本籍' },
  'import.no-such-resident': { ja: '存在しない住民です', en: 'no such resident' },
  'import.text-impression-incomplete': { ja: '文字の印影には text と shape が必要です', en: 'a text impression needs text and shape' },
  'import.impression-size-mismatch': { ja: '印影画像の大きさとデータが一致しません', en: 'the impression bitmap does not match its size' },
  'import.utf16-without-bom': { ja: 'UTF-16（BOMなし）のファイルは読めません。UTF-8 または Shift_JIS で保存し直してください', en: 'UTF-16 without a byte order mark cannot be read; save the file as UTF-8 or Shift_JIS' },
  'import.unknown-encoding': { ja: '文字コードが UTF-8 でも Shift_JIS（CP932）でもありません。UTF-8 で保存し直してください', en: 'the text is neither UTF-8 nor Shift_JIS (CP932); save the file as UTF-8' },
};
