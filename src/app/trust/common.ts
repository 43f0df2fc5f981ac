/**
 * What the three trust roles share: the settings they keep, the refusal every one of them gives
 * ("… Nothing was changed."), and the checks on what staff type on more than one device.
 *
 * The roles (docs/operations.md): the verifier's trust store (verifier-trust.ts), the tablet's
 * signer (tablet-signer.ts), the municipality authority on the admin device (authority.ts). A
 * device loads only the ones it uses; the signer and the authority build on the trust store.
 */
import { toHex } from '../../bytes/bytes.ts';
import { KofuError, type ErrorParams, type ParamsOf } from '../../bytes/errors.ts';
import { keyIdOf } from '../../seal/ec.ts';
import type { KofuDatabase } from '../../store/database.ts';
import { DEMO_MODE_SETTING } from '../demo-mode.ts';
import type { TrustServiceErrorCode, TrustServiceErrorParams } from './errors.ts';

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

/**
 * A demo-mode chore (the demo signer, the demo trust list): `work` runs only while demo mode is
 * on, and callers that overlap share one run, so two screens opening together do not provision twice.
 */
export function demoChore(demoMode: () => Promise<boolean>, work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  const run = async () => {
    if (await demoMode()) await work();
  };
  return () => (running ??= run().finally(() => (running = undefined)));
}

/** A refusal or missing step in the trust set-up. Every message says what to do. */
export class TrustServiceError extends KofuError<string, ErrorParams> {
  override readonly name = 'TrustServiceError';
}

/** A refusal of what staff typed or chose (its words end with "Nothing was changed."). */
export const refuse = <Code extends TrustServiceErrorCode>(code: Code, params: ParamsOf<TrustServiceErrorParams, Code>, cause?: unknown) =>
  new TrustServiceError(code, params as ErrorParams, cause === undefined ? undefined : { cause });

/**
 * Marks a domain error that refused an input before anything was stored: same code and params,
 * and `nothingChanged`, for which the catalogue adds "Nothing was changed." unless its words say so.
 */
function unchanged(error: unknown): unknown {
  if (!(error instanceof KofuError) || (error.params as ErrorParams).nothingChanged) return error;
  return new TrustServiceError(error.code, { ...(error.params as ErrorParams), nothingChanged: true }, { cause: error });
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
    throw refuse('trust.bad-municipality-code', { code });
  }
}

/** A key id as staff type it (any case, grouped by spaces, colons or dashes), as stored. */
export const cleanKid = (typed: string) => typed.replace(/[\s:-]/g, '').toLowerCase();

export const hexKid = async (publicKey: Uint8Array) => toHex(await keyIdOf(publicKey));

