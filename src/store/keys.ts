/**
 * Repository for signing keys in the `sealKeys` store. CryptoKey objects are stored as they are
 * (IndexedDB structured-clones them, keeping `extractable: false`); this store is not in
 * backupStores.
 */
import type { IDBPObjectStore } from 'idb';
import type { KofuDatabase } from './database.ts';
import { StoreName } from './schema.ts';

export interface StoredSignerKey {
  readonly keyPair: CryptoKeyPair;
  readonly deviceId: string;
  /** Unix seconds. */
  readonly createdAt: number;
  /** The municipality the key was requested for (known before the certificate arrives). */
  readonly municipality?: number;
  /** The root-signed signer certificate, once the admin has issued it. */
  readonly certificate?: Uint8Array;
}

export interface StoredRootKey {
  readonly keyPair: CryptoKeyPair;
  readonly municipality: number;
  readonly name: string;
  readonly createdAt: number;
}

/**
 * Where a tablet key lives. 'signer' is the municipality-certified key in use; 'signer-pending' a
 * new key whose request awaits the administrator's certificate (the tablet keeps issuing with the
 * old key meanwhile, e.g. during the yearly renewal); 'demo-signer' is the key the demo root
 * certifies automatically in demo mode, kept apart so that switching demo mode on and off never
 * replaces or mixes up the real key.
 */
export type SignerSlot = 'signer' | 'signer-pending' | 'demo-signer';
const PENDING: SignerSlot = 'signer-pending';
const SIGNER: SignerSlot = 'signer';
const ROOT = 'root';

export async function saveSignerKey(db: KofuDatabase, key: StoredSignerKey, slot: SignerSlot = SIGNER): Promise<void> {
  await db.put(StoreName.sealKeys, key, slot);
}

export async function loadSignerKey(db: KofuDatabase, slot: SignerSlot = SIGNER): Promise<StoredSignerKey | undefined> {
  return (await db.get(StoreName.sealKeys, slot)) as StoredSignerKey | undefined;
}

/** Attaches the certificate the root issued for this tablet's key. */
export async function saveSignerCertificate(db: KofuDatabase, certificate: Uint8Array, slot: SignerSlot = SIGNER): Promise<void> {
  await withSignerKey(db, slot, 'no signer key on this device', async (store, current) => {
    await store.put({ ...current, certificate }, slot);
  });
}

/**
 * Installs the certificate for the pending key: in one transaction the pending key (with its
 * certificate) becomes the signer in use and the pending slot is emptied, so a crash cannot leave
 * two keys or none.
 */
export async function promotePendingSigner(db: KofuDatabase, certificate: Uint8Array): Promise<void> {
  await withSignerKey(db, PENDING, 'no pending signer key on this device', async (store, pending) => {
    await store.put({ ...pending, certificate }, SIGNER);
    await store.delete(PENDING);
  });
}

type SealKeyStore = IDBPObjectStore<unknown, [typeof StoreName.sealKeys], typeof StoreName.sealKeys, 'readwrite'>;

/**
 * Runs `change` in one read-write transaction on the key store with the key in `slot`; without
 * one, the transaction is aborted (nothing is written) and the call fails with `missing`.
 */
async function withSignerKey(
  db: KofuDatabase,
  slot: SignerSlot,
  missing: string,
  change: (store: SealKeyStore, key: StoredSignerKey) => Promise<void>,
): Promise<void> {
  const tx = db.transaction(StoreName.sealKeys, 'readwrite');
  const key = (await tx.store.get(slot)) as StoredSignerKey | undefined;
  if (!key) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error(missing);
  }
  await change(tx.store, key);
  await tx.done;
}

export async function saveRootKey(db: KofuDatabase, key: StoredRootKey): Promise<void> {
  await db.put(StoreName.sealKeys, key, ROOT);
}

export async function loadRootKey(db: KofuDatabase): Promise<StoredRootKey | undefined> {
  return (await db.get(StoreName.sealKeys, ROOT)) as StoredRootKey | undefined;
}

/** After the root key is backed up, an admin may remove it from a device that no longer needs it. */
export async function deleteRootKey(db: KofuDatabase): Promise<void> {
  await db.delete(StoreName.sealKeys, ROOT);
}
