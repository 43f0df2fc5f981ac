/**
 * Repository for the verifier's cached trust list (`trustList` store, backed up). Only bytes and
 * bookkeeping are stored: the list is re-opened (signature-checked) with `openTrustList` on load,
 * so a tampered database cannot smuggle in a root.
 */
import type { KofuDatabase } from './database.ts';
import { StoreName } from './schema.ts';

export interface StoredTrustList {
  readonly bytes: Uint8Array;
  readonly version: number;
  /** Unix seconds. */
  readonly importedAt: number;
  /** Where it came from: a file name or URL, for the admin screen. */
  readonly source: string;
}

const CURRENT = 'current';

export async function saveTrustList(db: KofuDatabase, list: StoredTrustList): Promise<void> {
  await db.put(StoreName.trustList, list, CURRENT);
}

export async function loadTrustList(db: KofuDatabase): Promise<StoredTrustList | undefined> {
  return (await db.get(StoreName.trustList, CURRENT)) as StoredTrustList | undefined;
}
