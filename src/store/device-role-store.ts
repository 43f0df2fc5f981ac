/**
 * The device role in the `device` store (never backed up). Apart from store/staff.ts, which
 * re-exports it, so that the shell reads the role at start-up without the staff credentials and
 * the passphrase code (`shell.first_load_js_gzip_kb`).
 */
import type { KofuDatabase } from './database.ts';
import { StoreName } from './schema.ts';

const ROLE_KEY = 'role';

export async function readRole<Role extends string>(db: KofuDatabase): Promise<Role | undefined> {
  return (await db.get(StoreName.device, ROLE_KEY)) as Role | undefined;
}

export async function writeRole(db: KofuDatabase, role: string): Promise<void> {
  await db.put(StoreName.device, role, ROLE_KEY);
}
