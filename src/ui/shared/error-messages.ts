/**
 * The words for every typed error, in Japanese and English, keyed by code. Domains throw a code
 * and the message's dynamic parts (`params`); this catalogue turns them into what a person reads.
 * Each domain's const code list (CARD_ERROR_CODES …) types its table, so a code without a message
 * in either language is a type error (and error-messages.test.ts iterates the lists as well).
 */
import { KofuError } from '../../app/errors.ts';
import type { Audience, BytesErrorCode, BytesErrorParams, ErrorParams, Language, LocalizedText, NoParams, ParamsOf } from '../../bytes/errors.ts';
import { kioskMessages, NOTHING_CHANGED, trustServiceMessages } from './error-messages-app.ts';
import { cardFormatMessages, cardMessages } from './error-messages-card.ts';
import { documentsMessages, importProblemMessages, refusalMessages, registryMessages, renderMessages, storeMessages } from './error-messages-data.ts';
import type { logProblemMessages, sealMessages, trustStatusMessages } from './error-messages-seal.ts';
import type { carrierMessages, visionMessages } from './error-messages-carrier.ts';
import type { verifyMessages } from './error-messages-verify.ts';
import type { staffMessages } from './error-messages-staff.ts';

/** A message: fixed words, or words built from the error's params. */
export type Words<P> = string | ((params: P) => string);
export interface ErrorMessage<P = NoParams> {
  readonly ja: Words<P>;
  readonly en: Words<P>;
}
/** A card error also has a line for staff: what the card or the reader did. */
export interface StaffErrorMessage<P = NoParams> extends ErrorMessage<P> {
  readonly staff: ErrorMessage<P>;
}

export type MessageTable<Code extends string, ParamsMap> = { readonly [C in Code]: ErrorMessage<ParamsOf<ParamsMap, C>> };
export type StaffMessageTable<Code extends string, ParamsMap> = { readonly [C in Code]: StaffErrorMessage<ParamsOf<ParamsMap, C>> };

const bytesMessages: MessageTable<BytesErrorCode, BytesErrorParams> = {
  'bytes.bad-hex': { ja: (p) => `16進数の文字列が不正です: "${p.text}"`, en: (p) => `Not a hex string: "${p.text}"` },
  'bytes.bad-base64': { ja: 'Base64の文字列が不正です。', en: 'Not a Base64 string.' },
  'bytes.truncated': {
    ja: (p) => `データが途中で切れています（${p.offset}バイト目から${p.count}バイトが必要、全体${p.length}バイト）。`,
    en: (p) => `Data is truncated (needs ${p.count} bytes at offset ${p.offset}, has ${p.length}).`,
  },
  aborted: { ja: '処理を中止しました。', en: 'The operation was cancelled.' },
};

/**
 * What the kiosk's first paint carries: the codes a resident at the kiosk can meet (card, store,
 * registry, documents, issuing). The seal, verification, carrier, vision and staff tables are
 * added with the other views' words (messages-views.ts), which src/ui/app.ts also loads on the
 * kiosk right after its first paint (`shell.first_load_js_gzip_kb`).
 */
const firstPaintMessages = { ...bytesMessages, ...cardMessages, ...cardFormatMessages, ...storeMessages, ...documentsMessages, ...renderMessages, ...registryMessages, ...refusalMessages, ...importProblemMessages, ...trustServiceMessages, ...kioskMessages } as const;
type AllMessages = typeof firstPaintMessages & typeof sealMessages & typeof logProblemMessages & typeof trustStatusMessages & typeof verifyMessages & typeof carrierMessages & typeof visionMessages & typeof staffMessages;

/** Every code with its message (the union of the domains' tables), once messages-views.ts has added the rest. */
export const errorMessages = { ...firstPaintMessages } as AllMessages;
export type KnownErrorCode = keyof AllMessages;

/** Adds the tables that load after the first paint (messages-views.ts). */
export function addErrorMessages(tables: Partial<AllMessages>): void {
  Object.assign(errorMessages, tables);
}

type AnyMessage = ErrorMessage<unknown> & { readonly staff?: ErrorMessage<unknown> };
const table = errorMessages as unknown as Readonly<Record<string, AnyMessage | undefined>>;

function render(words: Words<unknown>, params: unknown): string {
  return typeof words === 'function' ? words(params) : words;
}

/** The message of `code` with `params`, or undefined for a code the catalogue does not know. */
export function messageFor(code: string, params: object, language: Language, audience: Audience = 'resident'): string | undefined {
  const entry = table[code];
  if (!entry) return undefined;
  const message = audience === 'staff' ? (entry.staff ?? entry) : entry;
  return render(message[language], params);
}

/**
 * The trust services mark a domain error that refused an input before anything was stored
 * (`params.nothingChanged`, src/app/trust/common.ts): its words end with "Nothing was changed."
 * unless the English ones already say so.
 */
function nothingChanged(error: KofuError, words: string, language: Language): string {
  if ((error.params as ErrorParams).nothingChanged !== true) return words;
  if (messageFor(error.code, error.params, 'en')!.endsWith(NOTHING_CHANGED.en)) return words;
  return language === 'ja' ? `${words}${NOTHING_CHANGED.ja}` : `${words} ${NOTHING_CHANGED.en}`;
}

/** The message for a person: the catalogue's words for a KofuError, otherwise a generic line with the detail. */
export function describeError(error: unknown, language: Language): string {
  if (error instanceof KofuError) {
    const known = messageFor(error.code, error.params, language);
    if (known !== undefined) return nothingChanged(error, known, language);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return language === 'ja'
    ? `予期しないエラーが発生しました（${detail}）。もう一度お試しください。`
    : `An unexpected error occurred (${detail}). Please try again.`;
}

const DEMO_PREFIX = { ja: '【デモ】', en: '[DEMO] ' } as const;

/**
 * The words of a failure carried as data (a verification report, a refusal, an import problem):
 * its code and params, as `describeError` words the thrown error. A seal refused as a demo seal
 * (`demoRefusal`) starts with 【デモ】 / [DEMO].
 */
export function describeFailure(code: string, params: object, language: Language, demoRefusal = false): string {
  const words = describeError(new KofuError(code, params as ErrorParams), language);
  return demoRefusal ? `${DEMO_PREFIX[language]}${words}` : words;
}

/** A verification report's reason: a valid result's own words (from the seal), otherwise its failure's. */
export function reportReason(report: { readonly code: string; readonly params: object; readonly demoRefusal?: boolean; readonly reason?: LocalizedText }, language: Language): string {
  return report.reason ? report.reason[language] : describeFailure(report.code, report.params, language, report.demoRefusal);
}

/** For the staff reader check: the resident's words, then what the card or reader did in brackets (card errors). */
export function describeProblemForStaff(error: unknown, language: Language): string {
  const words = describeError(error, language);
  const staff = error instanceof KofuError ? table[error.code]?.staff : undefined;
  return staff ? `${words} [${render(staff[language], error instanceof KofuError ? error.params : {})}]` : words;
}

/** For staff: what the card or reader did (card errors), otherwise the same words as `describeError`. */
export function describeErrorForStaff(error: unknown, language: Language): string {
  if (error instanceof KofuError) {
    const staff = messageFor(error.code, error.params, language, 'staff');
    if (staff !== undefined) return staff;
  }
  return describeError(error, language);
}
