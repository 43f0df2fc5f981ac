/**
 * The resident registry as plain data: 住民 and 世帯 (住民基本台帳), 印鑑登録, tax records by
 * fiscal year, 戸籍 with its 身分事項 and the 附票 (address history kept with each 戸籍 member).
 * Every value here is JSON-safe except day numbers, which are plain integers, so a snapshot can be
 * exported, validated and imported as it is.
 */
import type { DayNumber } from '../documents/dates.ts';
import type { CertificateKind, KosekiEvent, KosekiMember, Sex, TaxFigures } from '../documents/types.ts';

export interface ServiceHours {
  /** Minutes after JST midnight: 6:30 → 390, 23:00 → 1380. */
  readonly openMinutes: number;
  readonly closeMinutes: number;
  readonly weekdaysOnly: boolean;
}

export interface Municipality {
  /** 全国地方公共団体コード (6 digits, with check digit). */
  readonly code: string;
  readonly prefecture: string;
  readonly name: string;
  readonly mayorTitle: string;
  readonly mayorName: string;
  /** The 公印's engraving; the renderer draws the seal from it. */
  readonly sealText: string;
  /** Yen per copy, per certificate kind. */
  readonly fees: Readonly<Record<CertificateKind, number>>;
  /** Kiosk hours for every certificate (default 6:30–23:00 every day). */
  readonly hours: ServiceHours;
  /** Stricter hours for 戸籍 and 附票 where the municipality limits them (e.g. weekdays 9:00–17:00). */
  readonly kosekiHours?: ServiceHours;
  /** Closed periods each year as MM-DD pairs, inclusive; may wrap the new year (12-29 → 01-03). */
  readonly closedPeriods: readonly { readonly from: string; readonly to: string }[];
  /** Extra closed dates (maintenance), ISO YYYY-MM-DD. */
  readonly closedDates: readonly string[];
  /**
   * Outlines of the clusters in this municipality's records that the certificate font lacks:
   * fetched from the glyph pack at import ('ipamj') or imported by staff as 外字 ('gaiji').
   * docs/registry.md, "Characters".
   */
  readonly glyphs?: readonly RegistryGlyph[];
}

/** One cluster's outline held with the registry (src/render/outline-codec.ts bytes, Base64 in JSON). */
export interface RegistryGlyph {
  readonly cluster: string;
  readonly source: 'ipamj' | 'gaiji';
  readonly outline: string;
}

export interface ForeignResident {
  readonly nationality: string;
  readonly category: string;
  readonly status: string;
  readonly periodEnd: DayNumber;
  readonly cardNumber: string;
}

/** Where a resident's 本籍 is: a 戸籍 held by a municipality in this registry, or only its text. */
export interface HonsekiLink {
  /** The municipality that keeps the 戸籍 (may differ from the resident's). */
  readonly municipality: string;
  readonly kosekiId: string;
}

export interface Resident {
  readonly id: string;
  /** Code of the municipality whose 住民基本台帳 holds the resident. */
  readonly municipality: string;
  readonly householdId: string;
  readonly name: string;
  readonly kana: string;
  readonly birth: DayNumber;
  readonly sex: Sex;
  /** 続柄 to the householder (世帯主 for the householder). */
  readonly relationship: string;
  readonly becameResidentOn: DayNumber;
  readonly addressSetOn: DayNumber;
  readonly reportedOn: DayNumber;
  readonly previousAddress?: string;
  readonly honseki?: HonsekiLink;
  readonly myNumber?: string;
  readonly foreign?: ForeignResident;
  /** 消除: died on this day (kept in the record, never printed on a kiosk 住民票). */
  readonly deceasedOn?: DayNumber;
  /** 転出予定: the planned move-out day recorded at the counter. */
  readonly movingOutOn?: DayNumber;
  /** DV等支援措置: no certificate about this person is issued at a kiosk. */
  readonly dvSupport?: boolean;
  /** 戸籍証明書交付の利用登録 done (needed when the 本籍 is in another municipality). */
  readonly kosekiKioskRegistered?: boolean;
  /** SHA-256 (hex, lower case) of the DER of each JPKI user-auth certificate of the resident's card(s). */
  readonly cardCertificates: readonly string[];
}

export interface Household {
  readonly id: string;
  readonly municipality: string;
  readonly address: string;
  readonly headId: string;
}

export type RegisteredImpression =
  | { readonly type: 'text'; readonly text: string; readonly shape: 'round' | 'square' }
  /** 1-bit scan: rows MSB first, padded to bytes, Base64 in JSON. */
  | { readonly type: 'bitmap'; readonly width: number; readonly height: number; readonly bitsBase64: string };

export interface SealRegistration {
  readonly residentId: string;
  readonly registrationNumber: string;
  readonly registeredOn: DayNumber;
  readonly impression: RegisteredImpression;
}

export interface TaxRecord {
  readonly residentId: string;
  readonly fiscalYear: number;
  readonly addressOnJan1: string;
  readonly figures: TaxFigures;
}

export interface KosekiMemberRecord extends KosekiMember {
  /** The resident, when the member lives in a municipality of this registry. */
  readonly residentId?: string;
  /** 戸籍の附票: the member's addresses in order, with the day each was set. */
  readonly addressHistory: readonly { readonly address: string; readonly setOn: DayNumber }[];
}

export interface KosekiRecord {
  readonly id: string;
  /** The 本籍地 municipality that keeps this 戸籍. */
  readonly municipality: string;
  readonly honseki: string;
  readonly hittosha: string;
  readonly events: readonly KosekiEvent[];
  readonly members: readonly KosekiMemberRecord[];
}

/** A whole registry as one value: the unit of import, export and demo data. */
export interface RegistrySnapshot {
  readonly format: 'kofu-registry';
  readonly version: 1;
  readonly municipalities: readonly Municipality[];
  readonly households: readonly Household[];
  readonly residents: readonly Resident[];
  readonly seals: readonly SealRegistration[];
  readonly taxes: readonly TaxRecord[];
  readonly koseki: readonly KosekiRecord[];
}

export const DEFAULT_HOURS: ServiceHours = { openMinutes: 6 * 60 + 30, closeMinutes: 23 * 60, weekdaysOnly: false };
export const DEFAULT_CLOSED_PERIODS = [{ from: '12-29', to: '01-03' }] as const;
