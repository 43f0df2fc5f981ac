/** The registry this device issues from, shared by the kiosk and the admin screen. */
import { demoRegistry } from '../registry/demo.ts';
import { IndexedDbRegistry } from '../store/registry-store.ts';
import { appDatabase } from './database.ts';

/** The IndexedDB registry; in demo mode an empty one is filled with the demo data first. */
export async function appRegistry(demoMode: boolean): Promise<IndexedDbRegistry> {
  const registry = new IndexedDbRegistry(await appDatabase());
  if (demoMode && (await registry.isEmpty())) await registry.replaceAll(demoRegistry);
  return registry;
}
