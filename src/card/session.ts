/**
 * The reader-independent façade the kiosk calls. One `CardSession` is one card on one reader;
 * every method takes an AbortSignal and throws `CardError` subclasses whose `text` is for the
 * resident and whose `staff` is for the clerk.
 *
 * `authenticate` does what the real kiosk does (research/card-reading.md §1.7): check the token
 * kind, read the user-auth certificate 000A (no PIN), validate it against the trust anchors and
 * its dates *before* spending a PIN try, query the tries left, VERIFY the PIN 0018 with the lock
 * rules, sign a SHA-256 DigestInfo of the challenge with key 0017, and verify that signature.
 */
import type * as x509 from './x509.ts';
import { ApduClient, type CardChannel } from './apdu/channel.ts';
import { anchorFrom, validateAuthCertificate, verifyChallengeSignature, type TrustAnchor } from './mynumber/certificate.ts';
import { JpkiAp, sha256DigestInfo, type TokenKind } from './mynumber/jpki.ts';
import { KenhojoAp, type BasicInfo } from './mynumber/kenhojo.ts';
import { JLIS_AUTH_ANCHORS } from './mynumber/trust-anchors.ts';
import type { PinStatus } from './mynumber/files.ts';
import type { CardConnection, CardReader } from './reader.ts';
import { throwIfAborted } from '../bytes/errors.ts';
import { CardError, isCardError } from './errors.ts';
import { AUTH_PIN_MAX_TRIES } from './mynumber/constants.ts';

export interface CardSessionOptions {
  /** Trust anchors; defaults to the J-LIS user-auth CAs. Add the demo CA in demo mode only. */
  readonly anchors?: readonly TrustAnchor[];
  /** Clock for validity checks (tests pin it). */
  readonly now?: () => Date;
  /** Wraps the channel, e.g. with a RecordingChannel for transcripts and APDU counts. */
  readonly wrapChannel?: (channel: CardChannel) => CardChannel;
}

export interface AuthenticateRequest {
  readonly pin: string;
  /** Fresh random bytes from the kiosk; the card signs SHA-256 DigestInfo(challenge). */
  readonly challenge: Uint8Array;
  /** Set after the resident was warned that one try is left. */
  readonly confirmLastTry?: boolean;
  readonly signal?: AbortSignal;
}

export interface AuthenticationResult {
  readonly certificate: x509.X509Certificate;
  readonly certificateDer: Uint8Array;
  /** Hex serial number of the user-auth certificate: kofu's lookup key for the resident. */
  readonly serialNumber: string;
  readonly issuer: string;
  readonly notAfter: Date;
  /** True when the chain ends at the demo CA: everything downstream must say デモ. */
  readonly demo: boolean;
  readonly challenge: Uint8Array;
  readonly signature: Uint8Array;
}

export interface TriesLeft {
  /** Tries left on the user-auth PIN 0018, or null when the card reports it already verified. */
  readonly triesLeft: number | null;
  readonly maxTries: number;
  readonly locked: boolean;
}

export function defaultAnchors(): TrustAnchor[] {
  return JLIS_AUTH_ANCHORS.map((pem) => anchorFrom(pem, false));
}

export class CardSession {
  private readonly client: ApduClient;
  private readonly jpki: JpkiAp;
  private readonly kenhojo: KenhojoAp;
  /** The last queued operation (see `serialize`). */
  private tail: Promise<void> = Promise.resolve();

  private constructor(
    private readonly connection: CardConnection,
    private readonly options: CardSessionOptions,
  ) {
    this.client = new ApduClient(options.wrapChannel ? options.wrapChannel(connection) : connection);
    this.jpki = new JpkiAp(this.client);
    this.kenhojo = new KenhojoAp(this.client);
  }

  /** Activates the card on `reader`. */
  static async open(reader: CardReader, options: CardSessionOptions = {}, signal?: AbortSignal): Promise<CardSession> {
    return new CardSession(await reader.connect(signal), options);
  }

  /**
   * Waits until a card is placed on `reader` (polling every `pollMs`; only "no card" is retried,
   * every other error is thrown), then opens a session. Stop it with the signal.
   */
  static async waitForCard(reader: CardReader, options: CardSessionOptions = {}, wait: { signal?: AbortSignal; pollMs?: number } = {}): Promise<CardSession> {
    for (;;) {
      throwIfAborted(wait.signal);
      try {
        return await CardSession.open(reader, options, wait.signal);
      } catch (error) {
        if (!isCardError(error, 'card.absent')) throw error;
      }
      await pause(wait.pollMs ?? 500, wait.signal);
    }
  }

