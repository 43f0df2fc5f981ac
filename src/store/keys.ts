/**
 * Repository for signing keys in the `sealKeys` store. CryptoKey objects are stored as they are
 * (IndexedDB structured-clones them, keeping `extractable: false`); this store is not in
 * backupStores.
 */
import type { KofuDatabase } from './database.ts';
import { StoreName } from './schema.ts';

export interface StoredSignerKey {
  readonly keyPair: CryptoKeyPair;
  readonly deviceId: string;
  /** Unix seconds. */
  readonly createdAt: number;
  /** The root-signed signer certificate, once the admin has issued it. */
  readonly certificate?: Uint8Array;
}

export interface StoredRootKey {
  readonly keyPair: CryptoKeyPair;
  readonly municipality: number;
  readonly name: string;
  readonly createdAt: number;
}

const SIGNER = 'signer';
const ROOT = 'root';

export async function saveSignerKey(db: KofuDatabase, key: StoredSignerKey): Promise<void> {
  await db.put(StoreName.sealKeys, key, SIGNER);
}

export async function loadSignerKey(db: KofuDatabase): Promise<StoredSignerKey | undefined> {
  return (await db.get(StoreName.sealKeys, SIGNER)) as StoredSignerKey | undefined;
}

/** Attaches the certificate the root issued for this tablet's key. */
export async function saveSignerCertificate(db: KofuDatabase, certificate: Uint8Array): Promise<void> {
  const tx = db.transaction(StoreName.sealKeys, 'readwrite');
  const current = (await tx.store.get(SIGNER)) as StoredSignerKey | undefined;
  if (!current) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error('no signer key on this device');
  }
  await tx.store.put({ ...current, certificate }, SIGNER);
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
