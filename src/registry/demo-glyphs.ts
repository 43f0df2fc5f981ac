/**
 * The demo registry's glyph outlines (src/render/outline-codec.ts, base64), as a kiosk holds them
 * after staff import the registry: 𠮷 and 辻 + U+E0102 (二点しんにょう, an MJ variation sequence)
 * from the glyph pack (IPAmj明朝, public/glyphs/ipamj/), and 藤見市's own 外字 at U+E000 — a
 * form of 壄 (the old variant of 野) used in the place name 壄沢, taken from an IPAmj glyph that
 * has no Unicode code point (glyph 33989), the way a municipality's 外字 font would supply it.
 */
import type { RegistryGlyph } from './model.ts';

/** 藤見市's 外字 for the 壄 of 壄沢 (a Private Use code point, as municipalities assign them). */
export const DEMO_GAIJI = '\uE000';
export const DEMO_IVS_TSUJI = '\u8FBB\u{E0102}';

export const DEMO_GLYPHS: readonly RegistryGlyph[] = [
  { cluster: '\u{20BB7}', source: 'ipamj', outline: 'AYACAxAEGev+/Xv3+I4BjgHiAQAWGCAXAAcAAwMBDQkAkwEdAAAe7wEAAB0dAAC8ARIFDBcAc/ABAAB0hwHIAQBeOAMACQAHFwcAP2oAHCgYFQ4TBQmlAQAAY5YBABwkFBEOEwUJuQMAAwzQAQAAZJ8BAAUM' },
  { cluster: DEMO_IVS_TSUJI, source: 'ipamj', outline: 'AYACAx8TCarKr9f+vuqgigFKGCk2DTINUgA8AFAICw0DFWkAZQBrJBcsGyEpJQATBQALABMoKBIuIACKAVEAAwxQABYaHhkABwADBQELB8ABNgDHAR8AAMgBfQAFDIQBAACiATYBAAsABxUFAIUBVgAcJAoJEBEICQUJowOoAVwhACkAFRMACwADDBEsKx4=' },
  { cluster: DEMO_GAIJI, source: 'gaiji', outline: 'AYACB1ceBAQEGQnWta99e1XdVVala/fu/X//+/9e60CUAewCAE0ASQ0rCykbIQsIEh4IIggeAi4lAAAvDR8LGxcXBwgSGgYeBhoAKhcABQ5iAAAMABgtAAANGwAAdjABAAsABxMDAD8uAABYEgUQCbgBAAEYABgqAAAJAAMNBwAPAgdIABQeEhEKDwUHcQAETRYxEioOOCYRAAkABRMADzcVIw4XFBkGBQQACgAKRAwFAyEAFwAfDgUDEx8AGR4XGg8eHyk1JQcKMiYgNh1AB1wvmwEbAAAvGAASGBANCg0DB4EBAAAXGQAA2gEMAxIJVgAUGhANCg8DB0EAACcWABISGhMABQABAwMHBQA5GQAAGAAoXQAAJwA2KAAAKCcAAJsBKAAAMCcASJMBAD+aAQAcIhQREhMFB8EDAAUM1gEAAEChAQAFDKgBAAAwMAAACwAFEwUAF3IAGB4WEQ4PBQcPxAIJAAMIBRIPDgYILAsAEwAP' },
];
