/**
 * Repository for staff access (`device`, `staffCredentials`, `staffLog`; none backed up): the
 * device role, the staff credentials (passkey public keys, the passphrase hash), the passphrase
 * lockout, and the append-only staff action log. The checks themselves are in src/staff/.
 */
import type { PassphraseHash, Lockout } from '../staff/passphrase.ts';
import { NO_LOCKOUT } from '../staff/passphrase.ts';
import type { CoseAlgorithm } from '../staff/webauthn.ts';
import type { KofuDatabase } from './database.ts';
import { StoreName, REGISTRY_STORES } from './schema.ts';

const LOCKOUT_KEY = 'passphraseLockout';
/** The passphrase credential's fixed id: a device has at most one staff passphrase. */
export const PASSPHRASE_CREDENTIAL_ID = 'passphrase';

export interface PasskeyCredential {
  readonly kind: 'passkey';
  /** base64url of the WebAuthn credential id. */
  readonly id: string;
  readonly label: string;
  /** The COSE_Key from registration (RFC 9052 §7). */
  readonly publicKey: Uint8Array;
  readonly algorithm: CoseAlgorithm;
  readonly signCount: number;
  readonly backupEligible: boolean;
  readonly createdAt: number;
}

export interface PassphraseCredential extends PassphraseHash {
  readonly kind: 'passphrase';
  readonly id: typeof PASSPHRASE_CREDENTIAL_ID;
  readonly label: string;
  readonly createdAt: number;
}

export type StaffCredential = PasskeyCredential | PassphraseCredential;

export interface StaffLogEntry {
  /** Assigned by the store on append. */
  readonly seq?: number;
  /** Epoch milliseconds. */
  readonly at: number;
  /** A stable action name, e.g. `registry.export-csv` (docs/security.md lists them). */
  readonly action: string;
  readonly credentialId: string;
  readonly credentialLabel: string;
  /** 'ok', or the error code the action ended with. */
  readonly outcome: string;
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

export { readRole, writeRole } from './device-role-store.ts';

export async function readLockout(db: KofuDatabase): Promise<Lockout> {
  return ((await db.get(StoreName.device, LOCKOUT_KEY)) as Lockout | undefined) ?? NO_LOCKOUT;
}

export async function writeLockout(db: KofuDatabase, lockout: Lockout): Promise<void> {
  await db.put(StoreName.device, lockout, LOCKOUT_KEY);
}

export async function listCredentials(db: KofuDatabase): Promise<StaffCredential[]> {
  return (await db.getAll(StoreName.staffCredentials)) as StaffCredential[];
}

export async function readCredential(db: KofuDatabase, id: string): Promise<StaffCredential | undefined> {
  return (await db.get(StoreName.staffCredentials, id)) as StaffCredential | undefined;
}

export async function putCredential(db: KofuDatabase, credential: StaffCredential): Promise<void> {
  await db.put(StoreName.staffCredentials, credential);
}

export async function deleteCredential(db: KofuDatabase, id: string): Promise<void> {
  await db.delete(StoreName.staffCredentials, id);
}

/** Appends one entry; there is no update or delete by design. Returns it with its seq. */
export async function appendStaffLog(db: KofuDatabase, entry: Omit<StaffLogEntry, 'seq'>): Promise<StaffLogEntry> {
  const seq = (await db.add(StoreName.staffLog, { ...entry })) as number;
  return { ...entry, seq };
}

/** The newest `limit` entries, newest first. */
export async function recentStaffLog(db: KofuDatabase, limit = 50): Promise<StaffLogEntry[]> {
  const out: StaffLogEntry[] = [];
  for (let cursor = await db.transaction(StoreName.staffLog).store.openCursor(null, 'prev'); cursor && out.length < limit; cursor = await cursor.continue()) {
    out.push(cursor.value as StaffLogEntry);
  }
  return out;
}

export async function allStaffLog(db: KofuDatabase): Promise<StaffLogEntry[]> {
  return (await db.getAll(StoreName.staffLog)) as StaffLogEntry[];
}

/** Stores a device that becomes a verifier must not keep (docs/security.md, "Device roles"). */
export const VERIFIER_FORBIDDEN_STORES: readonly StoreName[] = [
  StoreName.sealKeys,
  StoreName.issuanceLog,
  StoreName.issuanceCheckpoints,
  ...REGISTRY_STORES,
  StoreName.cardState,
];

/** Empties `stores` in one transaction (all or nothing). */
export async function clearStores(db: KofuDatabase, stores: readonly StoreName[]): Promise<void> {
  const tx = db.transaction([...stores], 'readwrite');
  await Promise.all([...stores.map((name) => tx.objectStore(name).clear()), tx.done]);
}
