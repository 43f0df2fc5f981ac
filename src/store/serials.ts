/**
 * Certificate serial numbers. A serial must never repeat on a device: a repeated serial under the
 * same signer key would let two different papers claim the same identity. The counter lives in the
 * settings store, which a restored backup can roll back, and two kiosk tabs could race for it; so
 * the next serial is taken in one read-write transaction over the counter *and* the issuance log,
 * and is always past both (IndexedDB serialises overlapping read-write transactions across tabs).
 */
import type { KofuDatabase } from './database.ts';
import { StoreName } from './schema.ts';

export async function takeNextSerial(db: KofuDatabase, counterName: string): Promise<number> {
  const tx = db.transaction([StoreName.settings, StoreName.issuanceLog], 'readwrite');
  const counter = ((await tx.objectStore(StoreName.settings).get(counterName)) as number | undefined) ?? 0;
  // The log is keyed by sequence number and serials only grow, so its last entry holds the highest.
  const last = await tx.objectStore(StoreName.issuanceLog).openCursor(null, 'prev');
  const logged = (last?.value as { serial?: number } | undefined)?.serial ?? 0;
  const next = Math.max(counter, logged) + 1;
  await tx.objectStore(StoreName.settings).put(next, counterName);
  await tx.done;
  return next;
}
