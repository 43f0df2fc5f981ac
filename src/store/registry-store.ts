/**
 * The registry on the tablet: `Registry` over IndexedDB. One object store per record kind, so a
 * lookup touches only what it needs; `replaceAll` swaps the whole registry inside one
 * transaction, so an interrupted import leaves the previous registry intact.
 */
import type { Household, KosekiRecord, Municipality, RegistrySnapshot, Resident, SealRegistration, TaxRecord } from '../registry/model.ts';
import type { Registry } from '../registry/registry.ts';
import { StorageError, type KofuDatabase } from './database.ts';
import { REGISTRY_PARTS, REGISTRY_STORES, StoreName } from './schema.ts';

type RegistryStore = (typeof REGISTRY_STORES)[number];

/** Registry order: householder first, then the order the records were imported in. */
const ORDER_KEY = '_order';

/** replaceAll reports its progress every this many records. */
export const WRITE_PROGRESS_STEP = 2000;

export class IndexedDbRegistry implements Registry {
  constructor(private readonly db: KofuDatabase) {}

  async municipality(code: string) {
    return strip((await this.db.get(StoreName.registryMunicipalities, code)) as Municipality | undefined);
  }
  async municipalities() {
    return ordered((await this.db.getAll(StoreName.registryMunicipalities)) as Municipality[]);
  }
  async resident(id: string) {
    return strip((await this.db.get(StoreName.registryResidents, id)) as Resident | undefined);
  }
  async residentByCard(sha256: string) {
    return strip((await this.db.getFromIndex(StoreName.registryResidents, 'byCard', sha256.toLowerCase())) as Resident | undefined);
  }
  async household(id: string) {
    return strip((await this.db.get(StoreName.registryHouseholds, id)) as Household | undefined);
  }
  async householdMembers(householdId: string) {
    return ordered((await this.db.getAllFromIndex(StoreName.registryResidents, 'byHousehold', householdId)) as Resident[]);
  }
  async seal(residentId: string) {
    return strip((await this.db.get(StoreName.registrySeals, residentId)) as SealRegistration | undefined);
  }
  async taxRecords(residentId: string) {
    const records = ordered((await this.db.getAllFromIndex(StoreName.registryTaxes, 'byResident', residentId)) as TaxRecord[]);
    return records.sort((a, b) => a.fiscalYear - b.fiscalYear);
  }
  async koseki(id: string) {
    return strip((await this.db.get(StoreName.registryKoseki, id)) as KosekiRecord | undefined);
  }

  async snapshot(): Promise<RegistrySnapshot> {
    return this.read(true);
  }

  /** The snapshot with no residents: the base a residents CSV import replaces them in. */
  async snapshotWithoutResidents(): Promise<RegistrySnapshot> {
    return this.read(false);
  }

  private async read(withResidents: boolean): Promise<RegistrySnapshot> {
    const tx = this.db.transaction([...REGISTRY_STORES], 'readonly');
    const all = async <T>(name: RegistryStore) => ordered((await tx.objectStore(name).getAll()) as T[]);
    const snapshot: RegistrySnapshot = {
      format: 'kofu-registry',
      version: 1,
      municipalities: await all<Municipality>(StoreName.registryMunicipalities),
      households: await all<Household>(StoreName.registryHouseholds),
      residents: withResidents ? await all<Resident>(StoreName.registryResidents) : [],
      seals: await all<SealRegistration>(StoreName.registrySeals),
      taxes: await all<TaxRecord>(StoreName.registryTaxes),
      koseki: await all<KosekiRecord>(StoreName.registryKoseki),
    };
    await tx.done;
    return snapshot;
  }

  /**
   * `onWritten(done, total)` follows the records as IndexedDB confirms them, every
   * WRITE_PROGRESS_STEP records and at the end; the data is visible only when all are written
   * (one transaction), so progress never means a half-replaced registry.
   */
  async replaceAll(snapshot: RegistrySnapshot, onWritten?: (done: number, total: number) => void): Promise<void> {
    const tx = this.db.transaction([...REGISTRY_STORES], 'readwrite');
    const pending: Promise<unknown>[] = [];
    const total = REGISTRY_PARTS.reduce((sum, [, part]) => sum + snapshot[part].length, 0);
    let written = 0;
    const confirmed = () => {
      written++;
      if (written % WRITE_PROGRESS_STEP === 0 || written === total) onWritten?.(written, total);
    };
    const fill = <T extends object>(name: RegistryStore, items: readonly T[]) => {
      pending.push(tx.objectStore(name).clear());
      items.forEach((item, i) => pending.push(onWritten ? tx.objectStore(name).put({ ...item, [ORDER_KEY]: i }).then(confirmed) : tx.objectStore(name).put({ ...item, [ORDER_KEY]: i })));
    };
    // Every request belongs to one transaction; on any failure (a put can also throw
    // synchronously, e.g. a missing key) the transaction is aborted, undoing the clears too.
    try {
      for (const [store, part] of REGISTRY_PARTS) fill<object>(store, snapshot[part]);
      await Promise.all([...pending, tx.done]);
    } catch (cause) {
      // The aborted requests reject too; their outcome is this one error.
      for (const request of pending) request.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // already finished or aborted
      }
      await tx.done.catch(() => undefined);
      throw new StorageError('registry.replace-failed', {}, { cause });
    }
  }

  async linkCard(residentId: string, sha256: string): Promise<void> {
    const tx = this.db.transaction(StoreName.registryResidents, 'readwrite');
    const stored = (await tx.store.get(residentId)) as Resident | undefined;
    const wanted = sha256.toLowerCase();
    if (stored && !stored.cardCertificates.includes(wanted)) await tx.store.put({ ...stored, cardCertificates: [...stored.cardCertificates, wanted] });
    await tx.done;
  }

  /** How many residents and households the registry holds (IndexedDB counts: nothing is read). */
  async counts(): Promise<{ residents: number; households: number }> {
    return { residents: await this.db.count(StoreName.registryResidents), households: await this.db.count(StoreName.registryHouseholds) };
  }

  /** True when the registry holds no municipality yet (first start: load the demo or an import). */
  async isEmpty(): Promise<boolean> {
    return (await this.db.count(StoreName.registryMunicipalities)) === 0;
  }
}

/** Records in the order they were written by `replaceAll`, without the order field. */
function ordered<T>(records: T[]): T[] {
  const key = (r: T) => (r as { [ORDER_KEY]?: number })[ORDER_KEY] ?? 0;
  return records.sort((a, b) => key(a) - key(b)).map((r) => strip(r)!);
}

function strip<T>(record: T | undefined): T | undefined {
  if (!record) return record;
  const { [ORDER_KEY]: _order, ...rest } = record as T & { [ORDER_KEY]?: number };
  return rest as T;
}
