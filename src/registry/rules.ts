/**
 * Who may get which certificate, and when the kiosk serves it. The rules follow the municipal
 * pages summarised in shared/research/card-reading.md §5.3: 15 years or older, not moved out or
 * about to, no DV support measure, not deceased, the 利用登録 for a 本籍 elsewhere, service hours
 * 6:30–23:00 except 12/29–1/3 (per municipality), and stricter 戸籍 hours where configured.
 */
import { ageOn, jstClock, isoFromDay, type DayNumber } from '../documents/dates.ts';
import type { CertificateKind } from '../documents/types.ts';
import type { ParamsOf } from '../bytes/errors.ts';
import type { RefusalCode, RefusalParams } from './errors.ts';
import type { Municipality, Resident, ServiceHours } from './model.ts';

export interface Refusal {
  /** Stable code the UI and tests key on (REFUSAL_CODES for the registry's own). */
  readonly code: string;
  /** The message's dynamic parts; the words are in src/ui/shared/error-messages-data.ts. */
  readonly params: object;
}

export const refusal = <Code extends RefusalCode>(code: Code, params: ParamsOf<RefusalParams, Code>): Refusal => ({ code, params });

export const MINIMUM_AGE = 15;

/** Checks on the person at the kiosk, whatever the certificate. */
export function requesterRefusals(requester: Resident, today: DayNumber): Refusal[] {
  const out: Refusal[] = [];
  if (requester.deceasedOn !== undefined) out.push(refusal('deceased', {}));
  if (ageOn(requester.birth, today) < MINIMUM_AGE) out.push(refusal('under-15', {}));
  if (requester.movingOutOn !== undefined) out.push(refusal('moving-out', {}));
  // Same-day 転入: the record is not final until the next day (Shibukawa city).
  if (requester.becameResidentOn >= today) out.push(refusal('moved-in-today', {}));
  if (requester.dvSupport) out.push(refusal('dv-support', {}));
  return out;
}

/** Checks on the people a 住民票 would list (世帯全員 or chosen members). */
export function memberRefusals(requester: Resident, members: readonly Resident[], household: readonly Resident[]): Refusal[] {
  const out: Refusal[] = [];
  for (const m of members) {
    if (m.householdId !== requester.householdId) out.push(refusal('not-same-household', { name: m.name }));
    if (m.deceasedOn !== undefined) out.push(refusal('member-deceased', { name: m.name }));
    if (m.dvSupport && m.id !== requester.id) out.push(refusal('member-dv-support', {}));
  }
  // Several municipalities refuse a whole household that includes a 転出予定者 (Tamba city).
  if (household.some((m) => m.movingOutOn !== undefined && m.deceasedOn === undefined)) {
    out.push(refusal('household-moving-out', {}));
  }
  return out;
}

/** The 本籍地 path: a 戸籍 must be linked, and kept here or reached through the one-time 利用登録. */
export function kosekiRefusals(requester: Resident): Refusal[] {
  if (!requester.honseki) {
    return [refusal('no-koseki', {})];
  }
  if (requester.honseki.municipality !== requester.municipality && !requester.kosekiKioskRegistered) {
    return [refusal('koseki-registration-needed', {})];
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
    if (inside) return [refusal('closed-period', { from: period.from, to: period.to })];
  }
  if (municipality.closedDates.includes(isoFromDay(clock.day))) return [refusal('maintenance', {})];
  const general = municipality.hours;
  const fmt = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  if (!inHours(general, clock.minutes, clock.weekday)) {
    return [refusal('outside-hours', { open: fmt(general.openMinutes), close: fmt(general.closeMinutes) })];
  }
  const special = (kind === 'koseki' || kind === 'fuhyo') ? municipality.kosekiHours : undefined;
  if (special && !inHours(special, clock.minutes, clock.weekday)) {
    return [refusal('outside-koseki-hours', { weekdaysOnly: Boolean(special.weekdaysOnly), open: fmt(special.openMinutes), close: fmt(special.closeMinutes) })];
  }
  return [];
}
