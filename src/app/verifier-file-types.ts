/**
 * The file types the verifier opens, by MIME type and extension: the file picker's `accept`,
 * the installed app's file handler and share target (vite.config.ts reads this module, so it
 * imports nothing).
 */
export const VERIFIER_FILE_TYPES = {
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/webp': ['.webp'],
  'image/tiff': ['.tif', '.tiff'],
  'application/pdf': ['.pdf'],
} as const satisfies Record<string, readonly string[]>;

/** Where the OS posts a shared file (Web Share Target, POST multipart/form-data); sw.ts answers it. */
export const SHARE_TARGET_PATH = '/verify/share';
/** The form field the share target's files arrive in. */
export const SHARE_TARGET_FIELD = 'file';
/** Where sw.ts keeps the shared file until the verifier takes it (Cache API: one entry). */
export const SHARED_FILE_CACHE = 'kofu-shared-file';
export const SHARED_FILE_KEY = '/verify/shared-file';
/** The query the share target redirects to: the verifier then opens the stored file. */
export const SHARED_QUERY = 'shared';
/** The header the stored file's name travels in (URI-encoded: names may be Japanese). */
export const SHARED_NAME_HEADER = 'X-Kofu-File-Name';
