/**
 * Strings of the admin screen's registry and printer tools (`<kofu-admin-registry>`), spread into messages.ts.
 */
export const registryJa = {
  'registry.heading': '住民データ',
  'registry.lead': 'この端末が証明書を発行するときに使う住民データです。ファイルで書き出し・読み込みができます。読み込んだファイルに1か所でも誤りがあれば、何も変更せずに場所（ファイル・行・項目）を示します。',
  'registry.municipality': ({ name, code, residents, households, koseki }: { name: string; code: string; residents: number; households: number; koseki: number }) =>
    `${name}（団体コード ${code}）：住民 ${residents}人・${households}世帯・戸籍 ${koseki}件`,
  'registry.empty': 'この端末には住民データがありません。JSONファイルを読み込んでください。',
  'registry.export-json': 'すべてをJSONで書き出す',
  'registry.export-csv': '住民一覧をCSVで書き出す',
  'registry.import-json': 'JSONを読み込む（すべて置き換え）',
  'registry.import-csv': '住民CSVを読み込む',
  'registry.reset-demo': 'デモデータに戻す',
  'registry.confirm-replace': '読み込むと、この端末の住民データはファイルの内容に置き換わります。続けますか？',
  'registry.confirm-reset': 'この端末の住民データをデモデータに戻します。続けますか？',
  'registry.exported': ({ file }: { file: string }) => `${file} を保存しました。`,
  'registry.imported': ({ residents }: { residents: number }) => `読み込みました。住民は${residents}人です。`,
  'registry.reset-done': 'デモデータに戻しました。',
  'registry.problems': ({ count }: { count: number }) => `見つかった問題（${count}件）`,
  'registry.problem-at': ({ file, line, field }: { file: string; line: number; field: string }) => `${file}${line ? ` ${line}行目` : ''}${field ? `「${field}」` : ''}`,
  'registry.privacy': '住民データは個人情報です。書き出したファイルは端末と同じように厳重に管理してください。',
  'printer.heading': 'プリンターの確認',
  'printer.lead': '調整シートを「実際のサイズ（100%）」で印刷し、定規の目盛りが実寸どおりか確かめてください。ずれる場合はプリンターの「用紙に合わせる」設定を切ってください。',
  'printer.download': '調整シート（PDF）を開く',
};

export const registryEn = {
  'registry.heading': 'Resident data',
  'registry.lead': 'The resident data this device issues certificates from. Export and import it as files. If an imported file has any error, nothing is changed and each error is shown with its file, line and field.',
  'registry.municipality': ({ name, code, residents, households, koseki }: { name: string; code: string; residents: number; households: number; koseki: number }) =>
    `${name} (code ${code}): ${residents} residents in ${households} households, ${koseki} family registers`,
  'registry.empty': 'There is no resident data on this device. Import a JSON file.',
  'registry.export-json': 'Export everything as JSON',
  'registry.export-csv': 'Export residents as CSV',
  'registry.import-json': 'Import JSON (replaces everything)',
  'registry.import-csv': 'Import residents CSV',
  'registry.reset-demo': 'Restore the demo data',
  'registry.confirm-replace': 'Importing replaces the resident data on this device with the file’s. Continue?',
  'registry.confirm-reset': 'Replace the resident data on this device with the demo data?',
  'registry.exported': ({ file }: { file: string }) => `Saved ${file}.`,
  'registry.imported': ({ residents }: { residents: number }) => `Imported. There are now ${residents} residents.`,
  'registry.reset-done': 'The demo data is back.',
  'registry.problems': ({ count }: { count: number }) => `Problems found (${count})`,
  'registry.problem-at': ({ file, line, field }: { file: string; line: number; field: string }) => `${file}${line ? ` line ${line}` : ''}${field ? `, ${field}` : ''}`,
  'registry.privacy': 'Resident data is personal data. Keep exported files as carefully as the device itself.',
  'printer.heading': 'Printer check',
  'printer.lead': 'Print the calibration sheet at “actual size (100%)” and check the rulers against a real ruler. If they differ, turn off the printer’s “fit to page” setting.',
  'printer.download': 'Open the calibration sheet (PDF)',
} satisfies typeof registryJa;
