/**
 * What a resident can choose for each certificate at the kiosk (card-reading.md §5.1, §5.2), as
 * plain data the kiosk UI renders, and the fee arithmetic. 住民票コード is never offered.
 */
import type { LocalizedText } from '../bytes/errors.ts';
import type { CertificateKind, JuminhyoScope, TaxKind } from './types.ts';

export type CertificateRequest =
  | {
      readonly kind: 'juminhyo' | 'kisai';
      readonly scope: JuminhyoScope;
      /** With scope 'some': the household members to list (resident ids). */
      readonly memberIds?: readonly string[];
      /** 世帯主の氏名・続柄 */
      readonly householder: boolean;
      /** 本籍・筆頭者 (住民票の写し only) */
      readonly honseki: boolean;
      /** 個人番号 (住民票の写し only; opt-in, see MY_NUMBER_WARNING) */
      readonly myNumber: boolean;
    }
  | { readonly kind: 'inkan' }
  | { readonly kind: 'tax'; readonly taxKind: TaxKind; readonly fiscalYear: number }
  | { readonly kind: 'koseki'; readonly scope: 'all' | 'individual' }
  | { readonly kind: 'fuhyo' };

export const MY_NUMBER_WARNING: LocalizedText = {
  ja: '個人番号（マイナンバー）入りの住民票は、法令で定められた手続き以外で提出を求められることはありません。必要な場合だけ選んでください。',
  en: 'A certificate showing the My Number is required only for procedures defined by law. Choose it only if you were asked for it.',
};

export interface OptionDescriptor {
  readonly id: string;
  readonly label: LocalizedText;
  readonly choices?: readonly { readonly value: string; readonly label: LocalizedText }[];
  readonly warning?: LocalizedText;
  readonly defaultValue: string | boolean;
}

const yesNo = (id: string, ja: string, en: string, warning?: LocalizedText): OptionDescriptor => ({ id, label: { ja, en }, defaultValue: false, warning });
/** A one-of option: its label, the choice preselected, and each choice as [value, ja, en]. */
const oneOf = (id: string, ja: string, en: string, defaultValue: string, choices: readonly (readonly [value: string, ja: string, en: string])[]): OptionDescriptor => ({
  id,
  label: { ja, en },
  defaultValue,
  choices: choices.map(([value, choiceJa, choiceEn]) => ({ value, label: { ja: choiceJa, en: choiceEn } })),
});

/** Who a 住民票の写し or 住民票記載事項証明書 lists: the same choice for both. */
const SCOPE_OPTION = oneOf('scope', '記載する人', 'Who is listed', 'self', [
  ['self', '本人のみ', 'This person only'],
  ['household', '世帯全員', 'Whole household'],
  ['some', '世帯の一部（選択）', 'Chosen members'],
]);

/** The option list shown for each kind. */
export const OPTIONS: Readonly<Record<CertificateKind, readonly OptionDescriptor[]>> = {
  juminhyo: [
    SCOPE_OPTION,
    yesNo('householder', '世帯主の氏名・続柄', 'Householder and relationship'),
    yesNo('honseki', '本籍・筆頭者', 'Registered domicile and head of the family register'),
    yesNo('myNumber', '個人番号（マイナンバー）', 'My Number', MY_NUMBER_WARNING),
  ],
  kisai: [
    SCOPE_OPTION,
    yesNo('householder', '世帯主の氏名・続柄', 'Householder and relationship'),
  ],
  inkan: [],
  tax: [
    oneOf('taxKind', '証明書の種類', 'Kind', 'shotoku-kazei', [
      ['shotoku', '所得証明書', 'Income'],
      ['kazei', '課税証明書', 'Taxation'],
      ['hikazei', '非課税証明書', 'Non-taxation'],
      ['shotoku-kazei', '所得・課税証明書', 'Income and taxation'],
    ]),
    { id: 'fiscalYear', label: { ja: '年度', en: 'Fiscal year' }, defaultValue: '' },
  ],
  koseki: [
    oneOf('scope', '証明の範囲', 'Scope', 'all', [
      ['all', '全部事項証明（謄本）', 'All members (tōhon)'],
      ['individual', '個人事項証明（抄本）', 'This person (shōhon)'],
    ]),
  ],
  fuhyo: [],
};

/** Total fee in yen: the municipality's price per copy times the copies. */
export function feeFor(fees: Readonly<Record<CertificateKind, number>>, kind: CertificateKind, copies: number): number {
  if (!Number.isInteger(copies) || copies < 1 || copies > 10) throw new RangeError('copies must be 1–10');
  return fees[kind] * copies;
}
