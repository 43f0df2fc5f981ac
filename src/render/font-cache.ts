/**
 * Where the certificate font is kept for offline use: a Cache API cache of its own, apart from
 * the precache (docs/architecture.md, "Caching"). sw.ts fills it at install on a kiosk or admin
 * device; `fetchCachedFont` fills it on first use anywhere — also from a page or worker that no
 * service worker controls yet (the very first visit), so "offline after first use" holds.
 *
 * Browser edges: CacheStorage and fetch (window or worker).
 */

export const FONT_CACHE = 'kofu-font';

async function openFontCache(): Promise<Cache | undefined> {
  try {
    return await globalThis.caches?.open(FONT_CACHE);
  } catch {
    return undefined; // no Cache API here (an insecure origin, some private modes): fetch only
  }
}

/** The font at `url` from the font cache, else from the network (then kept in the cache). */
export async function fetchCachedFont(url: string): Promise<Response> {
  const cache = await openFontCache();
  const kept = await cache?.match(url).catch(() => undefined);
  if (kept) return kept;
  const response = await fetch(url);
  if (response.ok && cache) await cache.put(url, response.clone()).catch(() => undefined);
  return response;
}
