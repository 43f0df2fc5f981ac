/**
 * Composition of the seal domain's keys and trust lists with the store: who signs on this tablet,
 * which roots this device trusts, and the municipality staff tools that change either.
 *
 * Demo mode (setting `demoMode`, on by default) needs no staff at all: on first use the tablet gets
 * a non-extractable key certified by the demo root (whose private key ships in the source, see
 * src/seal/demo.ts) and the demo trust list; both are renewed when they run out. The demo key and
 * list live in their own slots ('demo-signer', 'demo'), so switching demo mode off never touches
 * the municipality's real key or list, and the demo root stops being trusted at once.
 *
 * The real path (docs/operations.md): the admin device creates a municipality root, backs it up,
 * publishes a trust list signed by it; each tablet makes a signing request (proof of possession),
 * the admin device certifies it, and the tablet installs the certificate. Every refusal leaves the
 * stored data untouched and says so.
 */
import { bytesEqual, fromHex, toHex } from '../../bytes/bytes.ts';
import { KofuError, type LocalizedText } from '../../bytes/errors.ts';
// Imported module by module, not through src/seal/index.ts, so the admin screen does not load
// the QR code library that only the locator needs.
import { decodeCanonical } from '../../seal/cbor.ts';
import { trustAnchors } from '../../seal/anchors.ts';
import { demoTrustList, isDemoMunicipality, issueDemoSignerCertificate } from '../../seal/demo.ts';
import { exportCompressedPublicKey, importPublicKey, keyIdOf } from '../../seal/ec.ts';
import { MIN_PASSPHRASE_LENGTH, PBKDF2_ITERATIONS, exportRootKeyBackup, generateRootKeyPair, generateSignerKeyPair, importRootKeyBackup } from '../../seal/keys.ts';
import type { SealSigner } from '../../seal/seal.ts';
import {
  MAX_DEVICE_ID_LENGTH,
  createSignerRequest as createRequestBytes,
  decodeSignerCertificate,
  issueSignerCertificate,
  openSignerRequest,
  verifySignerCertificate,
  type SignerCertificate,
  type SignerRequest,
} from '../../seal/signer-certificate.ts';
import { fetchTrustListBytes } from '../../seal/trust-fetch.ts';
import {
  MAX_TRUST_LIST_BYTES,
  checkTrustListUpdate,
  isRevoked,
  openTrustList,
  signTrustList,
  trustListStatus,
  type TrustAnchor,
  type TrustList,
  type TrustListContent,
  type TrustListStatus,
  type TrustedRoot,
} from '../../seal/trust-list.ts';
import { parseLogExport, verifyLog, type LogReport } from '../../seal/audit-log.ts';
import { decodeSign1 } from '../../seal/cose.ts';
import type { KofuDatabase } from '../../store/database.ts';
import { addCheckpoint, exportIssuanceLog, readIssuanceLog } from '../../store/issuance-log.ts';
import { deleteRootKey, loadRootKey, loadSignerKey, promotePendingSigner, saveRootKey, saveSignerCertificate, saveSignerKey, type SignerSlot, type StoredRootKey, type StoredSignerKey } from '../../store/keys.ts';
import { readSetting, writeSetting } from '../../store/settings.ts';
import { loadOpenedTrustList, loadTrustList, saveTrustList, type TrustListSlot } from '../../store/trust.ts';
import { appDatabase } from '../database.ts';
import { DEMO_MODE_SETTING, readDemoMode, writeDemoMode } from '../demo-mode.ts';

// ---- settings and constants --------------------------------------------------------------------

export const Setting = {
  /** boolean, default true (src/app/demo-mode.ts). */
  demoMode: DEMO_MODE_SETTING,
  /** Trust-list publisher keys registered by staff: `RegisteredAnchor[]`. */
  trustAnchors: 'trustAnchors',
  /** The trust-list address this device may download from besides its own origin: string. */
  trustListUrl: 'trustListUrl',
  /** Signer certificates this admin device issued (no secrets): `IssuedSigner[]`. */
  issuedSigners: 'issuedSigners',
  /** When this device last saved a backup of its root: `{ kid: string; at: number }`. */
  rootBackedUp: 'rootBackedUp',
} as const;

/** A demo signer certificate is renewed this long before it ends, so a kiosk never meets the end. */
export const DEMO_RENEW_BEFORE_SECONDS = 7 * 86_400;
/** Root keys are published as valid for ten years from their creation (rollover: a new root). */
export const ROOT_LIFETIME_SECONDS = 10 * 365 * 86_400;
/** Certificates start this long before issue, for clock differences between admin device and tablet. */
export const CERTIFICATE_BACKDATE_SECONDS = 10 * 60;
export const DEFAULT_SIGNER_VALIDITY_DAYS = 365;
/** A real signer certificate this close to its end is flagged on the admin screen. */
export const EXPIRY_WARNING_SECONDS = 30 * 86_400;
export const MAX_SIGNER_VALIDITY_DAYS = 3 * 365;
export const DEFAULT_TRUST_LIST_VALIDITY_DAYS = 90;
/** `source` of stored lists the app made itself (others hold a file name or URL). */
export const ListSource = { demo: 'demo', published: 'published' } as const;
export const MAX_TRUST_LIST_VALIDITY_DAYS = 366;

export interface RegisteredAnchor {
  readonly publicKey: Uint8Array;
  readonly label: string;
}

