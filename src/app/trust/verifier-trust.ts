/**
 * The verifier's trust store: which roots this device trusts. The trust lists installed (a real
 * publisher's in slot 'current', the demo municipality's in slot 'demo'), the publisher keys staff
 * registered, downloads from the allowed addresses, and how stale each list is.
 *
 * Demo mode (setting `demoMode`, on by default) needs no staff: on first use the device gets the
 * demo trust list (signed by the demo root, whose private key ships in the source, see
 * src/seal/demo.ts), renewed when it goes stale. The demo list lives in its own slot, so switching
 * demo mode off never touches the municipality's real list, and the demo root stops being trusted
 * at once. Every refusal leaves the stored data untouched and says so.
 *
 * The tablet's signer (tablet-signer.ts) and the municipality authority (authority.ts) build on
 * this store; its change notifications are theirs too, so every screen hears of every change.
 */
import { bytesEqual, toHex } from '../../bytes/bytes.ts';
import { KofuError } from '../../bytes/errors.ts';
// Imported module by module, not through src/seal/index.ts, so the admin screen does not load
// the QR code library that only the locator needs.
import { trustAnchors } from '../../seal/anchors.ts';
import { demoTrustList } from '../../seal/demo.ts';
import { fetchTrustListBytes } from '../../seal/trust-fetch.ts';
import {
  MAX_TRUST_LIST_BYTES,
  checkTrustListUpdate,
  openTrustList,
  publisherCandidates,
  trustListStatus,
  type ListedRoot,
  type TrustAnchor,
  type TrustList,
  type TrustListStatus,
  type TrustedRoot,
} from '../../seal/trust-list.ts';
import type { KofuDatabase } from '../../store/database.ts';
import { readSetting, writeSetting } from '../../store/settings.ts';
import { loadOpenedTrustList, loadTrustList, saveTrustList, type TrustListSlot } from '../../store/trust.ts';
import { appDatabase } from '../database.ts';
import { readDemoMode, writeDemoMode } from '../demo-mode.ts';
import { ListSource, Setting, cleanKid, demoChore, hexKid, refuse, unchangedOnFailure, type TrustServiceOptions } from './common.ts';

/** The largest trust-list file a screen should read (docs/formats.md §3). */
export { MAX_TRUST_LIST_BYTES };

export interface RegisteredAnchor {
  readonly publicKey: Uint8Array;
  readonly label: string;
}

/** What the verifier checks against. */
export interface CurrentTrust {
  readonly demoMode: boolean;
  readonly anchors: readonly TrustAnchor[];
  /** The list from a real publisher, if one is installed. */
  readonly list?: TrustList;
  /** The demo municipality's list: present in demo mode only. */
  readonly demoList?: TrustList;
  /** Every list in use, real first. */
  readonly lists: readonly TrustList[];
  /** The list holding a root for `municipality`; otherwise the first list (the seal will then be refused as unknown). */
  listFor(municipality: number): TrustList | undefined;
}

export interface TrustListSummary {
  readonly version: number;
  readonly issuedAt: number;
  readonly nextUpdate: number;
  readonly demo: boolean;
  readonly roots: readonly Pick<TrustedRoot, 'municipality' | 'name' | 'notBefore' | 'notAfter' | 'demo'>[];
  readonly revokedCount: number;
  readonly status: TrustListStatus;
  readonly source?: string;
  readonly anchorKid: string;
}

/** A trust list's publisher that this device does not trust yet, as found in the list itself. */
export interface UntrustedPublisher extends ListedRoot {
  readonly kid: string;
}


/** True when an import failed because the list's publisher is not registered on this device yet. */
export function isUnknownPublisher(error: unknown): boolean {
  return error instanceof KofuError && error.code === 'trust.unknown-signer';
}

