/**
 * Typed errors shared by every domain. Each carries a stable machine `code` and the dynamic parts
 * of its message (`params`); the words a person reads live in one catalogue keyed by code
 * (src/ui/shared/error-messages.ts), so the UI can show what to do without parsing English text.
 *
 * bytes/ is a leaf and knows no code list: each domain declares its own const list (e.g.
 * `CARD_ERROR_CODES` in src/card/errors.ts) and the UI assembles the full union.
 */
export type Language = 'ja' | 'en';

export interface LocalizedText {
  readonly ja: string;
  readonly en: string;
}

/** A message's dynamic part: plain values, so an error survives structured clone (workers). */
export type ErrorParamValue = string | number | boolean | undefined | readonly string[] | LocalizedText;
export type ErrorParams = { readonly [name: string]: ErrorParamValue };
/** The params of a code that has none. */
export type NoParams = { readonly [name: string]: never };
/** The params of `Code` in a domain's params map; codes the map does not name take none. */
export type ParamsOf<Map, Code> = Code extends keyof Map ? Map[Code] : NoParams;

export class KofuError<Code extends string = string, Params extends object = ErrorParams> extends Error {
  override readonly name: string = 'KofuError';
  /** The message's dynamic parts (a length, a file name, a municipality code …). */
  readonly params: Params;

  constructor(
    /** Stable identifier, e.g. `backup.checksum-mismatch`; tests and the UI key on it. */
    readonly code: Code,
    params?: Params,
    options?: { cause?: unknown },
  ) {
    super(summary(code, params as ErrorParams | undefined), options);
    this.params = (params ?? {}) as Params;
  }
}

/**
 * A subclass of a domain's error class bound to one code, for the errors code tells apart with
 * `instanceof`: its constructor takes the code's params as arguments (`new CarrierTooSmallError(1.2)`)
 * and `params` builds them. A domain declares these as a table of rows, not a class each.
 */
export function boundError<Code extends string, Instance extends KofuError<string, object>, Args extends unknown[]>(
  Base: new (code: Code, params: never) => Instance,
  errorName: string,
  code: Code,
  params: (...args: Args) => object,
): new (...args: Args) => Instance & { readonly code: Code } {
  const Unbound = Base as unknown as new (code: Code, params: object) => KofuError<Code, object>;
  const Bound = class extends Unbound {
    override readonly name: string = errorName;
    constructor(...args: Args) {
      super(code, params(...args));
    }
  };
  Object.defineProperty(Bound, 'name', { value: errorName });
  return Bound as unknown as new (...args: Args) => Instance & { readonly code: Code };
}

/** True for a KofuError, narrowed to one `code` when given (the replacement for `instanceof` on a subclass). */
export function isKofuError<Code extends string>(error: unknown, code?: Code): error is KofuError<Code> {
  return error instanceof KofuError && (code === undefined || error.code === code);
}

/** Thrown when a byte string is shorter, longer or otherwise shaped unlike its format says. */
export class ByteFormatError<Code extends string = string, Params extends object = ErrorParams> extends KofuError<Code, Params> {
  override readonly name: string = 'ByteFormatError';
}

export const BYTES_ERROR_CODES = ['bytes.bad-hex', 'bytes.bad-base64', 'bytes.truncated', 'aborted'] as const;
export type BytesErrorCode = (typeof BYTES_ERROR_CODES)[number];
export interface BytesErrorParams {
  'bytes.bad-hex': { readonly text: string };
  'bytes.truncated': { readonly offset: number; readonly count: number; readonly length: number };
}

/** A refused file's size as its message shows it: whole MB (such a file is far over its limit). */
export interface FileSize {
  readonly megabytes: string;
}

export const fileSize = (bytes: number): FileSize => ({ megabytes: (bytes / 1048576).toFixed(0) });

/** Thrown when an operation is stopped through its AbortSignal. */
export class AbortedError extends KofuError<'aborted', NoParams> {
  override readonly name = 'AbortedError';
  constructor(options?: { cause?: unknown }) {
    super('aborted', {}, options);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError({ cause: signal.reason });
}

/** `Error.message` for logs and tests: the code, then the params. */
function summary(code: string, params: ErrorParams | undefined): string {
  const parts = Object.entries(params ?? {}).filter(([, value]) => value !== undefined);
  if (parts.length === 0) return code;
  return `${code} (${parts.map(([name, value]) => `${name}=${typeof value === 'object' && !Array.isArray(value) ? (value as LocalizedText).en : String(value)}`).join(', ')})`;
}

/**
 * A KofuError as plain data, to cross a worker boundary: comlink's default error handler keeps
 * only `name`, `message` and `stack`, which would lose the code and params.
 */
export interface KofuErrorData {
  readonly kofuError: 1;
  readonly name: string;
  readonly code: string;
  readonly params: object;
  readonly message: string;
}

export function toErrorData(error: KofuError<string, object>): KofuErrorData {
  return { kofuError: 1, name: error.name, code: error.code, params: error.params, message: error.message };
}

export function isErrorData(value: unknown): value is KofuErrorData {
  return typeof value === 'object' && value !== null && (value as KofuErrorData).kofuError === 1;
}

/** Rebuilds the error on the receiving side: same code and params (subclass identity is not kept). */
export function fromErrorData(data: KofuErrorData): KofuError {
  if (data.code === 'aborted') return new AbortedError();
  const error = new KofuError(data.code, data.params as ErrorParams);
  Object.defineProperty(error, 'name', { value: data.name });
  return error;
}

/** Who reads a message: the resident (what to do), or staff (what the card or reader did). */
export type Audience = 'resident' | 'staff';