export interface IssuedSigner {
  readonly deviceId: string;
  readonly municipality: number;
  /** Hex of the signer kid. */
  readonly kid: string;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly issuedAt: number;
}

/** A refusal or missing step in the trust set-up. Every message says what to do. */
export class TrustServiceError extends KofuError {
  override readonly name = 'TrustServiceError';
}

const text = (ja: string, en: string): LocalizedText => ({ ja, en });
const UNCHANGED = text('何も変更していません。', 'Nothing was changed.');
const refuse = (code: string, ja: string, en: string, cause?: unknown) =>
  new TrustServiceError(code, text(`${ja}${UNCHANGED.ja}`, `${en} ${UNCHANGED.en}`), cause === undefined ? undefined : { cause });

/** Adds "nothing was changed" to a domain error that refused an input before anything was stored. */
function unchanged(error: unknown): unknown {
  if (!(error instanceof KofuError) || error.text.en.endsWith(UNCHANGED.en)) return error;
  return new TrustServiceError(error.code, text(`${error.text.ja}${UNCHANGED.ja}`, `${error.text.en} ${UNCHANGED.en}`), { cause: error });
}

async function unchangedOnFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unchanged(error);
  }
}

/**
 * 全国地方公共団体コード: five digits and a check digit = (11 − Σ dᵢ·wᵢ mod 11) mod 10 with weights
 * 6, 5, 4, 3, 2 (総務省「全国地方公共団体コード」の検査数字). Catches most typing mistakes.
 */
export function isValidMunicipalityCode(code: number): boolean {
  if (!Number.isSafeInteger(code) || code < 10_000 || code > 999_999) return false;
  const digits = String(code).padStart(6, '0').split('').map(Number);
  const sum = digits.slice(0, 5).reduce((acc, d, i) => acc + d * (6 - i), 0);
  return (11 - (sum % 11)) % 10 === digits[5];
}

function checkMunicipality(code: number): void {
  if (!isValidMunicipalityCode(code)) {
    throw refuse(
      'trust.bad-municipality-code',
      `自治体コード「${code}」が正しくありません。検査数字を含む6桁の全国地方公共団体コード（例：131016）を入力してください。`,
      `The municipality code “${code}” is not valid. Enter the six-digit local government code including its check digit (e.g. 131016).`,
    );
  }
}

function checkDeviceId(deviceId: string): void {
  if (deviceId.length === 0 || deviceId.length > MAX_DEVICE_ID_LENGTH || /[\u0000-\u001f]/.test(deviceId)) {
    throw refuse(
      'signer.bad-device-id',
      `端末IDは1〜${MAX_DEVICE_ID_LENGTH}文字で入力してください（例：T01）。人の名前や住所は使わないでください。`,
      `Enter a device id of 1–${MAX_DEVICE_ID_LENGTH} characters (e.g. T01). Do not use a person’s name or an address.`,
    );
  }
}

function checkDays(days: number, max: number, what: LocalizedText): void {
  if (!Number.isSafeInteger(days) || days < 1 || days > max) {
    throw refuse('trust.bad-days', `${what.ja}は1〜${max}日で指定してください。`, `Choose ${what.en} of 1–${max} days.`);
  }
}

// ---- what the service reports ------------------------------------------------------------------

export interface SignerInfo {
  readonly deviceId: string;
  readonly municipality: number;
  readonly notBefore: number;
  readonly notAfter: number;
  /** Hex of the signer kid. */
  readonly kid: string;
  readonly demo: boolean;
  readonly expired: boolean;
  /** Valid now but ends within EXPIRY_WARNING_SECONDS: time to make a new request. */
  readonly expiresSoon: boolean;
  readonly revoked: boolean;
}

/** A new key whose request waits for the administrator's certificate. */
export interface PendingRequest {
  readonly deviceId: string;
  readonly municipality?: number;
  /** Hex of the new key's kid: staff compare it with what the admin device shows. */
  readonly kid: string;
  readonly createdAt: number;
}

export type SignerStatus =
  | { readonly state: 'none'; readonly demo: boolean; readonly pending?: undefined }
  | ({ readonly state: 'requested'; readonly demo: false; readonly pending: PendingRequest } & PendingRequest)
  | ({ readonly state: 'certified'; readonly pending?: PendingRequest } & SignerInfo);

