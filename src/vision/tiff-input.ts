/**
 * TIFF input: flatbed scanners and multifunction printers save scans as TIFF (TIFF 6.0, Adobe
 * 1992), often several pages in one file. The directory chain is walked here first — header,
 * every IFD's offset, its image size and compression — so a corrupt file, an unsupported coding
 * or a page over the pixel limit of ./input.ts is refused with a message before any pixel is
 * decoded (and a looping chain cannot hang the decoder). The pixels are then decoded by utif2,
 * which is imported only when a TIFF is opened, one page at a time.
 *
 * Browser edge: the ImageData constructor (window or worker).
 */
import { ImageInputError, checkInputSize, checkPixelCount } from './input.ts';

// TIFF 6.0 §2 "Image File Header" and "Image File Directory".
const BYTE_ORDER_LITTLE = 0x4949; // "II"
const BYTE_ORDER_BIG = 0x4d4d; // "MM"
const TIFF_MAGIC = 42;
const HEADER_SIZE = 8;
const IFD_COUNT_SIZE = 2;
const IFD_ENTRY_SIZE = 12;
const IFD_NEXT_SIZE = 4;
const ENTRY_TYPE = 2;
const ENTRY_COUNT = 4;
const ENTRY_VALUE = 8;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;
// TIFF 6.0 §8 and the baseline tags of §3–§5.
const TAG_NEW_SUBFILE_TYPE = 254;
const TAG_IMAGE_WIDTH = 256;
const TAG_IMAGE_LENGTH = 257;
const TAG_COMPRESSION = 259;
const TAG_STRIP_OFFSETS = 273;
const TAG_STRIP_BYTE_COUNTS = 279;
const TAG_TILE_OFFSETS = 324;
const TAG_TILE_BYTE_COUNTS = 325;
/** NewSubfileType bit 0: a reduced-resolution copy (a thumbnail) of another page. */
const SUBFILE_REDUCED_RESOLUTION = 1;
const COMPRESSION_NONE = 1;
/** More directories than any scan has: a longer chain is a damaged file. */
const MAX_DIRECTORIES = 1000;

/** Compression codes (TIFF 6.0 §3, §10, §11, §22; TIFF Technical Notes; the libtiff registry). */
export const TIFF_COMPRESSION_NAMES: Readonly<Record<number, string>> = {
  1: 'uncompressed',
  2: 'CCITT RLE',
  3: 'CCITT Group 3',
  4: 'CCITT Group 4',
  5: 'LZW',
  6: 'JPEG (old-style)',
  7: 'JPEG',
  8: 'Deflate',
  32773: 'PackBits',
  32946: 'Deflate',
  34661: 'JBIG',
  34676: 'SGILog',
  34712: 'JPEG 2000',
  34887: 'LERC',
  34925: 'LZMA',
  50000: 'Zstandard',
  50001: 'WebP',
  50002: 'JPEG XL',
};

/** What utif2 decodes and kofu has tested (tests/vectors/tiff/): the codings scanners write. */
export const SUPPORTED_TIFF_COMPRESSIONS: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 7, 8, 32773, 32946]);

export function compressionName(code: number): string {
  return TIFF_COMPRESSION_NAMES[code] ?? `code ${code}`;
}

/** One page of a TIFF: where its directory sits in the chain, its size and coding. */
export interface TiffPage {
  /** Position in the IFD chain (thumbnails skipped in between keep their places). */
  readonly directory: number;
  readonly width: number;
  readonly height: number;
  readonly compression: number;
}

/** The TIFF header: "II" or "MM", then 42 in that byte order. */
export function looksLikeTiff(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER_SIZE) return false;
  const order = (bytes[0] << 8) | bytes[1];
  if (order === BYTE_ORDER_LITTLE) return bytes[2] === TIFF_MAGIC && bytes[3] === 0;
  if (order === BYTE_ORDER_BIG) return bytes[2] === 0 && bytes[3] === TIFF_MAGIC;
  return false;
}

/** A TIFF by its MIME type or, when the browser gives none, by its name. */
export function isTiffFile(file: Pick<File, 'type' | 'name'>): boolean {
  return file.type === 'image/tiff' || file.type === 'image/tiff-fx' || /\.tiff?$/i.test(file.name);
}

/** What is wrong, in each UI language. */
type Detail = { readonly ja: string; readonly en: string };

export function corruptTiff(detail: Detail, cause?: unknown): ImageInputError {
  return new ImageInputError('vision.tiff-corrupt', { detail }, cause === undefined ? undefined : { cause });
}

export function unsupportedTiff(compression: number): ImageInputError {
  return new ImageInputError('vision.tiff-unsupported', { compression: compressionName(compression) });
}

/**
 * The pages of a TIFF, read from its directories alone (no pixel is decoded): thumbnails
 * (reduced-resolution subfiles) are skipped. Throws `vision.tiff-corrupt` for a broken header or
 * chain, `vision.tiff-unsupported` naming the compression, `vision.too-many-pixels` for a page
 * over the limit.
 */
