/**
 * Strings of the admin screen's print settings (`<kofu-admin-print>`), spread into messages.ts.
 */
export const printJa = {
  'print.heading': '印刷の設定',
  'print.lead': 'この端末で印刷するすべての証明書に使われます。',
  'print.url.label': '検証ページのURL（QRコードと裏面に印刷）',
  'print.url.hint': ({ max }: { max: number }) => `市区町村の検証ページを https:// で、${max}文字以内で入力してください。端末自身のアドレスは使いません。`,
  'print.url.demo': ({ url }: { url: string }) => `未設定のため、デモ用のアドレス ${url} を印刷しています（実在しないアドレスです）。`,
  'print.url.save': 'URLを保存',
  'print.url.saved': ({ url }: { url: string }) => `検証ページのURLを ${url} にしました。次に印刷する証明書から使われます。`,
  'print.profile.label': '『複写』けん制文字の網点（プリンタープロファイル）',
  'print.profile.hint': '調整シートの2ページ目を印刷し、店舗のコピー機でコピーしてください。原本では『複写』が見えず、コピーではっきり読める組み合わせを選びます。',
  'print.profile.option': ({ id, dpi, background, message, coverage }: { id: string; dpi: number; background: string; message: string; coverage: number }) => `${id}（${dpi} dpi、背景 ${background}・文字 ${message} px、網点面積 ${coverage}%）`,
  'print.profile.save': 'プロファイルを保存',
  'print.profile.saved': ({ id }: { id: string }) => `プリンタープロファイルを ${id} にしました。`,
};

export const printEn = {
  'print.heading': 'Print settings',
  'print.lead': 'Used for every certificate this tablet prints.',
  'print.url.label': 'Verifier URL (printed in the QR code and on the back)',
  'print.url.hint': ({ max }: { max: number }) => `Enter the municipality’s verifier page, https://, at most ${max} characters. The tablet’s own address is never used.`,
  'print.url.demo': ({ url }: { url: string }) => `Not set: the demo address ${url} is printed (it does not exist).`,
  'print.url.save': 'Save URL',
  'print.url.saved': ({ url }: { url: string }) => `The verifier URL is now ${url}. The next certificate printed uses it.`,
  'print.profile.label': '『複写』 void pantograph screens (printer profile)',
  'print.profile.hint': 'Print page 2 of the calibration sheet and copy it on the store’s copier. Choose the pair where 『複写』 is invisible on the original and reads clearly on the copy.',
  'print.profile.option': ({ id, dpi, background, message, coverage }: { id: string; dpi: number; background: string; message: string; coverage: number }) => `${id} (${dpi} dpi, background ${background}, message ${message} px, ${coverage} % ink)`,
  'print.profile.save': 'Save profile',
  'print.profile.saved': ({ id }: { id: string }) => `The printer profile is now ${id}.`,
} satisfies Record<keyof typeof printJa, unknown>;