  /** Runs card operations one at a time: the reader protocols are not re-entrant. */
  private serialize<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation, operation);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Token label of EF 0006: is this a My Number card, a Juki card, a phone…? (no PIN) */
  identify(signal?: AbortSignal): Promise<{ label: string; kind: TokenKind }> {
    return this.serialize(async () => {
      await this.jpki.select(signal);
      return this.jpki.readTokenLabel(signal);
    });
  }

  /** EF 000B: the CA certificate of the user-auth certificate, as the card carries it (no PIN). */
  readAuthCaCertificate(signal?: AbortSignal): Promise<Uint8Array> {
    return this.serialize(async () => {
      await this.jpki.select(signal);
      return this.jpki.readAuthCaCertificate(signal);
    });
  }

  /**
   * Reads the user-auth certificate 000A (no PIN) and validates it against the anchors and dates,
   * so the kiosk can refuse an expired or foreign card before the resident types a PIN.
   * `authenticate` checks it again (the card could be swapped in between).
   */
  checkAuthCertificate(signal?: AbortSignal): Promise<{ readonly notAfter: Date; readonly demo: boolean }> {
    return this.serialize(async () => {
      await this.jpki.select(signal);
      const der = await this.jpki.readAuthCertificate(signal);
      const chain = await validateAuthCertificate(der, this.options.anchors ?? defaultAnchors(), this.options.now?.() ?? new Date());
      return { notAfter: chain.certificate.notAfter, demo: chain.anchor.demo };
    });
  }

  triesLeft(signal?: AbortSignal): Promise<TriesLeft> {
    return this.serialize(async () => {
      await this.jpki.select(signal);
      return toTries(await this.jpki.authPinStatus(signal));
    });
  }

  authenticate(request: AuthenticateRequest): Promise<AuthenticationResult> {
    return this.serialize(async () => {
      const { signal } = request;
      await this.jpki.select(signal);
      const token = await this.jpki.readTokenLabel(signal);
      if (token.kind !== 'my-number-card') throw new CardError('card.not-my-number-card', { label: token.label });
      const certificateDer = await this.jpki.readAuthCertificate(signal);
      const chain = await validateAuthCertificate(certificateDer, this.options.anchors ?? defaultAnchors(), this.options.now?.() ?? new Date());
      await this.jpki.verifyAuthPin(request.pin, { confirmLastTry: request.confirmLastTry, signal });
      const signature = await this.jpki.signWithAuthKey(await sha256DigestInfo(request.challenge), signal);
      if (!(await verifyChallengeSignature(chain.certificate, request.challenge, signature))) {
        throw new CardError('card.signature-invalid', { detail: 'the card signature does not verify with the key of certificate 000A' });
      }
      return {
        certificate: chain.certificate,
        certificateDer,
        serialNumber: chain.certificate.serialNumber,
        issuer: chain.certificate.issuer,
        notAfter: chain.certificate.notAfter,
        demo: chain.anchor.demo,
        challenge: request.challenge,
        signature,
      };
    });
  }

  /** 券面事項入力補助AP: VERIFY PIN 0011 (same lock rules), then the four basic items. */
  readBasicInfo(pin: string, options: { confirmLastTry?: boolean; signal?: AbortSignal } = {}): Promise<BasicInfo> {
    return this.serialize(async () => {
      await this.kenhojo.select(options.signal);
      await this.kenhojo.verifyPin(pin, options);
      return this.kenhojo.readBasicInfo(options.signal);
    });
  }

  readMyNumber(pin: string, options: { confirmLastTry?: boolean; signal?: AbortSignal } = {}): Promise<string> {
    return this.serialize(async () => {
      await this.kenhojo.select(options.signal);
      await this.kenhojo.verifyPin(pin, options);
      return this.kenhojo.readMyNumber(options.signal);
    });
  }

  /** Ends the card session (DESELECT / power off), after any operation still running. */
  close(): Promise<void> {
    return this.serialize(() => this.connection.disconnect());
  }
}

/** Waits `ms`, or less if `signal` aborts first. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

function toTries(status: PinStatus): TriesLeft {
  if (status.verified) return { triesLeft: null, maxTries: AUTH_PIN_MAX_TRIES, locked: false };
  return { triesLeft: status.triesLeft, maxTries: AUTH_PIN_MAX_TRIES, locked: status.triesLeft === 0 };
}