export function readTiffPages(bytes: Uint8Array): TiffPage[] {
  if (!looksLikeTiff(bytes)) throw corruptTiff({ ja: 'TIFFのヘッダーがありません', en: 'no TIFF header' });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const pages: TiffPage[] = [];
  const seen = new Set<number>();
  let offset = u32(4);
  for (let directory = 0; offset !== 0; directory++) {
    if (directory >= MAX_DIRECTORIES || seen.has(offset)) throw corruptTiff({ ja: 'ディレクトリが循環しています', en: 'the directory chain loops' });
    seen.add(offset);
    if (offset < HEADER_SIZE || offset + IFD_COUNT_SIZE > bytes.length) throw corruptTiff({ ja: `ディレクトリ${directory + 1}がファイルの外にあります`, en: `directory ${directory + 1} is outside the file` });
    const count = u16(offset);
    const end = offset + IFD_COUNT_SIZE + count * IFD_ENTRY_SIZE;
    if (end + IFD_NEXT_SIZE > bytes.length) throw corruptTiff({ ja: `ディレクトリ${directory + 1}が途中で切れています`, en: `directory ${directory + 1} is cut short` });
    const tags = new Map<number, number[]>();
    for (let i = 0; i < count; i++) {
      const at = offset + IFD_COUNT_SIZE + i * IFD_ENTRY_SIZE;
      const type = u16(at + ENTRY_TYPE);
      if (type !== TYPE_SHORT && type !== TYPE_LONG) continue; // only SHORT and LONG tags are read here
      const size = type === TYPE_SHORT ? 2 : 4;
      const values = u32(at + ENTRY_COUNT);
      // §2: a value of at most 4 bytes sits in the entry itself, a longer one at the offset it holds.
      const start = values * size <= 4 ? at + ENTRY_VALUE : u32(at + ENTRY_VALUE);
      if (start + values * size > bytes.length) throw corruptTiff({ ja: `ディレクトリ${directory + 1}がファイルの外を指しています`, en: `directory ${directory + 1} points outside the file` });
      const read = type === TYPE_SHORT ? u16 : u32;
      tags.set(u16(at), Array.from({ length: values }, (_, k) => read(start + k * size)));
    }
    offset = u32(end);
    const single = (tag: number) => tags.get(tag)?.[0];
    if (((single(TAG_NEW_SUBFILE_TYPE) ?? 0) & SUBFILE_REDUCED_RESOLUTION) !== 0) continue;
    const width = single(TAG_IMAGE_WIDTH);
    const height = single(TAG_IMAGE_LENGTH);
    if (!width || !height) throw corruptTiff({ ja: `${pages.length + 1}ページ目に画像の大きさがありません`, en: `page ${pages.length + 1} has no image size` });
    const compression = single(TAG_COMPRESSION) ?? COMPRESSION_NONE;
    if (!SUPPORTED_TIFF_COMPRESSIONS.has(compression)) throw unsupportedTiff(compression);
    checkPixelCount(width, height);
    // The decoder trusts these: a strip or tile past the end would decode to silent garbage.
    const offsets = tags.get(TAG_STRIP_OFFSETS) ?? tags.get(TAG_TILE_OFFSETS);
    const counts = tags.get(TAG_STRIP_BYTE_COUNTS) ?? tags.get(TAG_TILE_BYTE_COUNTS);
    if (!offsets || !counts || offsets.length !== counts.length) throw corruptTiff({ ja: `${pages.length + 1}ページ目に画像データがありません`, en: `page ${pages.length + 1} has no image data` });
    if (offsets.some((at, k) => at + counts[k] > bytes.length)) throw corruptTiff({ ja: `${pages.length + 1}ページ目が途中で切れています`, en: `page ${pages.length + 1} is cut short` });
    pages.push({ directory, width, height, compression });
  }
  if (pages.length === 0) throw corruptTiff({ ja: 'ページがありません', en: 'no page' });
  return pages;
}

/** A TIFF opened for reading: its pages, each decoded to RGBA when asked for. */
export interface TiffDocument {
  readonly pages: readonly TiffPage[];
  /** Page `index` (0-based, thumbnails not counted) as RGBA pixels, a fresh copy on every call. */
  decodePage(index: number): ImageData;
}

type Utif = typeof import('utif2');

/** Reads the file's directories (limits checked), and loads the decoder. */
export async function openTiff(file: Blob): Promise<TiffDocument> {
  checkInputSize(file.size);
  const bytes = new Uint8Array(await file.arrayBuffer());
  const pages = readTiffPages(bytes);
  // utif2 is CommonJS: the bundler's interop puts it on `default`, the dev server's on the module.
  const loaded = (await import('utif2')) as Utif & { default?: Utif };
  return tiffDocument(bytes, pages, loaded.default ?? loaded);
}

function tiffDocument(bytes: Uint8Array, pages: readonly TiffPage[], utif: Utif): TiffDocument {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let directories: ReturnType<Utif['decode']> | undefined;
  return {
    pages,
    decodePage(index) {
      const page = pages[index];
      if (!page) throw new RangeError(`no page ${index + 1}`);
      try {
        directories ??= utif.decode(buffer);
        const ifd = directories[page.directory];
        if (!ifd) throw new Error('directory missing');
        delete (ifd as Partial<typeof ifd>).data; // decode afresh: the caller owns what it gets
        utif.decodeImage(buffer, ifd);
        const rgba = utif.toRGBA8(ifd);
        delete (ifd as Partial<typeof ifd>).data;
        if (rgba.length !== page.width * page.height * 4) throw new Error('pixel data does not match the image size');
        return new ImageData(new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, rgba.length), page.width, page.height);
      } catch (cause) {
        if (cause instanceof ImageInputError) throw cause;
        throw corruptTiff({ ja: `${index + 1}ページ目、${compressionName(page.compression)}`, en: `page ${index + 1}, ${compressionName(page.compression)}` }, cause);
      }
    },
  };
}
