/**
 * The device role, chosen when staff set the device up (docs/security.md, "Device roles"):
 *
 * - `demo` — every mode in the header, for trying kofu out; what a fresh device is until set up;
 * - `kiosk` — the store tablet: the kiosk and nothing else on screen; staff reach the admin
 *   console by holding the kofu logo, then signing in;
 * - `admin` — the municipality's staff PC: the admin console and the verifier, no kiosk;
 * - `verifier` — checks certificates only: no registry, no keys, no kiosk; its admin console
 *   (same gesture, same sign-in) shows only the trust list and demo mode.
 *
 * The role is kept in the `device` store (not in backups) with a localStorage copy for the first
 * paint, so a kiosk tablet never flashes a link to 管理 while IndexedDB opens.
 */
import type { KofuDatabase } from '../store/database.ts';
import { readRole, writeRole } from '../store/device-role-store.ts';
import { appDatabase } from './database.ts';
import type { Mode } from './routes.ts';

export type DeviceRole = 'demo' | 'kiosk' | 'admin' | 'verifier';
export const DEVICE_ROLES: readonly DeviceRole[] = ['demo', 'kiosk', 'admin', 'verifier'];

interface RolePolicy {
  /** The links in the header (none when only one mode is shown). */
  readonly header: readonly Mode[];
  /** What an address outside `modes` opens. */
  readonly home: Mode;
  /** The modes a URL may open on this device (the admin console always behind staff sign-in). */
  readonly modes: readonly Mode[];
}

const POLICIES: Readonly<Record<DeviceRole, RolePolicy>> = {
  demo: { header: ['kiosk', 'verify', 'admin'], home: 'kiosk', modes: ['kiosk', 'verify', 'admin'] },
  kiosk: { header: [], home: 'kiosk', modes: ['kiosk', 'admin'] },
  admin: { header: ['verify', 'admin'], home: 'admin', modes: ['verify', 'admin'] },
  verifier: { header: [], home: 'verify', modes: ['verify', 'admin'] },
};

/** The mode a device of `role` shows for a requested mode (a kiosk tablet asked for /verify shows the kiosk). */
export function routeFor(role: DeviceRole, requested: Mode): Mode {
  const policy = POLICIES[role];
  return policy.modes.includes(requested) ? requested : policy.home;
}

export function headerModes(role: DeviceRole): readonly Mode[] {
  return POLICIES[role].header;
}

/** Roles whose admin console is reached only by the hidden gesture (no header link). */
export function adminByGesture(role: DeviceRole): boolean {
  return !POLICIES[role].header.includes('admin') && POLICIES[role].modes.includes('admin');
}

export function isDeviceRole(value: unknown): value is DeviceRole {
  return typeof value === 'string' && (DEVICE_ROLES as readonly string[]).includes(value);
}

const CACHE_KEY = 'kofu.deviceRole';
const listeners = new Set<(role: DeviceRole) => void>();

function remember(role: DeviceRole): void {
  try {
    globalThis.localStorage?.setItem(CACHE_KEY, role);
  } catch {
    // storage blocked: the first paint falls back to the demo header until the role is read
  }
}

/** The last role this browser saw, for the first paint; `demo` on a fresh device. */
export function cachedDeviceRole(): DeviceRole {
  try {
    const cached = globalThis.localStorage?.getItem(CACHE_KEY);
    return isDeviceRole(cached) ? cached : 'demo';
  } catch {
    return 'demo';
  }
}

/** The role stored in `db` (undefined: never set up, which behaves as `demo`). */
export async function storedDeviceRole(db: KofuDatabase): Promise<DeviceRole | undefined> {
  const stored = await readRole<DeviceRole>(db);
  return isDeviceRole(stored) ? stored : undefined;
}

/** The role of this device (the app's database), keeping the first-paint copy in step. */
export async function appDeviceRole(): Promise<DeviceRole> {
  const role = (await storedDeviceRole(await appDatabase())) ?? 'demo';
  remember(role);
  return role;
}

/**
 * Stores the role; only src/app/staff/access.ts calls this, inside a staff action. `announce`:
 * `db` is the app's own database, so the first-paint copy and the shell follow (not for a test's scratch database).
 */
export async function saveDeviceRole(db: KofuDatabase, role: DeviceRole, options: { readonly announce?: boolean } = {}): Promise<void> {
  await writeRole(db, role);
  if (!options.announce) return;
  remember(role);
  for (const listener of [...listeners]) listener(role);
}

export function onDeviceRoleChange(listener: (role: DeviceRole) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
