/**
 * A staff session: who signed in, how, and when they last did something. It ends after
 * STAFF_IDLE_MINUTES without input, or when they sign out. Pure: the clock is a parameter.
 */

/** A few minutes, as a counter clerk steps away: the tablet must not stay open behind them. */
export const STAFF_IDLE_MINUTES = 5;
export const STAFF_IDLE_MS = STAFF_IDLE_MINUTES * 60 * 1000;

export type SignInMethod = 'passkey' | 'passphrase';

export interface StaffSession {
  /** The credential's stored id (a passkey's base64url credential id, or 'passphrase'). */
  readonly credentialId: string;
  /** The name staff gave the credential at registration, e.g. 「窓口タブレット 鈴木」. */
  readonly credentialLabel: string;
  readonly method: SignInMethod;
  readonly startedAt: number;
  readonly lastActivityAt: number;
}

export function startSession(credential: { id: string; label: string; method: SignInMethod }, now: number): StaffSession {
  return { credentialId: credential.id, credentialLabel: credential.label, method: credential.method, startedAt: now, lastActivityAt: now };
}

export function isIdleExpired(session: StaffSession, now: number, idleMs = STAFF_IDLE_MS): boolean {
  return now - session.lastActivityAt >= idleMs;
}

export function touchSession(session: StaffSession, now: number): StaffSession {
  return now > session.lastActivityAt ? { ...session, lastActivityAt: now } : session;
}

/** Milliseconds left before the session ends without further input. */
export function idleRemaining(session: StaffSession, now: number, idleMs = STAFF_IDLE_MS): number {
  return Math.max(0, session.lastActivityAt + idleMs - now);
}
