/**
 * The only module that talks to the service worker. It registers sw.js, tells the UI when the
 * app is ready offline and when a new version is waiting, and activates that version only when
 * asked and when no work is in progress, so an update never drops an issuance half-way.
 */
import type { Workbox } from 'workbox-window';
import { isBusy, onIdle } from './activity.ts';

export interface ServiceWorkerEvents {
  offlineReady: () => void;
  updateAvailable: () => void;
}

let workbox: Workbox | undefined;

export function registerServiceWorker(events: ServiceWorkerEvents): void {
  // Only the production build has a service worker (not the dev server, not the test server).
  if (!('serviceWorker' in navigator) || !import.meta.env?.PROD) return;
  // workbox-window loads after the first paint: the kiosk need not wait for it.
  void import('workbox-window').then(({ Workbox }) => start(new Workbox('/sw.js', { type: 'module' }), events));
}

function start(created: Workbox, events: ServiceWorkerEvents): void {
  workbox = created;
  workbox.addEventListener('installed', (event) => {
    if (!event.isUpdate) events.offlineReady();
  });
  // 'waiting' also fires for versions found by the browser's own update checks (isExternal).
  workbox.addEventListener('waiting', () => events.updateAvailable());
  // After the version the user accepted takes control, reload once so page and cache match.
  // The native event is used because workbox-window reports no 'controlling' for external updates.
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (updateRequested) window.location.reload();
  });
  void workbox.register();
  // A tablet may stay open for days: look for a new version every hour while online.
  setInterval(() => {
    if (navigator.onLine) void workbox?.update();
  }, UPDATE_CHECK_INTERVAL_MS);
}

const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;
let updateRequested = false;

/** Activates the waiting version now, or as soon as the work in progress ends. */
export function applyUpdate(): void {
  const activate = () => {
    updateRequested = true;
    workbox?.messageSkipWaiting();
  };
  if (!isBusy()) {
    activate();
    return;
  }
  const unsubscribe = onIdle(() => {
    unsubscribe();
    activate();
  });
}
