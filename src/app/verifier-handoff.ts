/**
 * Files the system hands to the verifier, besides the file picker and drag and drop:
 * - the share sheet (Web Share Target): sw.ts receives the POST, keeps the file in the Cache API
 *   and redirects to `/verify?shared=1`; `takeSharedFile` collects it, once;
 * - the installed app's file handler ("Open with kofu" on a PDF, PNG, JPEG, WebP or TIFF):
 *   the files arrive through `window.launchQueue` (File Handling API);
 * - the clipboard: a pasted image (Ctrl+V, or the paste button on a phone).
 *
 * Browser edges: CacheStorage, launchQueue, ClipboardEvent and the async Clipboard API.
 */
import { SHARED_FILE_CACHE, SHARED_FILE_KEY, SHARED_NAME_HEADER, SHARED_QUERY, VERIFIER_FILE_TYPES } from './verifier-file-types.ts';

/** True when the URL is the share target's redirect (`?shared=1`). */
export function cameFromShare(search: string): boolean {
  return new URLSearchParams(search).has(SHARED_QUERY);
}

/** The file sw.ts stored for the verifier, removed from the cache as it is taken; undefined when there is none. */
export async function takeSharedFile(storage: CacheStorage | undefined = globalThis.caches): Promise<File | undefined> {
  if (!storage) return undefined;
  const cache = await storage.open(SHARED_FILE_CACHE);
  const response = await cache.match(SHARED_FILE_KEY);
  if (!response) return undefined;
  await cache.delete(SHARED_FILE_KEY);
  const blob = await response.blob();
  const name = decodeURIComponent(response.headers.get(SHARED_NAME_HEADER) ?? '') || 'shared';
  return new File([blob], name, { type: blob.type });
}

/** The part of the File Handling API kofu uses. */
interface LaunchParams {
  readonly files: readonly FileSystemFileHandle[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

/** Calls `open` with the first file each time the OS launches the installed app on files. */
export function onLaunchFiles(open: (file: File) => void, queue = (globalThis as { launchQueue?: LaunchQueue }).launchQueue): void {
  queue?.setConsumer((params) => {
    const handle = params.files[0];
    if (handle) void handle.getFile().then(open, () => undefined);
  });
}

const ACCEPTED_TYPES = new Set<string>(Object.keys(VERIFIER_FILE_TYPES));
const acceptedType = (type: string) => ACCEPTED_TYPES.has(type) || type.startsWith('image/');

/** The first image or PDF in pasted data (a ClipboardEvent's clipboardData); undefined for text. */
export function pastedFile(data: Pick<DataTransfer, 'files'> | null | undefined): File | undefined {
  return [...(data?.files ?? [])].find((file) => acceptedType(file.type));
}

/**
 * The image on the clipboard, read with the async Clipboard API (the paste button; the browser
 * may ask for permission, Safari shows its own Paste button). Undefined when there is none or
 * reading is not allowed.
 */
export async function readClipboardFile(clipboard: Pick<Clipboard, 'read'> | undefined = globalThis.navigator?.clipboard): Promise<File | undefined> {
  if (!clipboard?.read) return undefined;
  let items: ClipboardItems;
  try {
    items = await clipboard.read();
  } catch {
    return undefined;
  }
  for (const item of items) {
    const type = item.types.find(acceptedType);
    if (!type) continue;
    const blob = await item.getType(type);
    return new File([blob], `clipboard.${type.split('/')[1]}`, { type });
  }
  return undefined;
}

/** Whether this browser can read an image from the clipboard on a button press. */
export function canReadClipboard(clipboard: Partial<Pick<Clipboard, 'read'>> | undefined = globalThis.navigator?.clipboard): boolean {
  return typeof clipboard?.read === 'function';
}
