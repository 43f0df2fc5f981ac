/**
 * Finding QR codes in a scan with zxing-wasm (ZXing C++ compiled to WebAssembly). The module and
 * its wasm are loaded on first use only, from this app's own origin (never zxing's default CDN),
 * so the verifier works offline once the service worker has precached the wasm.
 */
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { VerifyError } from './errors.ts';
import { greyToRgba } from '../vision/grey.ts';

export interface FoundQr {
  readonly text: string;
  /** Centre of the symbol in image pixels. */
  readonly x: number;
  readonly y: number;
}

export interface RgbaLike {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

type Reader = typeof import('zxing-wasm/reader');
let reader: Promise<Reader> | undefined;
let provided: Reader | undefined;

/**
 * zxing-wasm as imported statically by a worker (workers/verify.worker.ts, page-check.worker.ts),
 * so that no dynamic import() runs there: Firefox ESR 153 has left one pending for ever under load
 * (see providePdfjs in src/vision/pdf-input.ts), and a page waiting on it never got a verdict.
 */
export function provideQrReader(module: Reader): void {
  provided = module;
}

/** Loads zxing-wasm once per thread, pointing it at the wasm this app serves. */
export function loadQrReader(): Promise<Reader> {
  reader ??= (async () => {
    const zxing = provided ?? (await import('zxing-wasm/reader'));
    await zxing.prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
      fireImmediately: true,
    });
    return zxing;
  })();
  reader.catch(() => (reader = undefined));
  return reader;
}

/**
 * Every readable QR code in the image (at most `max`). A whole A4 page at 300 dpi is about 9 Mpx;
 * zxing's own downscaling keeps this fast, and `tryHarder` finds small or rotated symbols.
 */
export async function findQrCodes(image: RgbaLike, max = 4): Promise<FoundQr[]> {
  const zxing = await loadQrReader().catch((cause) => {
    throw new VerifyError('verify.qr-reader-unavailable', {}, { cause });
  });
  const data = image.data.length === image.width * image.height ? greyToRgba({ ...image, data: image.data as Uint8Array }) : image.data instanceof Uint8ClampedArray ? image.data : new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  const imageData = new ImageData(data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height);
  const results = await zxing.readBarcodes(imageData, { formats: ['QRCode'], maxNumberOfSymbols: max, tryHarder: true });
  return results
    .filter((r) => r.isValid)
    .map((r) => {
      const p = r.position;
      return {
        text: r.text,
        x: (p.topLeft.x + p.topRight.x + p.bottomLeft.x + p.bottomRight.x) / 4,
        y: (p.topLeft.y + p.topRight.y + p.bottomLeft.y + p.bottomRight.y) / 4,
      };
    });
}
