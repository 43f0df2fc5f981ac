/** Typed key–value settings in the `settings` store. */
import type { KofuDatabase } from './database.ts';
import { StoreName } from './schema.ts';

export async function readSetting<T>(db: KofuDatabase, name: string, fallback: T): Promise<T> {
  const value = (await db.get(StoreName.settings, name)) as T | undefined;
  return value === undefined ? fallback : value;
}

export async function writeSetting<T>(db: KofuDatabase, name: string, value: T): Promise<void> {
  await db.put(StoreName.settings, value, name);
}
