/**
 * Certificate serial numbers. A serial must never repeat on a device: a repeated serial under the
 * same signer key would let two different papers claim the same identity. The counter lives in the
 * settings store, which a restored backup could roll back, and two kiosk tabs could race for it; so
 * the next serial is taken in one read-write transaction over the counter *and* the issuance log,
 * and is always past both (IndexedDB serialises overlapping read-write transactions across tabs).
 * A restore keeps the higher counter and the longer log (src/store/restore-rules.ts).
 *
 * Nothing lost in between: taking a serial also writes a reservation for it in the same
 * transaction; the issuance's log entry settles it. A reservation still there later (the tablet
 * was reloaded, or the issuance failed, before the entry was written) is voided: logged as a
 * voided entry (src/seal/audit-log.ts), so the log accounts for every serial taken.
 */
import { appendVoided } from './issuance-log.ts';
import type { KofuDatabase } from './database.ts';
import { StoreName } from './schema.ts';

/** Settings key prefix of the per-municipality counters: `kioskSerial.<municipality code>`. */
export const SERIAL_COUNTER_PREFIX = 'kioskSerial.';
/** Settings key prefix of a serial taken for an issuance whose log entry is not written yet. */
export const SERIAL_RESERVATION_PREFIX = 'serialReservation.';
/** Serials are safe integers (≤ 2^53 − 1, 16 digits): zero-padded, the keys sort by serial. */
const SERIAL_KEY_DIGITS = 16;

export const serialCounterName = (municipality: number): string => `${SERIAL_COUNTER_PREFIX}${municipality}`;
const reservationKey = (serial: number) => `${SERIAL_RESERVATION_PREFIX}${String(serial).padStart(SERIAL_KEY_DIGITS, '0')}`;
const reservations = () => IDBKeyRange.bound(SERIAL_RESERVATION_PREFIX, `${SERIAL_RESERVATION_PREFIX}\uffff`);

/** A serial taken and not yet settled by its log entry. */
export interface SerialReservation {
  readonly serial: number;
  /** The signer key the serial is issued under (a voided entry names it too). */
  readonly signerKid: Uint8Array;
  /** Unix seconds. */
  readonly reservedAt: number;
}

/**
 * The next serial of `counterName`: past the counter and every serial in the log. With `reserve`,
 * also records the reservation that `settleSerial` clears once the issuance is logged.
 */
export async function takeNextSerial(db: KofuDatabase, counterName: string, reserve?: { readonly signerKid: Uint8Array; readonly nowSeconds?: number }): Promise<number> {
  const tx = db.transaction([StoreName.settings, StoreName.issuanceLog], 'readwrite');
  const settings = tx.objectStore(StoreName.settings);
  const counter = ((await settings.get(counterName)) as number | undefined) ?? 0;
  // Every entry, not only the last: a voided entry may be appended after a higher serial's.
  let logged = 0;
  for (let cursor = await tx.objectStore(StoreName.issuanceLog).openCursor(); cursor; cursor = await cursor.continue()) {
    logged = Math.max(logged, (cursor.value as { serial?: number }).serial ?? 0);
  }
  const next = Math.max(counter, logged) + 1;
  await settings.put(next, counterName);
  if (reserve) {
    const reservation: SerialReservation = { serial: next, signerKid: reserve.signerKid.slice(), reservedAt: reserve.nowSeconds ?? Math.floor(Date.now() / 1000) };
    await settings.put(reservation, reservationKey(next));
  }
  await tx.done;
  return next;
}

/** The issuance with `serial` is in the log: its reservation is done. */
export async function settleSerial(db: KofuDatabase, serial: number): Promise<void> {
  await db.delete(StoreName.settings, reservationKey(serial));
}

/** Reservations not settled yet, lowest serial first. */
export async function pendingSerials(db: KofuDatabase): Promise<SerialReservation[]> {
  return (await db.getAll(StoreName.settings, reservations())) as SerialReservation[];
}

/**
 * Logs every reserved serial that never reached the log as voided, and clears the reservations;
 * returns the serials voided. Only the kiosk that holds the kiosk lock runs it (src/app/kiosk.ts),
 * between issuances, so no reservation it finds belongs to an issuance still under way.
 */
export async function voidAbandonedSerials(db: KofuDatabase, nowSeconds = Math.floor(Date.now() / 1000)): Promise<number[]> {
  const pending = await pendingSerials(db);
  if (pending.length === 0) return [];
  const logged = new Set(((await db.getAll(StoreName.issuanceLog)) as { serial: number }[]).map((entry) => entry.serial));
  const voided: number[] = [];
  for (const reservation of pending) {
    if (!logged.has(reservation.serial)) {
      await appendVoided(db, { serial: reservation.serial, signerKid: reservation.signerKid, voidedAt: nowSeconds });
      voided.push(reservation.serial);
    }
    await settleSerial(db, reservation.serial);
  }
  return voided;
}
