/**
 * Civil dates as day numbers (days since 1970-01-01, proleptic Gregorian, no time zone) and their
 * 和暦 (Japanese era) spelling. A day number is what the seal carries: small, exact, and free of
 * time-zone arithmetic. 和暦 comes from Intl's Japanese calendar; Intl writes the first year of an
 * era as "1年", while official documents write "元年" (e.g. 令和元年5月1日), so the year is
 * respelled here.
 */
import { KofuError, type ParamsOf } from '../bytes/errors.ts';
import type { DocumentsErrorCode, DocumentsErrorParams } from './errors.ts';

export type DayNumber = number;

const MS_PER_DAY = 86_400_000;
/** Japan has had no daylight saving time since 1951; certificates use JST dates. */
const JST_OFFSET_MS = 9 * 3_600_000;

export class DateError<Code extends DocumentsErrorCode = DocumentsErrorCode> extends KofuError<Code, ParamsOf<DocumentsErrorParams, Code>> {
  override readonly name = 'DateError';
}

export function dayFromYmd(year: number, month: number, day: number): DayNumber {
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (!Number.isInteger(year) || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new DateError('date.invalid', { date: `${year}-${month}-${day}` });
  }
  return Math.round(ms / MS_PER_DAY);
}

export function ymdFromDay(day: DayNumber): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `YYYY-MM-DD` ⇄ day number, for import files. */
export function dayFromIso(text: string): DayNumber {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) {
    throw new DateError('date.bad-format', { text });
  }
  return dayFromYmd(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function isoFromDay(day: DayNumber): string {
  const { year, month, day: d } = ymdFromDay(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The JST calendar date of an instant. */
export function jstDay(instant: Date): DayNumber {
  return Math.floor((instant.getTime() + JST_OFFSET_MS) / MS_PER_DAY);
}

/** Minutes since JST midnight and the JST weekday (0 = Sunday) of an instant. */
export function jstClock(instant: Date): { day: DayNumber; minutes: number; weekday: number; month: number; dayOfMonth: number } {
  const shifted = new Date(instant.getTime() + JST_OFFSET_MS);
  return {
    day: Math.floor(shifted.getTime() / MS_PER_DAY),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
    month: shifted.getUTCMonth() + 1,
    dayOfMonth: shifted.getUTCDate(),
  };
}

let warekiFormat: Intl.DateTimeFormat | undefined;

/** 和暦 parts of a day, e.g. { era: '令和', year: 1, yearText: '元', month: 5, day: 1 }. */
export function warekiParts(day: DayNumber): { era: string; year: number; yearText: string; month: number; day: number } {
  warekiFormat ??= new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  const parts = warekiFormat.formatToParts(new Date(day * MS_PER_DAY));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const year = Number(part('year'));
  return { era: part('era'), year, yearText: year === 1 ? '元' : String(year), month: Number(part('month')), day: Number(part('day')) };
}

/** 令和元年5月1日 */
export function formatWareki(day: DayNumber): string {
  const p = warekiParts(day);
  return `${p.era}${p.yearText}年${p.month}月${p.day}日`;
}

/**
 * 1992年12月1日: the Gregorian date (西暦) with Japanese units, as municipal forms print a
 * 外国人住民's date of birth (the 在留カード gives it in 西暦).
 */
export function formatSeireki(day: DayNumber): string {
  const { year, month, day: dayOfMonth } = ymdFromDay(day);
  return `${year}年${month}月${dayOfMonth}日`;
}

/** 令和7年度 for tax fiscal years (年度 starts in April; the era is the one on April 1). */
export function formatFiscalYear(year: number): string {
  const p = warekiParts(dayFromYmd(year, 4, 1));
  return `${p.era}${p.yearText}年度`;
}

/** Whole years of age on `on` (民法: one turns a year older at the end of the day before the birthday; for kiosk rules the birthday itself counts). */
export function ageOn(birth: DayNumber, on: DayNumber): number {
  const b = ymdFromDay(birth);
  const o = ymdFromDay(on);
  let age = o.year - b.year;
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) age--;
  return age;
}
