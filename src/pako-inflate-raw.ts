/**
 * utif2 (TIFF scans in the verifier) takes a single function from pako: `inflateRaw`, for strips
 * compressed with Deflate (TIFF compression 8, and 32946 from before Adobe's Deflate technote).
 * The build points `pako` here (vite.config.ts) so that fflate, already a dependency of jsPDF,
 * inflates them: about 4 KB of code where pako would add 45 KB to every device's offline cache.
 * The input is raw DEFLATE (RFC 1951): utif2 has already cut the zlib header and checksum
 * (RFC 1950 §2.2).
 */
import { inflateSync } from 'fflate';

/** pako's `inflateRaw(data)`: the bytes a raw DEFLATE stream holds; throws on a corrupt or truncated stream. */
export function inflateRaw(data: Uint8Array): Uint8Array {
  return inflateSync(data);
}
