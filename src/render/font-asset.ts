/**
 * The browser edge that fetches the embedded font: BIZ UD Mincho Regular (TrueType outlines, which
 * jsPDF needs) from @expo-google-fonts/biz-udmincho 0.4.0, precached by the service worker. The
 * same bytes give the layout metrics, the glyphs of the bitmap (through a FontFace) and the
 * subset embedded in the PDF, so the three cannot disagree.
 */
import fontUrl from '@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf?url';
import { KofuError } from '../bytes/errors.ts';
import { parseFont, type FontMetrics, type RenderErrorCode } from './font.ts';

export interface LoadedFont {
  readonly bytes: Uint8Array;
  readonly metrics: FontMetrics;
}

/** Where the app serves the font from (Vite emits and precaches it). */
export const CERTIFICATE_FONT_URL: string = fontUrl;

let cached: Promise<LoadedFont> | undefined;

export function loadCertificateFont(url: string = fontUrl): Promise<LoadedFont> {
  if (url === fontUrl && cached) return cached;
  const loading = (async () => {
    let response: Response;
    try {
      response = await fetch(url);
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
