/**
 * The six certificate types as plain data: everything printed on the front, and nothing else.
 * A certificate value is self-contained (it names its issuer and carries every printed string),
 * because the verifier re-renders it from the seal without any registry. Dates are day numbers
 * (see dates.ts); amounts are whole yen.
 */
import type { DayNumber } from './dates.ts';

export const CERTIFICATE_KINDS = ['juminhyo', 'kisai', 'inkan', 'tax', 'koseki', 'fuhyo'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

/**
 * The one name of each certificate, in both languages, on every screen (kiosk start list, tiles,
 * options, confirmation, verifier verdict) and in the PDF's title: nothing else names them.
 */
export const CERTIFICATE_TITLES: Readonly<Record<CertificateKind, { ja: string; en: string }>> = {
  juminhyo: { ja: '住民票の写し', en: 'Copy of residence record' },
  kisai: { ja: '住民票記載事項証明書', en: 'Certificate of residence record entries' },
  inkan: { ja: '印鑑登録証明書', en: 'Seal registration certificate' },
  tax: { ja: '各種税証明書', en: 'Tax certificate' },
  koseki: { ja: '戸籍証明書', en: 'Family register certificate' },
  fuhyo: { ja: '戸籍の附票の写し', en: 'Copy of family register address record' },
};

export type Sex = 'M' | 'F';

export interface Issuer {
  /** 全国地方公共団体コード, 6 digits with the check digit (JIS X 0402). */
  readonly code: string;
  /** As printed in the attestation, e.g. 東都県藤見市. */
  readonly name: string;
  /** 藤見市長 */
  readonly mayorTitle: string;
  readonly mayorName: string;
  /** The text engraved in the 公印, e.g. 藤見市長之印; the renderer draws the seal from it. */
  readonly sealText: string;
}

interface Common {
  /** Which layout rules drew it; the verifier refuses versions it does not know. */
  readonly renderVersion: number;
  /** 発行番号 */
  readonly serial: string;
  readonly issuedOn: DayNumber;
  readonly issuer: Issuer;
  /**
   * Outlines of the clusters in the certificate that the certificate font (BIZ UD Mincho) cannot
   * draw: from the glyph pack (IPAmj明朝) or the municipality's 外字. Signed with the rest, so the
   * verifier redraws the name exactly as issued without the font (docs/certificates.md, "Characters").
   */
  readonly glyphs?: readonly CarriedGlyph[];
}

/** A cluster (a code point, or base + variation selector) and its outline (src/render/outline-codec.ts). */
export interface CarriedGlyph {
  readonly cluster: string;
  readonly outline: Uint8Array;
}

export interface ForeignResidentFields {
  /** 国籍・地域 */
  readonly nationality: string;
  /** 第30条の45に規定する区分, e.g. 中長期在留者 */
  readonly category: string;
  /** 在留資格 */
  readonly status: string;
  /** 在留期間等の満了の日 */
  readonly periodEnd: DayNumber;
  /** 在留カード等の番号 */
  readonly cardNumber: string;
}

export interface JuminhyoPerson {
  readonly name: string;
  readonly kana?: string;
  readonly birth: DayNumber;
  readonly sex: Sex;
  /** 続柄, printed only when the householder option is on. */
  readonly relationship?: string;
  /** 住民となった日 */
  readonly becameResidentOn: DayNumber;
  /** 住所を定めた日 */
  readonly addressSetOn: DayNumber;
  /** 届出日 */
  readonly reportedOn?: DayNumber;
  /** 前住所 (従前の住所) */
  readonly previousAddress?: string;
  /** Printed only with the 本籍・筆頭者 option; never present for foreign residents. */
  readonly honseki?: string;
  readonly hittosha?: string;
  /** 個人番号, only with the opt-in option. 住民票コード is never carried. */
  readonly myNumber?: string;
  readonly foreign?: ForeignResidentFields;
}

export type JuminhyoScope = 'self' | 'household' | 'some';

/** 住民票の写し and 住民票記載事項証明書 share their data; the form and attestation differ. */
export interface JuminhyoCertificate extends Common {
  readonly kind: 'juminhyo' | 'kisai';
  readonly scope: JuminhyoScope;
  readonly address: string;
  /** 世帯主の氏名, present only with the 世帯主・続柄 option. */
  readonly householder?: string;
  readonly persons: readonly JuminhyoPerson[];
}

export type Impression =
  /** A seal drawn from text: the demo residents' seals, and a fallback for registries without scans. */
  | { readonly type: 'text'; readonly text: string; readonly shape: 'round' | 'square' }
  /** A 1-bit scan, rows packed MSB first, each row padded to a byte; 1 = ink. */
  | { readonly type: 'bitmap'; readonly width: number; readonly height: number; readonly bits: Uint8Array };

export interface InkanCertificate extends Common {
  readonly kind: 'inkan';
  readonly registrationNumber: string;
  readonly name: string;
  readonly kana?: string;
  readonly birth: DayNumber;
  readonly sex: Sex;
  readonly address: string;
  readonly impression: Impression;
}

export const TAX_KINDS = ['shotoku', 'kazei', 'hikazei', 'shotoku-kazei'] as const;
export type TaxKind = (typeof TAX_KINDS)[number];
export const TAX_TITLES: Readonly<Record<TaxKind, string>> = {
  shotoku: '所得証明書',
  kazei: '課税証明書',
  hikazei: '非課税証明書',
  'shotoku-kazei': '所得・課税証明書',
};

export interface TaxFigures {
  /** 給与収入 */
  readonly salaryRevenue: number;
  /** 給与所得 */
  readonly salaryIncome: number;
  /** その他の所得 */
  readonly otherIncome: number;
  /** 総所得金額 */
  readonly totalIncome: number;
  /** 所得控除合計 */
  readonly deductions: number;
  /** 課税標準額 */
  readonly taxableIncome: number;
  /** 扶養人数 */
  readonly dependents: number;
  /** 市町村民税 均等割 / 所得割 */
  readonly municipalPerCapita: number;
  readonly municipalIncomeLevy: number;
  /** 道府県民税 均等割 / 所得割 */
  readonly prefecturalPerCapita: number;
  readonly prefecturalIncomeLevy: number;
}

export interface TaxCertificate extends Common {
  readonly kind: 'tax';
  readonly taxKind: TaxKind;
  /** 年度 (the levy year; income is that of the previous calendar year). */
  readonly fiscalYear: number;
  readonly name: string;
  readonly birth: DayNumber;
  /** 賦課期日 (1 January of the fiscal year) address. */
  readonly address: string;
  readonly figures: TaxFigures;
}

export interface KosekiEvent {
  /** 身分事項 / 戸籍事項 heading: 出生, 婚姻, 死亡, 編製, 転籍 … */
  readonly label: string;
  readonly date: DayNumber;
  /** The free text after the date, e.g. 【出生地】東都県藤見市. */
  readonly detail: string;
}

export interface KosekiMember {
  readonly name: string;
  readonly birth: DayNumber;
  readonly sex: Sex;
  /** 父 / 母 names and 続柄 (長男, 二女, 妻 …) */
  readonly father?: string;
  readonly mother?: string;
  readonly relationship: string;
  readonly events: readonly KosekiEvent[];
  /** 除籍 (by death, marriage …): printed with the 除籍 mark in 全部事項. */
  readonly removed?: boolean;
}

export interface KosekiCertificate extends Common {
  readonly kind: 'koseki';
  /** 全部事項証明 (謄本) or 個人事項証明 (抄本). */
  readonly scope: 'all' | 'individual';
  readonly honseki: string;
  readonly hittosha: string;
  readonly kosekiEvents: readonly KosekiEvent[];
  readonly members: readonly KosekiMember[];
}

export interface FuhyoAddress {
  readonly address: string;
  readonly setOn: DayNumber;
}

export interface FuhyoMember {
  readonly name: string;
  readonly birth: DayNumber;
  readonly sex: Sex;
  readonly addresses: readonly FuhyoAddress[];
}

export interface FuhyoCertificate extends Common {
  readonly kind: 'fuhyo';
  readonly honseki: string;
  readonly hittosha: string;
  readonly members: readonly FuhyoMember[];
}

export type Certificate = JuminhyoCertificate | InkanCertificate | TaxCertificate | KosekiCertificate | FuhyoCertificate;

/** Bumped whenever a layout change would move a pixel; the verifier needs the same version. */
export const RENDER_VERSION = 1;
/**
 * Version 1's layout plus the character sources (docs/certificates.md, "Characters"): carried
 * outlines (seal key 30) drawn in place of 〓, and variation sequences drawn from the font's own
 * variant glyph. Issued only to a certificate that has either, so every other certificate stays
 * version 1, byte for byte, and a verifier from before this version tells the holder to update
 * rather than misdraw the name.
 */
export const CHARACTERS_RENDER_VERSION = 2;
/** What this build's renderer draws exactly as issued. */
export const SUPPORTED_RENDER_VERSIONS: readonly number[] = [RENDER_VERSION, CHARACTERS_RENDER_VERSION];
