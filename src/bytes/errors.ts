/**
 * Typed errors shared by every domain. Each carries a stable machine `code` and a message for each
 * UI language, so the UI can show a person what to do without parsing English text.
 */
export type Language = 'ja' | 'en';

export interface LocalizedText {
  readonly ja: string;
  readonly en: string;
}

export class KofuError extends Error {
  override readonly name: string = 'KofuError';
  constructor(
    /** Stable identifier, e.g. `backup.checksum-mismatch`; tests and the UI key on it. */
    readonly code: string,
    /** What happened and what to do, in each UI language. */
    readonly text: LocalizedText,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${text.en}`, options);
  }

  messageIn(language: Language): string {
    return this.text[language];
  }
}

/** Thrown when a byte string is shorter, longer or otherwise shaped unlike its format says. */
export class ByteFormatError extends KofuError {
  override readonly name = 'ByteFormatError';
}

/** Thrown when an operation is stopped through its AbortSignal. */
export class AbortedError extends KofuError {
  override readonly name = 'AbortedError';
  constructor(options?: { cause?: unknown }) {
    super('aborted', { ja: '処理を中止しました。', en: 'The operation was cancelled.' }, options);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError({ cause: signal.reason });
}

/** The message for a person: a KofuError's own text, otherwise a generic line with the detail. */
export function describeError(error: unknown, language: Language): string {
  if (error instanceof KofuError) return error.messageIn(language);
  const detail = error instanceof Error ? error.message : String(error);
  return language === 'ja'
    ? `予期しないエラーが発生しました（${detail}）。もう一度お試しください。`
    : `An unexpected error occurred (${detail}). Please try again.`;
}
