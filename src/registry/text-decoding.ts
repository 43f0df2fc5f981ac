/**
 * Which character encoding an imported text file is in. Excel for Windows and many municipal
 * systems save CSV as Shift_JIS (Microsoft code page 932); editors save UTF-8, with or without a
 * byte order mark. Reading one as the other stores mojibake, so the bytes decide:
 *
 * 1. a byte order mark (Unicode §23.8): EF BB BF → UTF-8, FF FE → UTF-16LE, FE FF → UTF-16BE;
 * 2. NUL bytes without a mark: UTF-16 (or binary), which cannot be told apart safely — refused;
 * 3. a strict UTF-8 decode (WHATWG Encoding, `fatal`): UTF-8 if every byte sequence is valid;
 * 4. a strict Shift_JIS decode: the WHATWG "Shift_JIS" decoder uses index-jis0208 with the NEC
 *    and IBM extensions, i.e. it reads CP932 (Windows-31J);
 * 5. anything else is refused, naming what was tried.
 *
 * Text that is valid in both UTF-8 and CP932 is almost always plain ASCII, where both agree.
 */
import { ImportError } from './import-check.ts';

export type TextEncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Shift_JIS (CP932)';

export type DecodedText =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncodingName }
  /** `utf-16-without-bom`: NUL bytes and no byte order mark; `unknown`: neither UTF-8 nor CP932. */
  | { readonly ok: false; readonly reason: 'utf-16-without-bom' | 'unknown' };

const BOMS: readonly { readonly bytes: readonly number[]; readonly label: string; readonly encoding: TextEncodingName }[] = [
  { bytes: [0xef, 0xbb, 0xbf], label: 'utf-8', encoding: 'UTF-8' },
  { bytes: [0xff, 0xfe], label: 'utf-16le', encoding: 'UTF-16LE' },
  { bytes: [0xfe, 0xff], label: 'utf-16be', encoding: 'UTF-16BE' },
];

function strictDecode(label: string, bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM: the mark, when present, was already identified and is skipped below.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function decodeText(bytes: Uint8Array): DecodedText {
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => bytes[i] === b)) {
      const text = strictDecode(bom.label, bytes.subarray(bom.bytes.length));
      return text === undefined ? { ok: false, reason: 'unknown' } : { ok: true, text, encoding: bom.encoding };
    }
  }
  if (bytes.includes(0)) return { ok: false, reason: 'utf-16-without-bom' };
  const utf8 = strictDecode('utf-8', bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'UTF-8' };
  const sjis = strictDecode('shift_jis', bytes);
  if (sjis !== undefined) return { ok: true, text: sjis, encoding: 'Shift_JIS (CP932)' };
  return { ok: false, reason: 'unknown' };
}

/** The text of an imported file; a file in no encoding this reads is refused (ImportError), never stored as mojibake. */
export function importText(bytes: Uint8Array, file: string): string {
  const decoded = decodeText(bytes);
  if (decoded.ok) return decoded.text;
  const code = decoded.reason === 'utf-16-without-bom' ? 'import.utf16-without-bom' : 'import.unknown-encoding';
  throw new ImportError([{ file, line: 0, field: '', code, params: {} }]);
}
