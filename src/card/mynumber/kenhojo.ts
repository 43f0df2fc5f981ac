/**
 * The 券面事項入力補助AP ("kenhojo"): PIN 0011, the My Number (0001) and the four basic items
 * (0002) in nested BER-TLV (research/card-reading.md §1.4; soltia48 src/ap/text.rs).
 */
import { ByteFormatError } from '../../bytes/errors.ts';
import type { ApduClient } from '../apdu/channel.ts';
import { isoCommand } from '../apdu/commands.ts';
import { BasicInfoTag, KENHOJO_AID, KenhojoFile, MY_NUMBER_TAG, SexCode } from './constants.ts';
import { readEfPrefix, readPinStatus, readTlvEf, verifyFourDigitPin, type PinStatus, type VerifyOptions } from './files.ts';
import { readTlv, readTlvList } from '../apdu/tlv.ts';

export type Sex = 'male' | 'female' | 'not-applicable';

export interface BasicInfo {
  /** 氏名 (family and given name separated by U+3000). */
  readonly name: string;
  /** 住所 */
  readonly address: string;
  /** 生年月日 as on the card: YYYYMMDD (Gregorian). */
  readonly birthDate: string;
  /** 性別 as the ISO 5218 code on the card ('1', '2', '9') and as a word. */
  readonly sexCode: string;
  readonly sex: Sex;
}

function malformed(what: string): ByteFormatError {
  return new ByteFormatError('card.basic-info-malformed', { detail: what });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses EF 0002: FF20 { DF21 offsets, DF22 name, DF23 address, DF24 YYYYMMDD, DF25 sex }. */
export function parseBasicInfo(ef: Uint8Array): BasicInfo {
  const outer = readTlv(ef, 0);
  if (outer.tag !== BasicInfoTag.TEMPLATE) throw malformed(`outer tag ${outer.tag.toString(16)}`);
  const items = new Map(readTlvList(outer.value).map((tlv) => [tlv.tag, tlv.value]));
  const text = (tag: number, what: string) => {
    const value = items.get(tag);
    if (!value) throw malformed(`${what} missing`);
    try {
      return utf8.decode(value);
    } catch {
      throw malformed(`${what} is not UTF-8`);
    }
  };
  const birthDate = text(BasicInfoTag.BIRTH_DATE, 'birth date');
  if (!/^[0-9]{8}$/.test(birthDate)) throw malformed(`birth date "${birthDate}"`);
  const sexCode = text(BasicInfoTag.SEX, 'sex');
  const sex: Sex | undefined = sexCode === SexCode.MALE ? 'male' : sexCode === SexCode.FEMALE ? 'female' : sexCode === SexCode.NOT_APPLICABLE ? 'not-applicable' : undefined;
  if (!sex) throw malformed(`sex code "${sexCode}"`);
  return { name: text(BasicInfoTag.NAME, 'name'), address: text(BasicInfoTag.ADDRESS, 'address'), birthDate, sexCode, sex };
}

/** Parses EF 0001: `FF 10 0C` + 12 ASCII digits (filler after it is ignored). */
export function parseMyNumber(ef: Uint8Array): string {
  const tlv = readTlv(ef, 0);
  const digits = new TextDecoder('ascii').decode(tlv.value);
  if (tlv.tag !== MY_NUMBER_TAG || !/^[0-9]{12}$/.test(digits)) throw malformed('My Number record');
  return digits;
}

/** Length of the physical EF 0001 as jpki/myna reads it (15-byte TLV + FF FF filler). */
const MY_NUMBER_EF_LENGTH = 17;

export class KenhojoAp {
  constructor(private readonly client: ApduClient) {}

  async select(signal?: AbortSignal): Promise<void> {
    await this.client.expectOk(isoCommand.selectDf(KENHOJO_AID), 'SELECT 券面事項入力補助AP', signal);
  }

  pinStatus(signal?: AbortSignal): Promise<PinStatus> {
    return readPinStatus(this.client, KenhojoFile.PIN, signal);
  }

  verifyPin(pin: string, options?: VerifyOptions): Promise<number | 'verified'> {
    return verifyFourDigitPin(this.client, KenhojoFile.PIN, pin, options);
  }

  async readBasicInfo(signal?: AbortSignal): Promise<BasicInfo> {
    return parseBasicInfo(await readTlvEf(this.client, KenhojoFile.BASIC_INFO, signal));
  }

  async readMyNumber(signal?: AbortSignal): Promise<string> {
    return parseMyNumber(await readEfPrefix(this.client, KenhojoFile.MY_NUMBER, MY_NUMBER_EF_LENGTH, signal));
  }
}