export class TrustStore {
  /** Unix seconds; the signer and the authority over this store keep the same clock. */
  readonly now: () => number;
  private readonly demoListProvisioning = demoChore(() => this.demoMode(), () => this.provisionDemoList());
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: TrustServiceOptions) {
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  /** The device's database, shared with the signer and the authority over this store. */
  database(): Promise<KofuDatabase> {
    return this.options.database();
  }

  /** Called after anything the screens show has changed (demo mode, keys, lists). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener that stored trust state changed (the signer and the authority call it too). */
  announceChange(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // ---- demo mode -------------------------------------------------------------------------------

  async demoMode(): Promise<boolean> {
    return readDemoMode(await this.database());
  }

  /** Turning demo mode off stops trusting the demo root at once; the demo key and list stay stored, unused. */
  async setDemoMode(on: boolean): Promise<void> {
    await writeDemoMode(await this.database(), on, { broadcast: this.options.shared === true });
    this.announceChange();
  }

  /**
   * In demo mode: makes sure this device holds a fresh demo trust list. Idempotent, and
   * concurrent callers share one run.
   */
  ensureDemoList(): Promise<void> {
    return this.demoListProvisioning();
  }

  private async provisionDemoList(): Promise<void> {
    const db = await this.database();
    const now = this.now();
    const anchors = await trustAnchors({ demoMode: true });
    const list = await loadOpenedTrustList(db, anchors, { demoMode: true, slot: 'demo' });
    if (!list || trustListStatus(list, now).stale) {
      const version = (list?.version ?? (await loadTrustList(db, 'demo'))?.version ?? 0) + 1;
      await saveTrustList(db, { bytes: await demoTrustList(now, version), version, importedAt: now, source: ListSource.demo }, 'demo');
      this.announceChange();
    }
  }

  // ---- what the verifier checks against ----------------------------------------------------------

  async anchors(demoMode?: boolean): Promise<TrustAnchor[]> {
    const registered = await readSetting<RegisteredAnchor[]>(await this.database(), Setting.trustAnchors, []);
    return trustAnchors({
      demoMode: demoMode ?? (await this.demoMode()),
      extra: registered.map((a) => ({ publicKey: a.publicKey, demo: false, label: a.label })),
    });
  }

  /** The list installed in `slot`, opened under the anchors of that mode (undefined when none or no longer trusted). */
  async installedList(slot: TrustListSlot, demoMode: boolean): Promise<TrustList | undefined> {
    return loadOpenedTrustList(await this.database(), await this.anchors(demoMode), { demoMode, slot });
  }

  async currentTrust(): Promise<CurrentTrust> {
    const demoMode = await this.demoMode();
    if (demoMode) await this.ensureDemoList();
    const db = await this.database();
    const anchors = await this.anchors(demoMode);
    const list = await loadOpenedTrustList(db, anchors, { demoMode, slot: 'current' });
    const demoList = demoMode ? await loadOpenedTrustList(db, anchors, { demoMode, slot: 'demo' }) : undefined;
    const lists = [list, demoList].filter((l): l is TrustList => l !== undefined);
    return {
      demoMode,
      anchors,
      list,
      demoList,
      lists,
      listFor: (municipality) => lists.find((l) => l.roots.some((r) => r.municipality === municipality)) ?? lists[0],
    };
  }

  /** The lists installed on this device, for the admin screen. */
  async trustListSummaries(): Promise<{ list?: TrustListSummary; demoList?: TrustListSummary }> {
    const trust = await this.currentTrust();
    const db = await this.database();
    const summarise = async (list: TrustList | undefined, slot: TrustListSlot): Promise<TrustListSummary | undefined> =>
      list && {
        version: list.version,
        issuedAt: list.issuedAt,
        nextUpdate: list.nextUpdate,
        demo: list.demo,
        roots: list.roots.map(({ municipality, name, notBefore, notAfter, demo }) => ({ municipality, name, notBefore, notAfter, demo })),
        revokedCount: list.revoked.length,
        status: trustListStatus(list, this.now()),
        source: (await loadTrustList(db, slot))?.source,
        anchorKid: toHex(list.anchorKid),
      };
    return { list: await summarise(trust.list, 'current'), demoList: await summarise(trust.demoList, 'demo') };
  }

  // ---- trust lists: import ---------------------------------------------------------------------

  /**
   * Imports a trust list file. Signed by a demo anchor it goes to the demo slot (demo mode only);
   * otherwise to the real slot. Refuses older versions of the same slot (no rollback).
   */
  async importTrustList(bytes: Uint8Array, source: string): Promise<TrustList> {
    return unchangedOnFailure(async () => {
      const demoMode = await this.demoMode();
      const anchors = await this.anchors(demoMode);
      const db = await this.database();
      const candidate = await openTrustList(bytes, anchors, { demoMode });
      const slot: TrustListSlot = candidate.demo ? 'demo' : 'current';
      checkTrustListUpdate(await loadOpenedTrustList(db, anchors, { demoMode, slot }), candidate);
      await saveTrustList(db, { bytes, version: candidate.version, importedAt: this.now(), source }, slot);
      this.announceChange();
      return candidate;
    });
  }

  /**
   * Downloads a trust list file, from this app's origin or the configured address only: the app
   * never contacts another host on its own. The bytes are not trusted until imported.
   */
  async downloadTrustList(url: string, signal?: AbortSignal): Promise<{ bytes: Uint8Array; url: string }> {
    let parsed: URL;
    try {
      parsed = new URL(url, this.options.origin);
    } catch {
      throw refuse('trust.bad-url', {});
    }
    const configured = await this.trustListUrl();
    const sameOrigin = this.options.origin !== undefined && parsed.origin === new URL(this.options.origin).origin;
    if (!sameOrigin && parsed.href !== configured) {
      throw refuse('trust.url-not-allowed', {});
    }
    const bytes = await unchangedOnFailure(() => fetchTrustListBytes(parsed.href, { signal, fetchImpl: this.options.fetchImpl }));
    return { bytes, url: parsed.href };
  }

  async importTrustListFromUrl(url: string, signal?: AbortSignal): Promise<TrustList> {
    const download = await this.downloadTrustList(url, signal);
    return this.importTrustList(download.bytes, download.url);
  }

  async trustListUrl(): Promise<string | undefined> {
    return readSetting<string | undefined>(await this.database(), Setting.trustListUrl, undefined);
  }

  async setTrustListUrl(url: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw refuse('trust.bad-url', {});
    }
    if (parsed.protocol !== 'https:' && parsed.hostname !== 'localhost' && parsed.hostname !== '127.0.0.1') {
      throw refuse('trust.insecure-url', {});
    }
    await writeSetting(await this.database(), Setting.trustListUrl, parsed.href);
    this.announceChange();
  }

  // ---- trust lists: publishers -------------------------------------------------------------------

  /**
   * The publisher of a trust list this device does not trust yet. A municipality's list is signed
   * by its own root, which is one of the list's roots, so the candidate key is found in the list and
   * proved by the signature (openTrustList with that key as the only anchor). Staff then compare the
   * key id with the one the municipality published (on paper, by phone) before registering it.
   */
  async findUntrustedPublisher(bytes: Uint8Array): Promise<UntrustedPublisher | undefined> {
    for (const root of publisherCandidates(bytes)) {
      try {
        await openTrustList(bytes, [{ publicKey: root.publicKey, demo: false }], { demoMode: false });
        return { ...root, kid: await hexKid(root.publicKey) };
      } catch {
        // not this one
      }
    }
    return undefined;
  }

  /** Registers the publisher of `bytes` when `confirmedKid` (typed by staff) matches it, then imports the list. */
  async trustPublisherAndImport(bytes: Uint8Array, confirmedKid: string, source: string): Promise<TrustList> {
    const publisher = await this.findUntrustedPublisher(bytes);
    if (!publisher) {
      throw refuse('trust.no-publisher', {});
    }
    if (cleanKid(confirmedKid) !== publisher.kid) {
      throw refuse('trust.publisher-kid-mismatch', { kid: publisher.kid });
    }
    await this.registerAnchor(publisher.publicKey, publisher.name);
    try {
      return await this.importTrustList(bytes, source);
    } catch (error) {
      await this.unregisterAnchor(publisher.publicKey); // keep "nothing was changed" true
      throw error;
    }
  }

  /** Trusts lists signed by `publicKey` from now on (no-op when registered already). */
  async registerAnchor(publicKey: Uint8Array, label: string): Promise<void> {
    const db = await this.database();
    const registered = await readSetting<RegisteredAnchor[]>(db, Setting.trustAnchors, []);
    if (registered.some((a) => bytesEqual(a.publicKey, publicKey))) return;
    await writeSetting(db, Setting.trustAnchors, [...registered, { publicKey, label }]);
  }

  private async unregisterAnchor(publicKey: Uint8Array): Promise<void> {
    const db = await this.database();
    const registered = await readSetting<RegisteredAnchor[]>(db, Setting.trustAnchors, []);
    await writeSetting(db, Setting.trustAnchors, registered.filter((a) => !bytesEqual(a.publicKey, publicKey)));
  }

  async registeredAnchors(): Promise<{ kid: string; label: string }[]> {
    const registered = await readSetting<RegisteredAnchor[]>(await this.database(), Setting.trustAnchors, []);
    return Promise.all(registered.map(async (a) => ({ kid: await hexKid(a.publicKey), label: a.label })));
  }
}

let shared: TrustStore | undefined;

/** The app's trust store over the shared database. */
export function trustStore(): TrustStore {
  shared ??= new TrustStore({ database: appDatabase, origin: globalThis.location?.origin, shared: true });
  return shared;
}
