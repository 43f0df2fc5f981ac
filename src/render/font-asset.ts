/**
 * The browser edge that fetches the embedded font: BIZ UD Mincho Regular (TrueType outlines, which
 * jsPDF needs) from @expo-google-fonts/biz-udmincho 0.4.0, cached by the service worker per role
 * (sw.ts; docs/architecture.md, "Caching"): a kiosk or admin device has it from its first visit,
 * a verifier stores it the first time it draws a restored image. The same bytes give the layout metrics, the glyphs of the bitmap (through a FontFace) and the
 * subset embedded in the PDF, so the three cannot disagree.
 */
import fontUrl from '@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf?url';
import { KofuError } from '../bytes/errors.ts';
import { fetchCachedFont } from './font-cache.ts';
import { parseFont, type FontMetrics, type RenderErrorCode } from './font.ts';

export interface LoadedFont {
  readonly bytes: Uint8Array;
  readonly metrics: FontMetrics;
}

/** Where the app serves the font from (Vite emits it; sw.ts caches it). */
export const CERTIFICATE_FONT_URL: string = fontUrl;

let cached: Promise<LoadedFont> | undefined;

export function loadCertificateFont(url: string = fontUrl): Promise<LoadedFont> {
  if (url === fontUrl && cached) return cached;
  const loading = (async () => {
    let response: Response;
    try {
      // The production build keeps the font for offline use (the dev server and tests do not).
      response = import.meta.env?.PROD ? await fetchCachedFont(url) : await fetch(url);
    } catch (cause) {
      throw fontMissing(cause);
    }
    if (!response.ok) throw fontMissing(response.status);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { bytes, metrics: parseFont(bytes) };
  })();
  if (url === fontUrl) {
    cached = loading;
    loading.catch(() => (cached = undefined));
  }
  return loading;
}

function fontMissing(cause: unknown): KofuError<RenderErrorCode> {
  return new KofuError<RenderErrorCode>('render.font-unavailable', {}, { cause });
}
