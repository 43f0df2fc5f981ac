/**
 * What the three trust roles share: the settings they keep, the refusal every one of them gives
 * ("… Nothing was changed."), and the checks on what staff type on more than one device.
 *
 * The roles (docs/operations.md): the verifier's trust store (verifier-trust.ts), the tablet's
 * signer (tablet-signer.ts), the municipality authority on the admin device (authority.ts). A
 * device loads only the ones it uses; the signer and the authority build on the trust store.
 */
import { toHex } from '../../bytes/bytes.ts';
import { KofuError, type LocalizedText } from '../../bytes/errors.ts';
import { keyIdOf } from '../../seal/ec.ts';
import type { KofuDatabase } from '../../store/database.ts';
import { DEMO_MODE_SETTING } from '../demo-mode.ts';

export const Setting = {
  /** boolean, default true (src/app/demo-mode.ts). */
  demoMode: DEMO_MODE_SETTING,
  /** Trust-list publisher keys registered by staff: `RegisteredAnchor[]`. */
  trustAnchors: 'trustAnchors',
  /** The trust-list address this device may download from besides its own origin: string. */
  trustListUrl: 'trustListUrl',
  /** Signer certificates this admin device issued (no secrets): `IssuedSigner[]`. */
  issuedSigners: 'issuedSigners',
  /** When this device last saved a backup of its root: `{ kid: string; at: number }`. */
  rootBackedUp: 'rootBackedUp',
} as const;

/** `source` of stored lists the app made itself (others hold a file name or URL). */
export const ListSource = { demo: 'demo', published: 'published' } as const;

export interface TrustServiceOptions {
  readonly database: () => Promise<KofuDatabase>;
  /** Unix seconds. */
  readonly now?: () => number;
  /** This app's own origin: trust lists may always be downloaded from it. */
  readonly origin?: string;
  readonly fetchImpl?: typeof fetch;
  /** True for the app's own services: demo-mode changes are announced to the app's other tabs. */
  readonly shared?: boolean;
}

/** A refusal or missing step in the trust set-up. Every message says what to do. */
export class TrustServiceError extends KofuError {
  override readonly name = 'TrustServiceError';
}

export const text = (ja: string, en: string): LocalizedText => ({ ja, en });
const UNCHANGED = text('何も変更していません。', 'Nothing was changed.');

export const refuse = (code: string, ja: string, en: string, cause?: unknown) =>
  new TrustServiceError(code, text(`${ja}${UNCHANGED.ja}`, `${en} ${UNCHANGED.en}`), cause === undefined ? undefined : { cause });

/** Adds "nothing was changed" to a domain error that refused an input before anything was stored. */
function unchanged(error: unknown): unknown {
  if (!(error instanceof KofuError) || error.text.en.endsWith(UNCHANGED.en)) return error;
  return new TrustServiceError(error.code, text(`${error.text.ja}${UNCHANGED.ja}`, `${error.text.en} ${UNCHANGED.en}`), { cause: error });
}

export async function unchangedOnFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unchanged(error);
  }
}

/**
 * 全国地方公共団体コード: five digits and a check digit = (11 − Σ dᵢ·wᵢ mod 11) mod 10 with weights
 * 6, 5, 4, 3, 2 (総務省「全国地方公共団体コード」の検査数字). Catches most typing mistakes.
 */
export function isValidMunicipalityCode(code: number): boolean {
  if (!Number.isSafeInteger(code) || code < 10_000 || code > 999_999) return false;
  const digits = String(code).padStart(6, '0').split('').map(Number);
  const sum = digits.slice(0, 5).reduce((acc, d, i) => acc + d * (6 - i), 0);
  return (11 - (sum % 11)) % 10 === digits[5];
}

export function checkMunicipality(code: number): void {
  if (!isValidMunicipalityCode(code)) {
    throw refuse(
      'trust.bad-municipality-code',
      `自治体コード「${code}」が正しくありません。検査数字を含む6桁の全国地方公共団体コード（例：131016）を入力してください。`,
      `The municipality code “${code}” is not valid. Enter the six-digit local government code including its check digit (e.g. 131016).`,
    );
  }
}

/** A key id as staff type it (any case, grouped by spaces, colons or dashes), as stored. */
export const cleanKid = (typed: string) => typed.replace(/[\s:-]/g, '').toLowerCase();

export const hexKid = async (publicKey: Uint8Array) => toHex(await keyIdOf(publicKey));