/** What the kiosk signs with. */
export interface CurrentSigner extends SealSigner {
  readonly info: SignerInfo;
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

export interface RootInfo {
  readonly municipality: number;
  readonly name: string;
  readonly createdAt: number;
  /** Hex kid of the root's public key: what staff publish so devices can register it as a trust-list publisher. */
  readonly kid: string;
}

export interface TrustServiceOptions {
  readonly database: () => Promise<KofuDatabase>;
  /** Unix seconds. */
  readonly now?: () => number;
  /** This app's own origin: trust lists may always be downloaded from it. */
  readonly origin?: string;
  readonly fetchImpl?: typeof fetch;
  /** PBKDF2 iterations for new root backups; tests lower it to stay fast. */
  readonly backupIterations?: number;
  /** True for the app's own service: demo-mode changes are announced to the app's other tabs. */
  readonly shared?: boolean;
}

/** Trust-list payload labels (docs/formats.md §3) read when looking for an unregistered publisher. */
const TRUST_LIST_ROOTS_KEY = 4;
const ROOT_MUNICIPALITY_KEY = 1;
const ROOT_NAME_KEY = 2;
const ROOT_PUBLIC_KEY_KEY = 3;

const hexKid = async (publicKey: Uint8Array) => toHex(await keyIdOf(publicKey));

function rootEntry(root: StoredRootKey, publicKey: Uint8Array): TrustedRoot {
  return {
    municipality: root.municipality,
    name: root.name,
    publicKey,
    notBefore: Math.max(0, root.createdAt - 86_400),
    notAfter: root.createdAt + ROOT_LIFETIME_SECONDS,
    demo: false,
  };
}

export class TrustService {
  private readonly now: () => number;
  private demoProvisioning?: Promise<void>;
  /** Demo signer certificates for the other demo municipalities, by kid/municipality/notAfter. */
  private readonly demoCertificates = new Map<string, Uint8Array>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: TrustServiceOptions) {
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  private db(): Promise<KofuDatabase> {
    return this.options.database();
  }

  /** Called after anything the screens show has changed (demo mode, keys, lists). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  // ---- demo mode -------------------------------------------------------------------------------

  async demoMode(): Promise<boolean> {
    return readDemoMode(await this.db());
  }

  /** Turning demo mode off stops trusting the demo root at once; the demo key and list stay stored, unused. */
  async setDemoMode(on: boolean): Promise<void> {
    await writeDemoMode(await this.db(), on, { broadcast: this.options.shared === true });
    this.changed();
  }

  /**
   * In demo mode: makes sure the tablet has a demo signer key with a valid certificate and a fresh
   * demo trust list. Idempotent, and concurrent callers share one run.
   */
  ensureDemoProvisioning(): Promise<void> {
    this.demoProvisioning ??= this.provisionDemo().finally(() => (this.demoProvisioning = undefined));
    return this.demoProvisioning;
  }

  private async provisionDemo(): Promise<void> {
    if (!(await this.demoMode())) return;
    const db = await this.db();
    const now = this.now();
    let changed = false;
    const slot: SignerSlot = 'demo-signer';
    let stored = await loadSignerKey(db, slot);
    if (!stored) {
      const deviceId = `DEMO-${toHex(crypto.getRandomValues(new Uint8Array(3))).toUpperCase()}`;
      stored = { keyPair: await generateSignerKeyPair(), deviceId, createdAt: now };
      await saveSignerKey(db, stored, slot);
      changed = true;
    }
    const certificate = stored.certificate ? await decodeSignerCertificate(stored.certificate).catch(() => undefined) : undefined;
    if (!certificate || now < certificate.notBefore || now > certificate.notAfter - DEMO_RENEW_BEFORE_SECONDS) {
      await saveSignerCertificate(db, await issueDemoSignerCertificate(stored.keyPair.publicKey, stored.deviceId, now), slot);
      changed = true;
    }
    const anchors = await trustAnchors({ demoMode: true });
    const list = await loadOpenedTrustList(db, anchors, { demoMode: true, slot: 'demo' });
    if (!list || trustListStatus(list, now).stale) {
      const version = (list?.version ?? (await loadTrustList(db, 'demo'))?.version ?? 0) + 1;
      await saveTrustList(db, { bytes: await demoTrustList(now, version), version, importedAt: now, source: ListSource.demo }, 'demo');
      changed = true;
    }
    if (changed) this.changed();
  }

  // ---- what the kiosk and the verifier use -------------------------------------------------------

  async anchors(demoMode?: boolean): Promise<TrustAnchor[]> {
    const registered = await readSetting<RegisteredAnchor[]>(await this.db(), Setting.trustAnchors, []);
    return trustAnchors({
      demoMode: demoMode ?? (await this.demoMode()),
      extra: registered.map((a) => ({ publicKey: a.publicKey, demo: false, label: a.label })),
    });
  }

  async currentTrust(): Promise<CurrentTrust> {
    const demoMode = await this.demoMode();
    if (demoMode) await this.ensureDemoProvisioning();
    const db = await this.db();
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

  /**
   * The tablet's signer for the kiosk. In demo mode the demo key (provisioned on demand); otherwise
   * the municipality-certified key. Throws TrustServiceError telling staff what to do.
   *
   * `municipality`: the issuer of the certificate about to be signed. A real tablet signs only for
   * the municipality its certificate names. The demo tablet issues for every demo municipality
   * (汐見町's 戸籍 are signed under 汐見町's root): its one demo key gets a certificate from each
   * demo root, made on demand (the demo roots' private keys are public anyway) and kept in memory.
   */
  async currentSigner(municipality?: number): Promise<CurrentSigner> {
    const signer = await this.primarySigner();
    if (municipality === undefined || municipality === signer.info.municipality) return signer;
    if (signer.info.demo && isDemoMunicipality(municipality)) {
      const key = `${signer.info.kid}/${municipality}/${signer.info.notAfter}`;
      let certificate = this.demoCertificates.get(key);
      if (!certificate) {
        const stored = (await loadSignerKey(await this.db(), 'demo-signer'))!;
        certificate = await issueDemoSignerCertificate(stored.keyPair.publicKey, signer.info.deviceId, this.now(), municipality);
        this.demoCertificates.set(key, certificate);
      }
      const decoded = await decodeSignerCertificate(certificate);
      return { privateKey: signer.privateKey, certificate, info: { ...signer.info, municipality, notBefore: decoded.notBefore, notAfter: decoded.notAfter } };
    }
    throw new TrustServiceError(
      'signer.wrong-municipality',
      text(
        `この端末の署名者証明書は自治体コード${signer.info.municipality}のものです。自治体コード${municipality}の証明書は発行できません。`,
        `This tablet’s signer certificate is for municipality ${signer.info.municipality}; it cannot issue certificates of municipality ${municipality}.`,
      ),
    );
  }

  private async primarySigner(): Promise<CurrentSigner> {
    const demoMode = await this.demoMode();
    if (demoMode) await this.ensureDemoProvisioning();
    const status = await this.signerStatus();
    const howTo = text('管理画面の「信頼と署名鍵」で', 'In Admin → Trust and signing keys, ');
    if (status.state === 'none') {
      throw new TrustServiceError(
        'signer.not-provisioned',
        text(
          `この端末には署名鍵がないため、証明書を発行できません。${howTo.ja}「署名鍵の申請を作成」を行い、自治体の管理者に証明書の発行を依頼してください。`,
          `This tablet has no signing key, so it cannot issue certificates. ${howTo.en}create a signing request and ask the municipality administrator to certify it.`,
        ),
      );
    }
    if (status.state === 'requested') {
      throw new TrustServiceError(
        'signer.awaiting-certificate',
        text(
          `この端末の署名鍵はまだ自治体に認証されていません。管理者から受け取った証明書ファイルを${howTo.ja}「証明書をインストール」してください。`,
          `This tablet’s signing key is not certified yet. ${howTo.en}install the certificate file the administrator gave you.`,
        ),
      );
    }
    if (status.revoked) {
      throw new TrustServiceError(
        'signer.revoked',
        text(
          `この端末の署名鍵（${status.kid}）は失効しています。発行はできません。自治体の管理者に連絡し、新しい署名鍵の申請を作成してください。`,
          `This tablet’s signing key (${status.kid}) has been revoked; it cannot issue. Contact the municipality administrator and create a new signing request.`,
        ),
      );
    }
    if (status.expired) {
      throw new TrustServiceError(
        'signer.certificate-expired',
        text(
          `この端末の署名者証明書は有効期間外です。${howTo.ja}新しい申請を作成し、管理者に証明書の再発行を依頼してください（端末の時計も確認してください）。`,
          `This tablet’s signer certificate is not valid now. ${howTo.en}create a new request and ask the administrator for a new certificate (also check this device’s clock).`,
        ),
      );
    }
    const stored = (await loadSignerKey(await this.db(), status.demo ? 'demo-signer' : 'signer'))!;
    return { privateKey: stored.keyPair.privateKey, certificate: stored.certificate!, info: status };
  }

  /**
   * The signer in use (the demo key in demo mode) or, with `demo` given, that one explicitly. The
   * real signer also reports a pending request (a new key waiting for its certificate).
   */
  async signerStatus(demo?: boolean): Promise<SignerStatus> {
    const demoMode = demo ?? (await this.demoMode());
    const db = await this.db();
    const stored = await loadSignerKey(db, demoMode ? 'demo-signer' : 'signer');
    const pendingKey = demoMode ? undefined : await loadSignerKey(db, 'signer-pending');
    const describePending = async (key: StoredSignerKey): Promise<PendingRequest> => ({
      deviceId: key.deviceId,
      municipality: key.municipality,
      kid: await hexKid(await exportCompressedPublicKey(key.keyPair.publicKey)),
      createdAt: key.createdAt,
    });
    const pending = pendingKey ? await describePending(pendingKey) : undefined;
    if (!stored?.certificate) {
      if (pending) return { state: 'requested', demo: false, ...pending, pending };
      return { state: 'none', demo: demoMode };
    }
    const certificate = await decodeSignerCertificate(stored.certificate);
    const now = this.now();
    const trust = await loadOpenedTrustList(db, await this.anchors(demoMode), { demoMode, slot: demoMode ? 'demo' : 'current' });
    return {
      state: 'certified',
      ...this.describeCertificate(certificate, now, demoMode),
      revoked: trust ? isRevoked(trust, certificate.kid) !== undefined : false,
      pending,
    };
  }

  private describeCertificate(certificate: SignerCertificate, now: number, demo: boolean): Omit<SignerInfo, 'revoked'> & { revoked: false } {
    return {
      deviceId: certificate.deviceId,
      municipality: certificate.municipality,
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      kid: toHex(certificate.kid),
      demo: demo || isDemoMunicipality(certificate.municipality),
      expired: now < certificate.notBefore || now > certificate.notAfter,
      expiresSoon: now >= certificate.notBefore && now <= certificate.notAfter && certificate.notAfter - now < EXPIRY_WARNING_SECONDS,
      revoked: false,
    };
  }

  /** The lists installed on this device, for the admin screen. */
  async trustListSummaries(): Promise<{ list?: TrustListSummary; demoList?: TrustListSummary }> {
    const trust = await this.currentTrust();
    const db = await this.db();
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
      const db = await this.db();
      const candidate = await openTrustList(bytes, anchors, { demoMode });
      const slot: TrustListSlot = candidate.demo ? 'demo' : 'current';
      checkTrustListUpdate(await loadOpenedTrustList(db, anchors, { demoMode, slot }), candidate);
      await saveTrustList(db, { bytes, version: candidate.version, importedAt: this.now(), source }, slot);
      this.changed();
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
      throw refuse('trust.bad-url', 'URLの形式が正しくありません。', 'The address is not a valid URL.');
    }
    const configured = await this.trustListUrl();
    const sameOrigin = this.options.origin !== undefined && parsed.origin === new URL(this.options.origin).origin;
    if (!sameOrigin && parsed.href !== configured) {
      throw refuse(
        'trust.url-not-allowed',
        'このアドレスからは読み込めません。このアプリと同じサーバーか、設定済みの信頼リストの配布アドレスだけを使えます。',
        'Trust lists can be downloaded only from this app’s own server or the configured trust-list address.',
      );
    }
    const bytes = await unchangedOnFailure(() => fetchTrustListBytes(parsed.href, { signal, fetchImpl: this.options.fetchImpl }));
    return { bytes, url: parsed.href };
  }

  async importTrustListFromUrl(url: string, signal?: AbortSignal): Promise<TrustList> {
    const download = await this.downloadTrustList(url, signal);
    return this.importTrustList(download.bytes, download.url);
  }

  async trustListUrl(): Promise<string | undefined> {
    return readSetting<string | undefined>(await this.db(), Setting.trustListUrl, undefined);
  }

  async setTrustListUrl(url: string): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw refuse('trust.bad-url', 'URLの形式が正しくありません。', 'The address is not a valid URL.');
    }
    if (parsed.protocol !== 'https:' && parsed.hostname !== 'localhost' && parsed.hostname !== '127.0.0.1') {
      throw refuse('trust.insecure-url', '信頼リストの配布アドレスは https:// で始まる必要があります。', 'The trust-list address must start with https://.');
    }
    await writeSetting(await this.db(), Setting.trustListUrl, parsed.href);
    this.changed();
  }

  /**
   * The publisher of a trust list this device does not trust yet. A municipality's list is signed
   * by its own root, which is one of the list's roots, so the candidate key is found in the list and
   * proved by the signature (openTrustList with that key as the only anchor). Staff then compare the
   * key id with the one the municipality published (on paper, by phone) before registering it.
   */
  async findUntrustedPublisher(bytes: Uint8Array): Promise<{ kid: string; name: string; municipality: number; publicKey: Uint8Array } | undefined> {
    let roots: { publicKey: Uint8Array; name: string; municipality: number }[] = [];
    if (bytes.length > MAX_TRUST_LIST_BYTES) return undefined;
    try {
      const payload = decodeCanonical(decodeSign1(bytes, 'trust list').payload, 'trust list');
      const rawRoots = payload instanceof Map ? payload.get(TRUST_LIST_ROOTS_KEY) : undefined;
      if (!Array.isArray(rawRoots)) return undefined;
      roots = rawRoots.slice(0, 100).flatMap((r) => {
        if (!(r instanceof Map)) return [];
        const publicKey = r.get(ROOT_PUBLIC_KEY_KEY);
        return publicKey instanceof Uint8Array ? [{ publicKey, name: String(r.get(ROOT_NAME_KEY) ?? ''), municipality: Number(r.get(ROOT_MUNICIPALITY_KEY) ?? 0) }] : [];
      });
    } catch {
      return undefined;
    }
    for (const root of roots) {
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
      throw refuse(
        'trust.no-publisher',
        'この信頼リストの署名者を確認できません。自治体から正しいファイルを入手してください。',
        'The signer of this trust list cannot be identified. Get the correct file from the municipality.',
      );
    }
    if (confirmedKid.replace(/[\s:-]/g, '').toLowerCase() !== publisher.kid) {
      throw refuse(
        'trust.publisher-kid-mismatch',
        `入力された鍵IDが、この信頼リストの署名者（${publisher.kid}）と一致しません。自治体が公表した鍵IDを確認してください。`,
        `The key id you entered does not match this trust list’s signer (${publisher.kid}). Check the key id the municipality published.`,
      );
    }
    await this.registerAnchor(publisher.publicKey, publisher.name);
    try {
      return await this.importTrustList(bytes, source);
    } catch (error) {
      await this.unregisterAnchor(publisher.publicKey); // keep "nothing was changed" true
      throw error;
    }
  }

  private async registerAnchor(publicKey: Uint8Array, label: string): Promise<void> {
    const db = await this.db();
    const registered = await readSetting<RegisteredAnchor[]>(db, Setting.trustAnchors, []);
    if (registered.some((a) => bytesEqual(a.publicKey, publicKey))) return;
    await writeSetting(db, Setting.trustAnchors, [...registered, { publicKey, label }]);
  }

  private async unregisterAnchor(publicKey: Uint8Array): Promise<void> {
    const db = await this.db();
    const registered = await readSetting<RegisteredAnchor[]>(db, Setting.trustAnchors, []);
    await writeSetting(db, Setting.trustAnchors, registered.filter((a) => !bytesEqual(a.publicKey, publicKey)));
  }

  async registeredAnchors(): Promise<{ kid: string; label: string }[]> {
    const registered = await readSetting<RegisteredAnchor[]>(await this.db(), Setting.trustAnchors, []);
    return Promise.all(registered.map(async (a) => ({ kid: await hexKid(a.publicKey), label: a.label })));
  }

  // ---- tablet provisioning ------------------------------------------------------------------------

  /**
   * On the tablet: generates a new non-extractable signing key for the municipality and returns
   * the request file for the admin device. The key waits in the pending slot: a certified key in
   * use keeps issuing until the new certificate is installed (yearly renewal without downtime). An
   * earlier pending request is replaced; its key was never certified.
   */
  async createSignerRequest(deviceId: string, municipality: number): Promise<Uint8Array> {
    checkDeviceId(deviceId);
    checkMunicipality(municipality);
    const keyPair = await generateSignerKeyPair();
    const now = this.now();
    const request = await createRequestBytes(keyPair, deviceId, municipality, now);
    await saveSignerKey(await this.db(), { keyPair, deviceId, createdAt: now, municipality }, 'signer-pending');
    this.changed();
    return request;
  }

  /**
   * On the tablet: installs the certificate from the admin device. It must be for this tablet's
   * pending key and signed by a root this device trusts (its trust list, or its own root key).
   * The pending key then replaces the key in use.
   */
  async installSignerCertificate(bytes: Uint8Array): Promise<SignerInfo> {
    const db = await this.db();
    const pending = await loadSignerKey(db, 'signer-pending');
    if (!pending) {
      throw refuse(
        'signer.no-request',
        'この端末には申請中の署名鍵がありません。先に「署名鍵の申請を作成」を行ってください。',
        'This tablet has no pending signing key. Create a signing request first.',
      );
    }
    const certificate = await unchangedOnFailure(() => decodeSignerCertificate(bytes));
    const ownKey = await exportCompressedPublicKey(pending.keyPair.publicKey);
    if (!bytesEqual(certificate.publicKey, ownKey)) {
      throw refuse(
        'signer.certificate-mismatch',
        `この証明書は別の端末の鍵（端末ID ${certificate.deviceId}）のものです。この端末の最新の申請ファイルで発行された証明書を選んでください。`,
        `This certificate is for another tablet’s key (device id ${certificate.deviceId}). Choose the certificate issued for this tablet’s latest request.`,
      );
    }
    const roots = await this.knownRoots(certificate.municipality);
    let certified = false;
    for (const root of roots) {
      if (await verifySignerCertificate(certificate, await importPublicKey(root))) certified = true;
    }
    if (!certified) {
      throw refuse(
        'signer.certificate-untrusted',
        `この証明書は、この端末が信頼する自治体（コード ${certificate.municipality}）のルート鍵で署名されていません。先に自治体の信頼リストを読み込んでください。`,
        `This certificate is not signed by a root this device trusts for municipality ${certificate.municipality}. Import the municipality’s trust list first.`,
      );
    }
    await promotePendingSigner(db, bytes);
    this.changed();
    return { ...this.describeCertificate(certificate, this.now(), false), revoked: false };
  }

  private async knownRoots(municipality: number): Promise<Uint8Array[]> {
    const db = await this.db();
    const list = await loadOpenedTrustList(db, await this.anchors(false), { demoMode: false, slot: 'current' });
    const keys = (list?.roots ?? []).filter((r) => r.municipality === municipality && !r.demo).map((r) => r.publicKey);
    const root = await loadRootKey(db);
    if (root && root.municipality === municipality) keys.push(await exportCompressedPublicKey(root.keyPair.publicKey));
    return keys;
  }

  // ---- municipality root (admin device) --------------------------------------------------------

  async rootInfo(): Promise<RootInfo | undefined> {
    const root = await loadRootKey(await this.db());
    if (!root) return undefined;
    return { municipality: root.municipality, name: root.name, createdAt: root.createdAt, kid: await hexKid(await exportCompressedPublicKey(root.keyPair.publicKey)) };
  }

  private async requireRoot(): Promise<StoredRootKey> {
    const root = await loadRootKey(await this.db());
    if (!root) {
      throw refuse(
        'root.missing',
        'この端末には自治体のルート鍵がありません。ルート鍵を作成するか、バックアップから復元してください。',
        'This device has no municipality root key. Create one, or restore it from its backup.',
      );
    }
    return root;
  }

  private rootExists(existing: StoredRootKey): TrustServiceError {
    return refuse(
      'root.exists',
      `この端末にはすでに自治体のルート鍵（${existing.name}、コード ${existing.municipality}）があります。`,
      `This device already has a municipality root key (${existing.name}, code ${existing.municipality}).`,
    );
  }

  async createRoot(municipality: number, name: string): Promise<RootInfo> {
    checkMunicipality(municipality);
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 64) {
      throw refuse('root.bad-name', '自治体名は1〜64文字で入力してください。', 'Enter a municipality name of 1–64 characters.');
    }
    const db = await this.db();
    const existing = await loadRootKey(db);
    if (existing) throw this.rootExists(existing);
    const keyPair = await generateRootKeyPair();
    await saveRootKey(db, { keyPair, municipality, name: trimmed, createdAt: this.now() });
    await this.registerAnchor(await exportCompressedPublicKey(keyPair.publicKey), trimmed);
    this.changed();
    return (await this.rootInfo())!;
  }

  /** The encrypted backup file (docs/formats.md §5). Both passphrase entries must match. */
  async exportRootBackup(passphrase: string, again: string): Promise<Uint8Array> {
    if (passphrase !== again) {
      throw new TrustServiceError(
        'root.passphrase-mismatch',
        text('2回入力したパスフレーズが一致しません。同じパスフレーズを入力してください。', 'The two passphrases do not match. Enter the same passphrase twice.'),
      );
    }
    if (passphrase.normalize('NFC').length < MIN_PASSPHRASE_LENGTH) {
      throw new TrustServiceError(
        'key-backup.weak-passphrase',
        text(`パスフレーズは${MIN_PASSPHRASE_LENGTH}文字以上にしてください。`, `Use a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`),
      );
    }
    const root = await this.requireRoot();
    const file = await exportRootKeyBackup(root.keyPair, passphrase, root, { iterations: this.options.backupIterations ?? PBKDF2_ITERATIONS });
    const kid = await hexKid(await exportCompressedPublicKey(root.keyPair.publicKey));
    await writeSetting(await this.db(), Setting.rootBackedUp, { kid, at: this.now() });
    return file;
  }

  /**
   * Removes the root key from this device (security.md: keep it only where it is needed). Refused
   * unless this device saved a backup of this very key; the key id must be typed to confirm.
   */
  async deleteRoot(confirmKid: string): Promise<void> {
    const root = await this.requireRoot();
    const db = await this.db();
    const kid = await hexKid(await exportCompressedPublicKey(root.keyPair.publicKey));
    const backedUp = await readSetting<{ kid: string; at: number } | undefined>(db, Setting.rootBackedUp, undefined);
    if (backedUp?.kid !== kid) {
      throw refuse(
        'root.not-backed-up',
        'この端末ではまだルート鍵のバックアップを保存していません。先にバックアップを保存してください。',
        'No backup of this root key has been saved on this device. Save a backup first.',
      );
    }
    if (confirmKid.replace(/[\s:-]/g, '').toLowerCase() !== kid) {
      throw refuse('root.delete-kid-mismatch', '入力された鍵IDがこのルート鍵と一致しません。', 'The key id you entered is not this root key’s.');
    }
    await deleteRootKey(db);
    this.changed();
  }

  async restoreRoot(file: Uint8Array, passphrase: string): Promise<RootInfo> {
    const restored = await unchangedOnFailure(() => importRootKeyBackup(file, passphrase));
    const db = await this.db();
    const existing = await loadRootKey(db);
    if (existing) {
      const same = bytesEqual(await exportCompressedPublicKey(existing.keyPair.publicKey), restored.publicKey);
      if (same) return (await this.rootInfo())!;
      throw this.rootExists(existing);
    }
    await saveRootKey(db, { keyPair: restored.keyPair, municipality: restored.municipality, name: restored.name, createdAt: restored.createdAt });
    await this.registerAnchor(restored.publicKey, restored.name);
    this.changed();
    return (await this.rootInfo())!;
  }

  /** Reads a request file so staff can check the device id, municipality and key id before certifying. */
  async readSignerRequest(bytes: Uint8Array): Promise<SignerRequest & { kidHex: string }> {
    const request = await unchangedOnFailure(() => openSignerRequest(bytes));
    return { ...request, kidHex: toHex(request.kid) };
  }

  /** On the admin device: certifies a tablet's request with the root. Returns the certificate file. */
  async certifySigner(requestBytes: Uint8Array, validityDays = DEFAULT_SIGNER_VALIDITY_DAYS): Promise<{ certificate: Uint8Array; issued: IssuedSigner }> {
    checkDays(validityDays, MAX_SIGNER_VALIDITY_DAYS, text('有効期間', 'a validity'));
    const root = await this.requireRoot();
    const request = await this.readSignerRequest(requestBytes);
    if (request.municipality !== root.municipality) {
      throw refuse(
        'root.other-municipality',
        `この申請は別の自治体（コード ${request.municipality}）向けです。この端末のルート鍵は ${root.name}（コード ${root.municipality}）のものです。端末で自治体コードを確認して申請し直してください。`,
        `This request is for another municipality (code ${request.municipality}); this device’s root is ${root.name} (code ${root.municipality}). Check the code on the tablet and make the request again.`,
      );
    }
    const now = this.now();
    const notBefore = now - CERTIFICATE_BACKDATE_SECONDS;
    const notAfter = Math.min(now + validityDays * 86_400, root.createdAt + ROOT_LIFETIME_SECONDS);
    const certificate = await issueSignerCertificate(
      { deviceId: request.deviceId, municipality: request.municipality, notBefore, notAfter, publicKey: request.publicKey },
      root.keyPair.privateKey,
    );
    const issued: IssuedSigner = { deviceId: request.deviceId, municipality: request.municipality, kid: request.kidHex, notBefore, notAfter, issuedAt: now };
    const db = await this.db();
    const previous = await readSetting<IssuedSigner[]>(db, Setting.issuedSigners, []);
    await writeSetting(db, Setting.issuedSigners, [...previous, issued]);
    this.changed();
    return { certificate, issued };
  }

  async issuedSigners(): Promise<IssuedSigner[]> {
    return readSetting<IssuedSigner[]>(await this.db(), Setting.issuedSigners, []);
  }

  /** The next version of this root's list: the installed one if this root signed it, else a first one. */
  private async nextListContent(root: StoredRootKey, validityDays: number): Promise<TrustListContent> {
    const db = await this.db();
    const publicKey = await exportCompressedPublicKey(root.keyPair.publicKey);
    const kid = await keyIdOf(publicKey);
    const stored = await loadTrustList(db, 'current');
    const current = await loadOpenedTrustList(db, await this.anchors(false), { demoMode: false, slot: 'current' });
    const own = current && bytesEqual(current.anchorKid, kid) ? current : undefined;
    const now = this.now();
    const otherRoots = (own?.roots ?? []).filter((r) => !bytesEqual(r.publicKey, publicKey));
    return {
      version: Math.max(own?.version ?? 0, stored?.version ?? 0) + 1,
      issuedAt: now,
      nextUpdate: now + validityDays * 86_400,
      roots: [rootEntry(root, publicKey), ...otherRoots],
      revoked: own?.revoked ?? [],
    };
  }

  private async publish(content: TrustListContent, root: StoredRootKey): Promise<{ bytes: Uint8Array; list: TrustList }> {
    const bytes = await signTrustList(content, root.keyPair);
    const list = await this.importTrustList(bytes, ListSource.published);
    return { bytes, list };
  }

  /** Builds, signs and installs the next trust list version; returns the file to distribute. */
  async publishTrustList(validityDays = DEFAULT_TRUST_LIST_VALIDITY_DAYS): Promise<{ bytes: Uint8Array; list: TrustList }> {
    checkDays(validityDays, MAX_TRUST_LIST_VALIDITY_DAYS, text('次回更新までの期間', 'a time to the next update'));
    const root = await this.requireRoot();
    return this.publish(await this.nextListContent(root, validityDays), root);
  }

  /** Revokes a signer kid: publishes the next list version with it in `revoked`. */
  async revokeSigner(kidHex: string, validityDays = DEFAULT_TRUST_LIST_VALIDITY_DAYS): Promise<{ bytes: Uint8Array; list: TrustList }> {
    const cleaned = kidHex.replace(/[\s:-]/g, '').toLowerCase();
    if (!/^[0-9a-f]{16}$/.test(cleaned)) {
      throw refuse('root.bad-kid', '鍵IDは16桁の16進数で入力してください（端末の管理画面に表示されます）。', 'Enter the key id as 16 hexadecimal digits (shown on the tablet’s admin screen).');
    }
    checkDays(validityDays, MAX_TRUST_LIST_VALIDITY_DAYS, text('次回更新までの期間', 'a time to the next update'));
    const root = await this.requireRoot();
    const content = await this.nextListContent(root, validityDays);
    const kid = fromHex(cleaned);
    if (content.revoked.some((r) => bytesEqual(r.kid, kid))) {
      throw refuse('root.already-revoked', `鍵ID ${cleaned} はすでに失効しています。`, `Key id ${cleaned} is already revoked.`);
    }
    return this.publish({ ...content, revoked: [...content.revoked, { kid, revokedAt: this.now(), municipality: root.municipality }] }, root);
  }
}


