/**
 * The APDU channel every reader offers, and the client the card applications use on top of it:
 * status-word handling (61xx GET RESPONSE, 6Cxx resend — ISO 7816-4 §5.6 / §7.6.1) and an
 * optional transcript of every exchange.
 */
import { throwIfAborted } from '../../bytes/errors.ts';
import { encodeCommand, parseResponse, type CommandApdu, type ResponseApdu } from './apdu.ts';
import { isoCommand } from './commands.ts';
import { SW, isMoreData, isWrongLe, statusError } from './status.ts';
import { concatBytes } from '../../bytes/bytes.ts';

/** One APDU in, one R-APDU (data ‖ SW1 SW2) out. Readers implement this; it never interprets SWs. */
export interface CardChannel {
  transmit(command: Uint8Array, signal?: AbortSignal): Promise<Uint8Array>;
}

export interface TranscriptEntry {
  readonly command: Uint8Array;
  readonly response: Uint8Array;
}

/** Records every exchange on `channel` (for transcript tests and the APDU-count metric). */
export class RecordingChannel implements CardChannel {
  readonly entries: TranscriptEntry[] = [];
  constructor(private readonly inner: CardChannel) {}
  async transmit(command: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    const response = await this.inner.transmit(command, signal);
    this.entries.push({ command: command.slice(), response: response.slice() });
    return response;
  }
}

export class ApduClient {
  constructor(readonly channel: CardChannel) {}

  /** Sends `command`, follows 61xx and 6Cxx, returns data and the final SW without judging it. */
  async send(command: CommandApdu, signal?: AbortSignal): Promise<ResponseApdu> {
    throwIfAborted(signal);
    let response = parseResponse(await this.channel.transmit(encodeCommand(command), signal));
    if (isWrongLe(response.sw)) {
      const le = response.sw & 0xff || 256;
      response = parseResponse(await this.channel.transmit(encodeCommand({ ...command, le }), signal));
    }
    let data = response.data;
    while (isMoreData(response.sw)) {
      throwIfAborted(signal);
      const le = response.sw & 0xff || 256;
      response = parseResponse(await this.channel.transmit(encodeCommand(isoCommand.getResponse(le)), signal));
      data = concatBytes(data, response.data);
    }
    return { data, sw: response.sw };
  }

  /** Like `send`, but any SW other than 9000 (or 6282 with data) becomes a typed error. */
  async expectOk(command: CommandApdu, context: string, signal?: AbortSignal): Promise<Uint8Array> {
    const response = await this.send(command, signal);
    if (response.sw === SW.OK || (response.sw === SW.END_OF_FILE_WARNING && response.data.length > 0)) return response.data;
    throw statusError(response.sw, context);
  }
}
