/**
 * ISO/IEC 7816-4 command and response APDUs (§5.1 "Command-response pairs").
 *
 * kofu talks short APDUs to the My Number card (Le ≤ 256, Lc ≤ 255): every reader in
 * docs/readers.md carries them, while extended APDUs fail on short-only readers such as the
 * ACR122U (research/card-reading.md §2.3). The encoder still writes extended length fields when
 * asked, because the CCID host must carry them for readers that declare extended APDU level.
 */
import { ByteFormatError } from '../../bytes/errors.ts';

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** Command data (Nc bytes); absent or empty for cases 1 and 2. */
  readonly data?: Uint8Array;
  /** Expected response length Ne: 1..256 short (256 is written as `00`), up to 65536 extended; absent = no Le field. */
  readonly le?: number;
}

/** Largest Nc and Ne of a short APDU (ISO 7816-4 §5.1: Lc 1 byte, Le `00` means 256). */
export const SHORT_MAX_NC = 255;
export const SHORT_MAX_NE = 256;

function badApdu(detail: string): ByteFormatError {
  return new ByteFormatError('apdu.malformed', { detail });
}

/** Encodes a command APDU; short form unless Nc > 255 or Ne > 256 (then extended, ISO 7816-4 §5.1). */
export function encodeCommand(command: CommandApdu): Uint8Array {
  const data = command.data ?? new Uint8Array(0);
  const nc = data.length;
  const ne = command.le;
  for (const byte of [command.cla, command.ins, command.p1, command.p2]) {
    if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) throw badApdu(`header byte ${byte}`);
  }
  if (ne !== undefined && (!Number.isInteger(ne) || ne < 1 || ne > 65536)) throw badApdu(`Ne ${ne}`);
  if (nc > 65535) throw badApdu(`Nc ${nc}`);
  const extended = nc > SHORT_MAX_NC || (ne !== undefined && ne > SHORT_MAX_NE);
  const header = [command.cla, command.ins, command.p1, command.p2];
  const out: number[] = [...header];
  if (!extended) {
    if (nc > 0) out.push(nc, ...data);
    if (ne !== undefined) out.push(ne === 256 ? 0 : ne);
    return new Uint8Array(out);
  }
  // Extended: Lc = 00 Nc(2); Le = Ne(2) after Lc, or 00 Ne(2) when there is no Lc; 65536 is 0000.
  if (nc > 0) out.push(0, nc >> 8, nc & 0xff, ...data);
  if (ne !== undefined) {
    if (nc === 0) out.push(0);
    const value = ne === 65536 ? 0 : ne;
    out.push(value >> 8, value & 0xff);
  }
  return new Uint8Array(out);
}

/** Parses a command APDU in any of the seven cases of ISO 7816-4 §5.1 (used by the virtual card). */
export function parseCommand(bytes: Uint8Array): CommandApdu & { readonly extended: boolean } {
  if (bytes.length < 4) throw badApdu(`${bytes.length} bytes`);
  const [cla, ins, p1, p2] = bytes;
  const body = bytes.subarray(4);
  const base = { cla, ins, p1, p2 };
  if (body.length === 0) return { ...base, extended: false }; // case 1
  if (body.length === 1) return { ...base, le: body[0] === 0 ? 256 : body[0], extended: false }; // case 2S
  if (body[0] !== 0) {
    const nc = body[0];
    if (body.length === 1 + nc) return { ...base, data: body.slice(1), extended: false }; // case 3S
    if (body.length === 2 + nc) return { ...base, data: body.slice(1, 1 + nc), le: body[1 + nc] === 0 ? 256 : body[1 + nc], extended: false }; // 4S
    throw badApdu(`Lc ${nc} with ${body.length - 1} bytes following`);
  }
  if (body.length === 3) {
    const ne = (body[1] << 8) | body[2];
    return { ...base, le: ne === 0 ? 65536 : ne, extended: true }; // case 2E
  }
  const nc = (body[1] << 8) | body[2];
  if (nc === 0 || body.length < 3 + nc) throw badApdu('extended Lc');
  const data = body.slice(3, 3 + nc);
  if (body.length === 3 + nc) return { ...base, data, extended: true }; // case 3E
  if (body.length === 5 + nc) {
    const ne = (body[3 + nc] << 8) | body[4 + nc];
    return { ...base, data, le: ne === 0 ? 65536 : ne, extended: true }; // case 4E
  }
  throw badApdu('extended trailer');
}

export interface ResponseApdu {
  readonly data: Uint8Array;
  /** SW1 SW2 as one number, e.g. 0x9000. */
  readonly sw: number;
}

export function parseResponse(bytes: Uint8Array): ResponseApdu {
  if (bytes.length < 2) throw badApdu(`response of ${bytes.length} bytes`);
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: (bytes[n - 2] << 8) | bytes[n - 1] };
}

export function encodeResponse(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