// ---- issuance log ------------------------------------------------------------------------------

export interface LogExport {
  readonly json: string;
  readonly entries: number;
  /** False when no signer was available to sign a checkpoint over the newest entries. */
  readonly signedHead: boolean;
}

/** The issuance log's audit export and checks, as the admin screen offers them. */
export class IssuanceLogTools {
  constructor(private readonly trust: TrustService, private readonly database: () => Promise<KofuDatabase>, private readonly now: () => number = () => Math.floor(Date.now() / 1000)) {}

  /**
   * Signs a checkpoint over the newest entry first (when this tablet has a usable signer), so the
   * export has no unsigned tail; then exports the JSON for the auditor (docs/formats.md §6).
   */
  async export(): Promise<LogExport> {
    const db = await this.database();
    const { entries, checkpoints } = await readIssuanceLog(db);
    const last = entries.at(-1);
    let signedHead = last === undefined || checkpoints.some((c) => c.seq === last.seq);
    if (!signedHead) {
      try {
        await addCheckpoint(db, await this.trust.currentSigner(), this.now());
        signedHead = true;
      } catch {
        // No usable signer (e.g. not provisioned): export anyway; the report shows the unsigned tail.
      }
    }
    return { json: await exportIssuanceLog(db, this.now()), entries: entries.length, signedHead };
  }

  /** Checks this device's log, or an exported file, against the roots this device trusts. */
  async verify(file?: string): Promise<LogReport> {
    const { entries, checkpoints } = file === undefined ? await readIssuanceLog(await this.database()) : parseLogExport(file);
    const trust = await this.trust.currentTrust();
    // Checkpoints may come from the demo signer and the real one: check them against every root in use.
    const roots = trust.lists.flatMap((l) => l.roots);
    const trustList = trust.lists[0] && { ...trust.lists[0], roots };
    return verifyLog(entries, checkpoints, { trustList });
  }
}

/** True when an import failed because the list's publisher is not registered on this device yet. */
export function isUnknownPublisher(error: unknown): boolean {
  return error instanceof KofuError && error.code === 'trust.unknown-signer';
}

let shared: TrustService | undefined;
let sharedLog: IssuanceLogTools | undefined;

/** The app's trust service over the shared database. */
export function trustService(): TrustService {
  shared ??= new TrustService({ database: appDatabase, origin: globalThis.location?.origin, shared: true });
  return shared;
}

export function issuanceLogTools(): IssuanceLogTools {
  sharedLog ??= new IssuanceLogTools(trustService(), appDatabase);
  return sharedLog;
}
