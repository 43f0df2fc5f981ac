/**
 * Who may get which certificate, and when the kiosk serves it. The rules follow the municipal
 * pages summarised in shared/research/card-reading.md §5.3: 15 years or older, not moved out or
 * about to, no DV support measure, not deceased, the 利用登録 for a 本籍 elsewhere, service hours
 * 6:30–23:00 except 12/29–1/3 (per municipality), and stricter 戸籍 hours where configured.
 */
import { ageOn, jstClock, isoFromDay, type DayNumber } from '../documents/dates.ts';
import type { CertificateKind } from '../documents/types.ts';
import type { LocalizedText } from '../bytes/errors.ts';
import type { Municipality, Resident, ServiceHours } from './model.ts';

export interface Refusal {
  /** Stable code the UI and tests key on. */
  readonly code: string;
  readonly text: LocalizedText;
}

const refusal = (code: string, ja: string, en: string): Refusal => ({ code, text: { ja, en } });

export const MINIMUM_AGE = 15;

/** Checks on the person at the kiosk, whatever the certificate. */
export function requesterRefusals(requester: Resident, today: DayNumber): Refusal[] {
  const out: Refusal[] = [];
  if (requester.deceasedOn !== undefined) out.push(refusal('deceased', 'この方の記録は消除されています。窓口でご相談ください。', 'This person’s record has been closed. Please ask at the municipal office.'));
  if (ageOn(requester.birth, today) < MINIMUM_AGE) out.push(refusal('under-15', '15歳未満の方はコンビニ交付を利用できません。窓口で請求してください。', 'Residents under 15 cannot use the kiosk. Please apply at the municipal office.'));
  if (requester.movingOutOn !== undefined) out.push(refusal('moving-out', '転出の届出をされている方はコンビニ交付を利用できません。窓口で請求してください。', 'Residents who have reported moving out cannot use the kiosk. Please apply at the municipal office.'));
  // Same-day 転入: the record is not final until the next day (Shibukawa city).
  if (requester.becameResidentOn >= today) out.push(refusal('moved-in-today', '転入の届出をした当日はコンビニ交付を利用できません。明日以降にご利用ください。', 'Certificates are not issued at a kiosk on the day you moved in. Please try again tomorrow.'));
  if (requester.dvSupport) out.push(refusal('dv-support', 'この方の証明書はコンビニ交付では発行できません。窓口でご相談ください。', 'Certificates for this person cannot be issued at a kiosk. Please ask at the municipal office.'));
  return out;
}

/** Checks on the people a 住民票 would list (世帯全員 or chosen members). */
export function memberRefusals(requester: Resident, members: readonly Resident[], household: readonly Resident[]): Refusal[] {
  const out: Refusal[] = [];
  for (const m of members) {
    if (m.householdId !== requester.householdId) out.push(refusal('not-same-household', `${m.name}さんは同じ世帯ではありません。`, `${m.name} is not in the same household.`));
    if (m.deceasedOn !== undefined) out.push(refusal('member-deceased', `${m.name}さんの記録は消除されています。`, `${m.name}’s record has been closed.`));
    if (m.dvSupport && m.id !== requester.id) out.push(refusal('member-dv-support', '選択した方の中に、コンビニ交付で発行できない方が含まれています。窓口で請求してください。', 'The selection includes a person whose certificate cannot be issued at a kiosk. Please apply at the office.'));
  }
  // Several municipalities refuse a whole household that includes a 転出予定者 (Tamba city).
  if (household.some((m) => m.movingOutOn !== undefined && m.deceasedOn === undefined)) {
    out.push(refusal('household-moving-out', '世帯の中に転出予定の方がいるため、世帯の証明書はコンビニ交付では発行できません。本人のみの証明書を選ぶか、窓口で請求してください。', 'The household includes someone about to move out, so household certificates are not issued at a kiosk. Choose “this person only” or apply at the office.'));
  }
  return out;
}

/** The 本籍地 path: a 戸籍 must be linked, and kept here or reached through the one-time 利用登録. */
export function kosekiRefusals(requester: Resident): Refusal[] {
  if (!requester.honseki) {
    return [refusal('no-koseki', 'この方の戸籍の記録はこの端末では扱えません（外国籍の方、または本籍の記録がない方）。', 'No family register is available for this person here (foreign residents, or no 本籍 on record).')];
  }
  if (requester.honseki.municipality !== requester.municipality && !requester.kosekiKioskRegistered) {
    return [refusal('koseki-registration-needed', '本籍地が住所地と異なるため、事前に本籍地の市区町村へ「戸籍証明書交付の利用登録申請」が必要です。', 'Your 本籍 is in another municipality: register once for kiosk family-register certificates with that municipality first.')];
  }
  return [];
}

const inHours = (hours: ServiceHours, minutes: number, weekday: number) =>
  minutes >= hours.openMinutes && minutes < hours.closeMinutes && !(hours.weekdaysOnly && (weekday === 0 || weekday === 6));

/** Whether `kind` can be issued at `now` (JST) under the municipality's profile. */
export function availabilityRefusals(municipality: Municipality, kind: CertificateKind, now: Date): Refusal[] {
  const clock = jstClock(now);
  const mmdd = `${String(clock.month).padStart(2, '0')}-${String(clock.dayOfMonth).padStart(2, '0')}`;
  for (const period of municipality.closedPeriods) {
    const inside = period.from <= period.to ? mmdd >= period.from && mmdd <= period.to : mmdd >= period.from || mmdd <= period.to;
    const ja = (mmdd: string) => `${Number(mmdd.slice(0, 2))}月${Number(mmdd.slice(3))}日`;
    if (inside) return [refusal('closed-period', `${ja(period.from)}から${ja(period.to)}まではサービスを休止しています。`, `The service is closed from ${period.from} to ${period.to} (MM-DD).`)];
  }
  if (municipality.closedDates.includes(isoFromDay(clock.day))) return [refusal('maintenance', '本日は保守のためサービスを休止しています。', 'The service is closed today for maintenance.')];
  const general = municipality.hours;
  const fmt = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  if (!inHours(general, clock.minutes, clock.weekday)) {
    return [refusal('outside-hours', `ご利用時間は${fmt(general.openMinutes)}から${fmt(general.closeMinutes)}までです。`, `The service is available from ${fmt(general.openMinutes)} to ${fmt(general.closeMinutes)}.`)];
  }
  const special = (kind === 'koseki' || kind === 'fuhyo') ? municipality.kosekiHours : undefined;
  if (special && !inHours(special, clock.minutes, clock.weekday)) {
    const days = special.weekdaysOnly ? '平日' : '毎日';
    return [refusal('outside-koseki-hours', `この市区町村の戸籍・附票の証明書は${days}${fmt(special.openMinutes)}から${fmt(special.closeMinutes)}までです。`, `Family-register certificates from this municipality are available ${special.weekdaysOnly ? 'on weekdays ' : ''}from ${fmt(special.openMinutes)} to ${fmt(special.closeMinutes)}.`)];
  }
  return [];
}
