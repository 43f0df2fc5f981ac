/**
 * Staff access to the admin console (docs/security.md, "Staff access"): the device's first setup
 * (role and a first staff credential), sign-in with a passkey or the staff passphrase, the idle
 * session, and managing credentials and the role afterwards. Every step that changes something is
 * written to the staff log with the credential that did it.
 *
 * The checks are in src/staff/ (pure, over bytes); this module holds the session, talks to the
 * store and, through PasskeyClient, to the browser.
 */
import { KofuError } from '../../bytes/errors.ts';
import type { KofuDatabase } from '../../store/database.ts';
import {
  PASSPHRASE_CREDENTIAL_ID,
  VERIFIER_FORBIDDEN_STORES,
  appendStaffLog,
  clearStores,
  deleteCredential,
  listCredentials,
  putCredential,
  readCredential,
  readLockout,
  recentStaffLog,
  writeLockout,
  type PasskeyCredential,
  type StaffCredential,
  type StaffLogEntry,
} from '../../store/staff.ts';
import { StaffAccessError, passkeyRefused } from '../../staff/errors.ts';
import { NO_LOCKOUT, SALT_BYTES, afterFailure, assertNotLocked, hashPassphrase, passphraseMatches, wrongPassphrase } from '../../staff/passphrase.ts';
import { STAFF_IDLE_MS, idleRemaining, isIdleExpired, startSession, touchSession, type StaffSession } from '../../staff/session.ts';
import { fromBase64Url, toBase64Url, verifyAssertion, verifyRegistration, type Expectation } from '../../staff/webauthn.ts';
import { saveDeviceRole, storedDeviceRole, type DeviceRole } from '../device-role.ts';
import type { PasskeyClient } from './passkeys.ts';

export type { StaffSession };
export { STAFF_IDLE_MINUTES } from '../../staff/session.ts';

const CHALLENGE_BYTES = 32;
const USER_HANDLE_BYTES = 16;
/** Input closer together than this does not rewrite the session (pointer moves fire often). */
const TOUCH_RESOLUTION_MS = 1000;

export interface StaffAccessDeps {
  database(): Promise<KofuDatabase>;
  readonly passkeys: PasskeyClient;
  /** This page's origin and its WebAuthn relying party id (the host name). */
  readonly origin: string;
  readonly rpId: string;
  now?(): number;
  random?(length: number): Uint8Array;
  readonly idleMs?: number;
  /** True for the app's own database: role changes reach the shell (src/app/device-role.ts). */
  readonly shared?: boolean;
}

export type FirstCredential = { readonly kind: 'passkey'; readonly label: string } | { readonly kind: 'passphrase'; readonly passphrase: string; readonly label?: string };

export interface CredentialSummary {
  readonly id: string;
  readonly kind: StaffCredential['kind'];
  readonly label: string;
  readonly createdAt: number;
}

export interface StaffStatus {
  /** The stored role; undefined on a device never set up (it behaves as `demo`). */
  readonly role?: DeviceRole;
  /** True once a staff credential exists: from then on, only a signed-in staff member changes anything. */
  readonly configured: boolean;
  readonly credentials: readonly CredentialSummary[];
  readonly passkeys: number;
  readonly passphrase: boolean;
  /** Epoch ms until which the passphrase is locked (0: not locked). */
  readonly passphraseLockedUntil: number;
}

export type LogDetail = StaffLogEntry['detail'];

const codeOf = (error: unknown) => (error instanceof KofuError ? error.code : error instanceof Error ? error.name : 'error');

export class StaffAccess {
  private session?: StaffSession;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly listeners = new Set<(session: StaffSession | undefined) => void>();
  private readonly logListeners = new Set<() => void>();

