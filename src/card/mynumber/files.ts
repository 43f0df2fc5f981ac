/**
 * Shared steps of both APs: reading a TLV-shaped EF in short READ BINARY chunks sized from its
 * header, and PIN status / VERIFY with the lock rules kofu promises residents.
 */
import { wipe } from '../../bytes/bytes.ts';
import { throwIfAborted } from '../../bytes/errors.ts';
import type { ApduClient } from '../apdu/channel.ts';
import { isoCommand, MAX_READ_OFFSET } from '../apdu/commands.ts';
import { SHORT_MAX_NE } from '../apdu/apdu.ts';
import { SW, statusError, triesFromStatus } from '../apdu/status.ts';
import { CardError, pinLastTryError, pinLockedError } from '../errors.ts';
import { readTlvHeader } from '../apdu/tlv.ts';

const hex4 = (fid: number) => fid.toString(16).toUpperCase().padStart(4, '0');

/**
 * Reads a whole EF whose content is one BER-TLV (a DER certificate `30 82 LL LL`, or FF20…):
 * the first 256-byte chunk carries the header, from which the total is known (OpenSC
 * jpki_select_file: size = LLLL + 4). Unused EF space past the TLV (FF filler) is never read.
 */
export async function readTlvEf(client: ApduClient, fid: number, signal?: AbortSignal): Promise<Uint8Array> {
  await client.expectOk(isoCommand.selectEf(fid), `SELECT EF ${hex4(fid)}`, signal);
  const first = await client.expectOk(isoCommand.readBinary(0, SHORT_MAX_NE), `READ BINARY ${hex4(fid)}`, signal);
  const { headerLength, length } = readTlvHeader(first, 0);
  const total = headerLength + length;
  if (total - 1 > MAX_READ_OFFSET + SHORT_MAX_NE) throw statusError(SW.WRONG_OFFSET, `EF ${hex4(fid)} declares ${total} bytes`);
  const out = new Uint8Array(total);
  out.set(first.subarray(0, Math.min(first.length, total)));
  let offset = Math.min(first.length, total);
  while (offset < total) {
    throwIfAborted(signal);
    const chunk = await client.expectOk(isoCommand.readBinary(offset, Math.min(SHORT_MAX_NE, total - offset)), `READ BINARY ${hex4(fid)} @${offset}`, signal);
    if (chunk.length === 0) throw statusError(SW.WRONG_OFFSET, `READ BINARY ${hex4(fid)} @${offset} returned nothing`);
    out.set(chunk.subarray(0, total - offset), offset);
    offset += chunk.length;
  }
  return out;
}

/** Reads `length` bytes from the start of an EF (token info label, My Number record). */
export async function readEfPrefix(client: ApduClient, fid: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
  await client.expectOk(isoCommand.selectEf(fid), `SELECT EF ${hex4(fid)}`, signal);
  return client.expectOk(isoCommand.readBinary(0, length), `READ BINARY ${hex4(fid)}`, signal);
}

export type PinStatus = { readonly verified: true } | { readonly verified: false; readonly triesLeft: number };

/** SELECT the PIN EF, then `00 20 00 80` without data: 63Cx = x tries, 9000 = already verified. */
export async function readPinStatus(client: ApduClient, pinFid: number, signal?: AbortSignal): Promise<PinStatus> {
  await client.expectOk(isoCommand.selectEf(pinFid), `SELECT PIN ${hex4(pinFid)}`, signal);
  const { sw } = await client.send(isoCommand.verifyStatus(), signal);
  if (sw === SW.OK) return { verified: true };
  if (sw === SW.AUTH_METHOD_BLOCKED) return { verified: false, triesLeft: 0 };
  const tries = triesFromStatus(sw);
  if (tries === null) throw statusError(sw, `VERIFY status ${hex4(pinFid)}`);
  return { verified: false, triesLeft: tries };
}

export interface VerifyOptions {
  /** The resident was warned that one try is left and still wants to try. */
  readonly confirmLastTry?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * VERIFY a 4-digit PIN with the lock rules: never send a VERIFY at 0 tries (it could only
 * answer 6984), and at 1 try left only after the caller confirms the resident was warned.
 * Returns the tries left before the attempt.
 */
export async function verifyFourDigitPin(client: ApduClient, pinFid: number, pin: string, options: VerifyOptions = {}): Promise<number | 'verified'> {
  if (!/^[0-9]{4}$/.test(pin)) throw new CardError('card.pin-format', {});
  const status = await readPinStatus(client, pinFid, options.signal);
  const before = status.verified ? 'verified' : status.triesLeft;
  if (!status.verified) {
    if (status.triesLeft === 0) throw pinLockedError();
    if (status.triesLeft === 1 && !options.confirmLastTry) throw pinLastTryError();
  }
  const pinBytes = new TextEncoder().encode(pin);
  try {
    await client.expectOk(isoCommand.verify(pinBytes), `VERIFY ${hex4(pinFid)}`, options.signal);
  } finally {
    wipe(pinBytes);
  }
  return before;
}
