/**
 * The staff passphrase, the fallback when no passkey is at hand: stored only as a PBKDF2 hash
 * (RFC 8018 §5.2, HMAC-SHA-256) with a random salt, checked in constant time, and guarded by a
 * lockout that doubles with each run of failures (the state is stored, so a reload does not reset it).
 */
import { constantTimeEqual } from '../bytes/bytes.ts';
import { StaffAccessError } from './errors.ts';

/**
 * Twice the OWASP Password Storage Cheat Sheet's 600,000 for PBKDF2-HMAC-SHA256 (2023). Measured
 * in headless Chromium on the shared 2-core CI machine: 0.15–0.55 s per derivation, depending on
 * load (docs/security.md); slow for a guesser with a copied database, quick for a person.
 */
export const PBKDF2_ITERATIONS = 1_200_000;
export const SALT_BYTES = 16;
export const HASH_BYTES = 32;
/** Characters (code points after NFKC), not bytes: 12 kana are as long as 12 letters. */
export const MIN_PASSPHRASE_LENGTH = 12;
/** Stored hashes made with fewer iterations than this are refused (a tampered record). */
const MIN_ACCEPTED_ITERATIONS = 100_000;

export interface PassphraseHash {
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly hash: Uint8Array;
}

/** NFKC: full-width and half-width forms typed on different keyboards are the same passphrase. */
export function normalisePassphrase(passphrase: string): string {
  return passphrase.normalize('NFKC');
}

export function checkPassphraseStrength(passphrase: string): void {
  if ([...normalisePassphrase(passphrase).trim()].length < MIN_PASSPHRASE_LENGTH) {
    throw new StaffAccessError('staff.passphrase-too-short', { min: MIN_PASSPHRASE_LENGTH });
  }
}

async function derive(passphrase: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(normalisePassphrase(passphrase)), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, material, HASH_BYTES * 8);
  return new Uint8Array(bits);
}

/** Hashes a new passphrase after checking its length; `salt` comes from crypto.getRandomValues. */
export async function hashPassphrase(passphrase: string, salt: Uint8Array, iterations = PBKDF2_ITERATIONS): Promise<PassphraseHash> {
  checkPassphraseStrength(passphrase);
  return { salt, iterations, hash: await derive(passphrase, salt, iterations) };
}

export async function passphraseMatches(stored: PassphraseHash, passphrase: string): Promise<boolean> {
  if (stored.iterations < MIN_ACCEPTED_ITERATIONS || stored.salt.length < SALT_BYTES || stored.hash.length !== HASH_BYTES) return false;
  return constantTimeEqual(await derive(passphrase, stored.salt, stored.iterations), stored.hash);
}

// ---- lockout ------------------------------------------------------------------------------------

/**
 * The lockout policy: `freeAttempts` wrong tries before the first lock (a typo or two is not an
 * attack), then a lock of `firstLockSeconds` that doubles with every further failure, up to
 * `maxLockSeconds`.
 */
export const LOCKOUT_POLICY = { freeAttempts: 5, firstLockSeconds: 30, maxLockSeconds: 60 * 60 } as const;

export interface Lockout {
  /** Wrong passphrases since the last success. */
  readonly failures: number;
  /** Epoch milliseconds until which no attempt is checked (0: not locked). */
  readonly lockedUntil: number;
}

export const NO_LOCKOUT: Lockout = { failures: 0, lockedUntil: 0 };

/** 30 s after the 5th wrong try, then doubling (60 s, 120 s, …) up to an hour. */
export function lockSeconds(failures: number): number {
  if (failures < LOCKOUT_POLICY.freeAttempts) return 0;
  return Math.min(LOCKOUT_POLICY.firstLockSeconds * 2 ** (failures - LOCKOUT_POLICY.freeAttempts), LOCKOUT_POLICY.maxLockSeconds);
}

export function afterFailure(lockout: Lockout, now: number): Lockout {
  const failures = lockout.failures + 1;
  const seconds = lockSeconds(failures);
  return { failures, lockedUntil: seconds > 0 ? now + seconds * 1000 : 0 };
}

/** Throws `staff.locked` while the lock lasts (checked before any hash is computed). */
export function assertNotLocked(lockout: Lockout, now: number): void {
  if (lockout.lockedUntil <= now) return;
  const seconds = Math.ceil((lockout.lockedUntil - now) / 1000);
  const wait = seconds >= 60 ? { ja: `${Math.ceil(seconds / 60)}分`, en: `${Math.ceil(seconds / 60)} min` } : { ja: `${seconds}秒`, en: `${seconds} s` };
  throw new StaffAccessError('staff.locked', { wait });
}

export const wrongPassphrase = (lockout: Lockout) =>
  new StaffAccessError('staff.wrong-passphrase', { lockNext: lockout.failures >= LOCKOUT_POLICY.freeAttempts - 1 });
