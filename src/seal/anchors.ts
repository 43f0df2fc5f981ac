/**
 * Which keys may sign trust lists on this build. Production anchors are compiled in (none yet:
 * a real deployment adds its trust-list publisher's key here, or an administrator registers one
 * in admin mode and passes it as `extra`). The demo anchor is added only in demo mode.
 */
import { demoTrustAnchor } from './demo.ts';
import type { TrustAnchor } from './trust-list.ts';

export const PRODUCTION_TRUST_ANCHORS: readonly TrustAnchor[] = [];

export async function trustAnchors(options: { readonly demoMode: boolean; readonly extra?: readonly TrustAnchor[] }): Promise<TrustAnchor[]> {
  const anchors = [...PRODUCTION_TRUST_ANCHORS, ...(options.extra ?? []).filter((a) => !a.demo)];
  if (options.demoMode) anchors.push(await demoTrustAnchor());
  return anchors;
}
