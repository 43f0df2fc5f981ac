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

/**
 * 'current' holds the list from a real trust-list publisher; 'demo' the demo municipality's list,
 * which the app makes itself in demo mode. Kept apart so a demo list never blocks (or is blocked
 * by) a real list's version numbers, and leaving demo mode cannot leave the demo root in use.
 */
export type TrustListSlot = 'current' | 'demo';
const CURRENT: TrustListSlot = 'current';

export async function saveTrustList(db: KofuDatabase, list: StoredTrustList, slot: TrustListSlot = CURRENT): Promise<void> {
  await db.put(StoreName.trustList, list, slot);
}

export async function loadTrustList(db: KofuDatabase, slot: TrustListSlot = CURRENT): Promise<StoredTrustList | undefined> {
  return (await db.get(StoreName.trustList, slot)) as StoredTrustList | undefined;
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
export async function loadOpenedTrustList(
  db: KofuDatabase,
  anchors: readonly TrustAnchor[],
  options: { readonly demoMode: boolean; readonly slot?: TrustListSlot },
): Promise<TrustList | undefined> {
  const stored = await loadTrustList(db, options.slot);
  if (!stored) return undefined;
  try {
    return await openTrustList(stored.bytes, anchors, options);
  } catch {
    return undefined;
  }
}