  constructor(private readonly deps: StaffAccessDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private random(length: number): Uint8Array {
    return this.deps.random?.(length) ?? crypto.getRandomValues(new Uint8Array(length));
  }

  private expectation(challenge: Uint8Array): Expectation {
    return { challenge, origin: this.deps.origin, rpId: this.deps.rpId };
  }

  // ---- the session --------------------------------------------------------------------------

  /** The signed-in staff member, or undefined (an idle session ends here at the latest). */
  current(): StaffSession | undefined {
    if (this.session && isIdleExpired(this.session, this.now(), this.deps.idleMs ?? STAFF_IDLE_MS)) this.end('idle');
    return this.session;
  }

  onChange(listener: (session: StaffSession | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Input on the page: the session stays open for another idle period. */
  touch(): void {
    if (!this.current() || this.now() - this.session!.lastActivityAt < TOUCH_RESOLUTION_MS) return;
    this.session = touchSession(this.session!, this.now());
    this.schedule();
  }

  signOut(): void {
    const session = this.session;
    if (!session) return;
    this.end('signed-out');
    void this.record(session, 'staff.sign-out', 'ok').catch(() => undefined);
  }

  /** The signed-in staff member, or `staff.signed-out`: every admin action starts here. */
  authorize(): StaffSession {
    const session = this.current();
    if (!session) {
      throw new StaffAccessError('staff.signed-out');
    }
    this.touch();
    return session;
  }

  private begin(credential: StaffCredential): StaffSession {
    this.session = startSession({ id: credential.id, label: credential.label, method: credential.kind }, this.now());
    this.schedule();
    this.notify();
    return this.session;
  }

  private end(reason: 'idle' | 'signed-out'): void {
    const session = this.session;
    this.session = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (session && reason === 'idle') void this.record(session, 'staff.session-idle-timeout', 'ok').catch(() => undefined);
    this.notify();
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (!this.session) return;
    this.timer = setTimeout(() => this.current(), idleRemaining(this.session, this.now(), this.deps.idleMs ?? STAFF_IDLE_MS) + 50);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener(this.session);
  }

  // ---- the log --------------------------------------------------------------------------------

  async record(session: StaffSession | { credentialId: string; credentialLabel: string }, action: string, outcome: string, detail?: LogDetail): Promise<void> {
    await appendStaffLog(await this.deps.database(), {
      at: this.now(),
      action,
      credentialId: session.credentialId,
      credentialLabel: session.credentialLabel,
      outcome,
      ...(detail ? { detail } : {}),
    });
    for (const listener of [...this.logListeners]) listener();
  }

  /** Calls `listener` after each new staff log entry (the console's log view follows it). */
  onLog(listener: () => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  /** Runs an admin action as the signed-in staff member and logs it, success or failure. */
  async act<T>(action: string, task: () => Promise<T>, detail?: (result: T) => LogDetail): Promise<T> {
    const session = this.authorize();
    let result: T;
    try {
      result = await task();
    } catch (error) {
      await this.record(session, action, codeOf(error)).catch(() => undefined);
      throw error;
    }
    await this.record(session, action, 'ok', detail?.(result));
    return result;
  }

  async recentLog(limit?: number): Promise<StaffLogEntry[]> {
    return recentStaffLog(await this.deps.database(), limit);
  }

  // ---- status and first setup -------------------------------------------------------------------

  async status(): Promise<StaffStatus> {
    const db = await this.deps.database();
    const credentials = await listCredentials(db);
    const lockout = await readLockout(db);
    return {
      role: await storedDeviceRole(db),
      configured: credentials.length > 0,
      credentials: credentials.map(({ id, kind, label, createdAt }) => ({ id, kind, label, createdAt })),
      passkeys: credentials.filter((c) => c.kind === 'passkey').length,
      passphrase: credentials.some((c) => c.kind === 'passphrase'),
      passphraseLockedUntil: lockout.lockedUntil > this.now() ? lockout.lockedUntil : 0,
    };
  }

  /**
   * First setup of a device: its role and the first staff credential; the person setting it up is
   * then signed in. Refused once any credential exists (from then on, changes need a signed-in staff member).
   */
  async setUp(role: DeviceRole, first: FirstCredential): Promise<StaffSession> {
    const db = await this.deps.database();
    if ((await listCredentials(db)).length > 0) {
      throw new StaffAccessError('staff.already-set-up');
    }
    const credential = first.kind === 'passkey' ? await this.newPasskey(db, first.label) : await this.newPassphrase(first.passphrase, first.label);
    await putCredential(db, credential);
    await this.applyRole(db, role);
    const session = this.begin(credential);
    await this.record(session, 'device.set-up', 'ok', { role, credential: credential.kind });
    return session;
  }

  private async applyRole(db: KofuDatabase, role: DeviceRole): Promise<void> {
    // A verifier holds no registry and no keys: whatever a previous role left is erased first.
    if (role === 'verifier') await clearStores(db, VERIFIER_FORBIDDEN_STORES);
    await saveDeviceRole(db, role, { announce: this.deps.shared === true });
  }

  private async newPasskey(db: KofuDatabase, label: string): Promise<PasskeyCredential> {
    const challenge = this.random(CHALLENGE_BYTES);
    const existing = (await listCredentials(db)).filter((c): c is PasskeyCredential => c.kind === 'passkey');
    const response = await this.deps.passkeys.create({
      rpId: this.deps.rpId,
      challenge,
      userId: this.random(USER_HANDLE_BYTES),
      label: label.trim() || 'kofu staff',
      exclude: existing.map((c) => fromBase64Url(c.id)),
    });
    const passkey = await verifyRegistration(response, this.expectation(challenge));
    return {
      kind: 'passkey',
      id: toBase64Url(passkey.id),
      label: label.trim() || 'kofu staff',
      publicKey: passkey.publicKey,
      algorithm: passkey.algorithm,
      signCount: passkey.signCount,
      backupEligible: passkey.backupEligible,
      createdAt: this.now(),
    };
  }

  private async newPassphrase(passphrase: string, label = ''): Promise<StaffCredential> {
    const hash = await hashPassphrase(passphrase, this.random(SALT_BYTES));
    return { kind: 'passphrase', id: PASSPHRASE_CREDENTIAL_ID, label: label.trim() || 'パスフレーズ / passphrase', createdAt: this.now(), ...hash };
  }

  // ---- sign-in ----------------------------------------------------------------------------------

  async signInWithPasskey(): Promise<StaffSession> {
    const db = await this.deps.database();
    const passkeys = (await listCredentials(db)).filter((c): c is PasskeyCredential => c.kind === 'passkey');
    if (passkeys.length === 0) throw passkeyRefused('no passkey registered on this device');
    const challenge = this.random(CHALLENGE_BYTES);
    let credential: PasskeyCredential | undefined;
    try {
      const response = await this.deps.passkeys.get({ rpId: this.deps.rpId, challenge, allow: passkeys.map((c) => fromBase64Url(c.id)) });
      credential = passkeys.find((c) => c.id === toBase64Url(response.credentialId));
      if (!credential) throw passkeyRefused('unknown credential');
      const { signCount } = await verifyAssertion(response, { id: fromBase64Url(credential.id), publicKey: credential.publicKey, signCount: credential.signCount }, this.expectation(challenge));
      credential = { ...credential, signCount };
      await putCredential(db, credential);
    } catch (error) {
      await this.record({ credentialId: credential?.id ?? '—', credentialLabel: credential?.label ?? '—' }, 'staff.sign-in', codeOf(error)).catch(() => undefined);
      throw error;
    }
    const session = this.begin(credential);
    await this.record(session, 'staff.sign-in', 'ok', { method: 'passkey' });
    return session;
  }

  async signInWithPassphrase(passphrase: string): Promise<StaffSession> {
    const db = await this.deps.database();
    const stored = await readCredential(db, PASSPHRASE_CREDENTIAL_ID);
    if (stored?.kind !== 'passphrase') {
      throw new StaffAccessError('staff.no-passphrase');
    }
    const lockout = await readLockout(db);
    assertNotLocked(lockout, this.now());
    if (!(await passphraseMatches(stored, passphrase))) {
      const next = afterFailure(lockout, this.now());
      await writeLockout(db, next);
      await this.record({ credentialId: stored.id, credentialLabel: stored.label }, 'staff.sign-in', 'staff.wrong-passphrase', { failures: next.failures }).catch(() => undefined);
      throw wrongPassphrase(lockout);
    }
    await writeLockout(db, NO_LOCKOUT);
    const session = this.begin(stored);
    await this.record(session, 'staff.sign-in', 'ok', { method: 'passphrase' });
    return session;
  }

  // ---- changes by a signed-in staff member -------------------------------------------------------

  async addPasskey(label: string): Promise<void> {
    await this.act('staff.add-passkey', async () => {
      const db = await this.deps.database();
      await putCredential(db, await this.newPasskey(db, label));
    });
  }

  /** Sets or replaces the staff passphrase (the lockout starts afresh). */
  async setPassphrase(passphrase: string): Promise<void> {
    await this.act('staff.set-passphrase', async () => {
      const db = await this.deps.database();
      await putCredential(db, await this.newPassphrase(passphrase));
      await writeLockout(db, NO_LOCKOUT);
    });
  }

  /** Removes a credential; the last one cannot go (the console would be locked for good). */
  async removeCredential(id: string): Promise<void> {
    await this.act('staff.remove-credential', async () => {
      const db = await this.deps.database();
      const credentials = await listCredentials(db);
      if (credentials.length <= 1) {
        throw new StaffAccessError('staff.last-credential');
      }
      await deleteCredential(db, id);
    }, () => ({ credential: id }));
  }

  async changeRole(role: DeviceRole): Promise<void> {
    await this.act('device.change-role', async () => this.applyRole(await this.deps.database(), role), () => ({ role }));
  }
}
