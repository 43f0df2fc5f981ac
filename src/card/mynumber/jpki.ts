/**
 * The JPKI AP (公的個人認証AP) as the kiosk uses it (research/card-reading.md §1.2–§1.3, §1.7):
 * token info, the user-authentication certificate (000A, no PIN), the PIN 0018 tries and
 * VERIFY, and the signature with key 0017 over a SHA-256 DigestInfo.
 */
import { concatBytes, sha256 } from '../../bytes/bytes.ts';
import type { ApduClient } from '../apdu/channel.ts';
import { isoCommand } from '../apdu/commands.ts';
import { JPKI_AID, JpkiFile, SHA256_DIGEST_INFO_PREFIX, TOKEN_LABEL_LENGTH, TokenLabel } from './constants.ts';
import { readEfPrefix, readPinStatus, readTlvEf, verifyFourDigitPin, type PinStatus, type VerifyOptions } from './files.ts';

export type TokenKind = 'my-number-card' | 'juki-card' | 'android' | 'iphone' | 'unknown';

export function tokenKind(label: string): TokenKind {
  switch (label) {
    case TokenLabel.MY_NUMBER_CARD:
      return 'my-number-card';
    case TokenLabel.JUKI_CARD:
      return 'juki-card';
    case TokenLabel.ANDROID:
      return 'android';
    case TokenLabel.IPHONE:
      return 'iphone';
    default:
      return 'unknown';
  }
}

/** SHA-256 DigestInfo (RFC 8017 §9.2) of `message`: what `80 2A 00 80` signs verbatim. */
export async function sha256DigestInfo(message: Uint8Array): Promise<Uint8Array> {
  return concatBytes(SHA256_DIGEST_INFO_PREFIX, await sha256(message));
}

export class JpkiAp {
  constructor(private readonly client: ApduClient) {}

  async select(signal?: AbortSignal): Promise<void> {
    await this.client.expectOk(isoCommand.selectDf(JPKI_AID), 'SELECT JPKI AP', signal);
  }

  /** EF 0006: the space-padded label says which kind of JPKI token this is. */
  async readTokenLabel(signal?: AbortSignal): Promise<{ label: string; kind: TokenKind }> {
    const bytes = await readEfPrefix(this.client, JpkiFile.TOKEN_INFO, TOKEN_LABEL_LENGTH, signal);
    const label = new TextDecoder('ascii').decode(bytes).replace(/[\s\0]+$/, '');
    return { label, kind: tokenKind(label) };
  }

  readAuthCertificate(signal?: AbortSignal): Promise<Uint8Array> {
    return readTlvEf(this.client, JpkiFile.AUTH_CERT, signal);
  }

  readAuthCaCertificate(signal?: AbortSignal): Promise<Uint8Array> {
    return readTlvEf(this.client, JpkiFile.AUTH_CA_CERT, signal);
  }

  authPinStatus(signal?: AbortSignal): Promise<PinStatus> {
    return readPinStatus(this.client, JpkiFile.AUTH_PIN, signal);
  }

  verifyAuthPin(pin: string, options?: VerifyOptions): Promise<number | 'verified'> {
    return verifyFourDigitPin(this.client, JpkiFile.AUTH_PIN, pin, options);
  }

  /** SELECT 0017, then `80 2A 00 80 33 <DigestInfo> 00` → 256-byte RSA signature (needs VERIFY 0018). */
  async signWithAuthKey(digestInfo: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    await this.client.expectOk(isoCommand.selectEf(JpkiFile.AUTH_KEY), 'SELECT EF 0017', signal);
    return this.client.expectOk(isoCommand.computeSignature(digestInfo), 'COMPUTE DIGITAL SIGNATURE', signal);
  }
}
