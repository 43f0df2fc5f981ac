/// <reference lib="webworker" />
/**
 * Service worker: precache every asset of the build (wasm included) so the whole app opens
 * offline after the first visit, answer navigations to /verify and /admin with the app shell, and
 * switch to a new version only when the page asks (see src/app/sw-bridge.ts).
 *
 * Two things besides the precache:
 * - The certificate font (5.6 MiB, most of what offline costs) is kept in a cache of its own, per
 *   role (docs/architecture.md, "Caching"): a device that opens the kiosk or the admin console,
 *   which issue certificates and PDFs, stores it when it installs (or on its first visit to those
 *   modes); a verifier-only device stores it the first time it draws a restored image.
 * - The share target (Web Share Target Level 2, manifest in vite.config.ts): the POST a share
 *   sheet sends is answered here, the file kept for the verifier, which is opened on it.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { modeFromPath } from './src/app/routes.ts';
import { FONT_CACHE } from './src/render/font-cache.ts';
import { SHARED_FILE_CACHE, SHARED_FILE_KEY, SHARED_NAME_HEADER, SHARED_QUERY, SHARE_TARGET_FIELD, SHARE_TARGET_PATH } from './src/app/verifier-file-types.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

const entryUrl = (entry: PrecacheEntry | string) => (typeof entry === 'string' ? entry : entry.url);
const isFont = (entry: PrecacheEntry | string) => /\.ttf$/.test(entryUrl(entry));
const manifest = self.__WB_MANIFEST;
const fontEntry = manifest.find(isFont);
/** The font's URL in this version (its name carries a content hash). */
const FONT_URL = fontEntry && new URL(entryUrl(fontEntry), self.location.href).href;

cleanupOutdatedCaches();
precacheAndRoute(manifest.filter((entry) => !isFont(entry)));

/** The font from the font cache, else from an older version's precache, else from the network; kept in the font cache. */
async function fontResponse(): Promise<Response> {
  if (!FONT_URL) return new Response(null, { status: 404 });
  const cache = await caches.open(FONT_CACHE);
  const kept = await cache.match(FONT_URL);
  if (kept) return kept;
  const response = (await caches.match(FONT_URL)) ?? (await fetch(FONT_URL));
  if (response.ok) await cache.put(FONT_URL, response.clone());
  return response;
}

const keepFont = () => fontResponse().then(
  () => undefined,
  () => undefined, // offline: the next visit online stores it
);

/** The kiosk and the admin console issue certificates and PDFs, offline too: they keep the font up front. */
const modeNeedsFont = (url: string) => modeFromPath(new URL(url).pathname) !== 'verify';

if (FONT_URL) registerRoute(({ url }) => url.href === FONT_URL, () => fontResponse());

registerRoute(
  ({ url }) => url.pathname === SHARE_TARGET_PATH,
  async ({ request }) => {
    const form = await request.formData();
    const file = form.getAll(SHARE_TARGET_FIELD).find((value): value is File => value instanceof File);
    const cache = await caches.open(SHARED_FILE_CACHE);
    if (file) {
      const headers = { 'Content-Type': file.type || 'application/octet-stream', [SHARED_NAME_HEADER]: encodeURIComponent(file.name) };
      await cache.put(SHARED_FILE_KEY, new Response(file, { headers }));
    } else await cache.delete(SHARED_FILE_KEY);
    // 303: the browser follows with a GET, so a reload does not post the file again.
    return Response.redirect(`/verify?${SHARED_QUERY}=1`, 303);
  },
  'POST',
);

registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));

// The first install takes control at once, so the very first visit is already offline-ready.
// An update waits: the page sends SKIP_WAITING once no work is in progress.
self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      if (windows.some((client) => modeNeedsFont(client.url))) await keepFont();
    })(),
  );
  if (!self.registration.active) void self.skipWaiting();
});
// A device first used as a verifier stores the font once it opens the kiosk or the admin console.
self.addEventListener('fetch', (event) => {
  if (event.request.mode === 'navigate' && modeNeedsFont(event.request.url)) event.waitUntil(keepFont());
});
self.addEventListener('activate', (event) => event.waitUntil(Promise.all([self.clients.claim(), dropOtherFonts()])));
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

/** An older version's font, once this version is active. */
async function dropOtherFonts(): Promise<void> {
  const cache = await caches.open(FONT_CACHE);
  for (const request of await cache.keys()) if (request.url !== FONT_URL) await cache.delete(request);
}
