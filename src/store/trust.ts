/**
 * Repository for the verifier's cached trust list (`trustList` store, backed up). Only bytes and
 * bookkeeping are stored: the list is re-opened (signature-checked) with `openTrustList` on load,
 * so a tampered database cannot smuggle in a root.
 */
import { checkTrustListUpdate, openTrustList, type TrustAnchor, type TrustList } from '../seal/trust-list.ts';
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

/**
 * Imports a trust list file or download: checks its signature against the anchors, refuses a
 * version not newer than the cached one, then caches it. Returns the opened list.
 */
export async function importTrustList(
  db: KofuDatabase,
  bytes: Uint8Array,
  anchors: readonly TrustAnchor[],
  options: { readonly demoMode: boolean; readonly source: string; readonly now?: number },
): Promise<TrustList> {
  const candidate = await openTrustList(bytes, anchors, { demoMode: options.demoMode });
  checkTrustListUpdate(await loadOpenedTrustList(db, anchors, { demoMode: options.demoMode }), candidate);
  await saveTrustList(db, { bytes, version: candidate.version, importedAt: options.now ?? Math.floor(Date.now() / 1000), source: options.source });
  return candidate;
}

/** The cached list, re-opened; undefined when none is cached or it no longer opens (e.g. anchors changed). */
export async function loadOpenedTrustList(db: KofuDatabase, anchors: readonly TrustAnchor[], options: { readonly demoMode: boolean }): Promise<TrustList | undefined> {
  const stored = await loadTrustList(db);
  if (!stored) return undefined;
  try {
    return await openTrustList(stored.bytes, anchors, options);
  } catch {
    return undefined;
  }
}
