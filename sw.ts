/// <reference lib="webworker" />
/**
 * Service worker: precache every asset of the build (fonts and wasm included) so the whole app
 * works offline after the first visit, answer navigations to /verify and /admin with the app
 * shell, and switch to a new version only when the page asks (see src/app/sw-bridge.ts).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));

// The first install takes control at once, so the very first visit is already offline-ready.
// An update waits: the page sends SKIP_WAITING once no work is in progress.
self.addEventListener('install', () => {
  if (!self.registration.active) void self.skipWaiting();
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
