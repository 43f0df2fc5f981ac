/**
 * The registry contract the kiosk issues from. The embedded implementation keeps a snapshot on
 * the tablet (IndexedDB, `src/store/registry-store.ts`; in memory for tests and demos); a
 * municipality's own backend can implement the same interface later. Every method is a read
 * except `replaceAll` and `linkCard`; see docs/registry.md.
 */
import type { Household, KosekiRecord, Municipality, RegistrySnapshot, Resident, SealRegistration, TaxRecord } from './model.ts';

export interface Registry {
  municipality(code: string): Promise<Municipality | undefined>;
  municipalities(): Promise<readonly Municipality[]>;
  resident(id: string): Promise<Resident | undefined>;
  /** The resident whose card carries the JPKI user-auth certificate with this SHA-256 (hex). */
  residentByCard(certificateSha256: string): Promise<Resident | undefined>;
  household(id: string): Promise<Household | undefined>;
  /** Members in registry order (householder first), including 消除 (deceased) members. */
  householdMembers(householdId: string): Promise<readonly Resident[]>;
  seal(residentId: string): Promise<SealRegistration | undefined>;
  taxRecords(residentId: string): Promise<readonly TaxRecord[]>;
  koseki(id: string): Promise<KosekiRecord | undefined>;
  snapshot(): Promise<RegistrySnapshot>;
  /** Replaces everything at once: the caller validated the snapshot; a failure leaves the old data. */
  replaceAll(snapshot: RegistrySnapshot): Promise<void>;
  /** Links a card's user-auth certificate to a resident (the counter does this when a card is issued). */
  linkCard(residentId: string, certificateSha256: string): Promise<void>;
}

/** A registry held in memory: tests, demos and the reference for the IndexedDB store's behaviour. */
export class MemoryRegistry implements Registry {
  private data: RegistrySnapshot;
  constructor(snapshot: RegistrySnapshot) {
    this.data = structuredClone(snapshot);
  }
  async municipality(code: string) {
    return this.data.municipalities.find((m) => m.code === code);
  }
  async municipalities() {
    return this.data.municipalities;
  }
  async resident(id: string) {
    return this.data.residents.find((r) => r.id === id);
  }
  async residentByCard(sha256: string) {
    const wanted = sha256.toLowerCase();
    return this.data.residents.find((r) => r.cardCertificates.includes(wanted));
  }
  async household(id: string) {
    return this.data.households.find((h) => h.id === id);
  }
  async householdMembers(householdId: string) {
    return this.data.residents.filter((r) => r.householdId === householdId);
  }
  async seal(residentId: string) {
    return this.data.seals.find((s) => s.residentId === residentId);
  }
  async taxRecords(residentId: string) {
    return this.data.taxes.filter((t) => t.residentId === residentId).sort((a, b) => a.fiscalYear - b.fiscalYear);
  }
  async koseki(id: string) {
    return this.data.koseki.find((k) => k.id === id);
  }
  async snapshot() {
    return structuredClone(this.data);
  }
  async replaceAll(snapshot: RegistrySnapshot) {
    this.data = structuredClone(snapshot);
  }
  async linkCard(residentId: string, sha256: string) {
    const wanted = sha256.toLowerCase();
    this.data = {
      ...this.data,
      residents: this.data.residents.map((r) => (r.id === residentId && !r.cardCertificates.includes(wanted) ? { ...r, cardCertificates: [...r.cardCertificates, wanted] } : r)),
    };
  }
}
