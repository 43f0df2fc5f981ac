/**
 * The staff reader check (admin mode): what the browser allows, which reader and interface are
 * in use, whether a card answers, what kind of token it is and how many PIN tries it has —
 * without ever sending a VERIFY. Every step reports instead of throwing, so one screen shows all.
 */
import { fwtMilliseconds } from './isodep/blocks.ts';
import type { CardReader } from './reader.ts';
import { CardSession, type TriesLeft } from './session.ts';
import { browserCapabilities, type BrowserCapabilities } from './transport/detect.ts';

export interface ReaderCheck {
  readonly capabilities: BrowserCapabilities;
  readonly reader: { readonly kind: string; readonly label: string; readonly path: string; readonly firmware?: string } | null;
  readonly cardDetected: boolean;
  /**
   * The card's frame limits as the reader path saw them (contactless Sony readers): FSC in bytes,
   * FWI and the frame waiting time it means (ISO 14443-4 §7.2); `assumed` when the reader did not
   * report them and kofu used its fallback.
   */
  readonly link?: { readonly fsc: number; readonly fwi: number; readonly fwtMs: number; readonly assumed: boolean };
  readonly token?: { readonly label: string; readonly kind: string };
  readonly tries?: TriesLeft;
  /** What went wrong, as thrown (typed errors): the readers panel words them for staff. */
  readonly problems: unknown[];
}

export async function checkReader(reader: CardReader | null, signal?: AbortSignal): Promise<ReaderCheck> {
  const capabilities = browserCapabilities();
  const problems: unknown[] = [];
  if (!reader) return { capabilities, reader: null, cardDetected: false, problems };
  const firmware = reader.details?.().firmware;
  const summary = { kind: reader.kind, label: reader.label, path: reader.path, ...(firmware ? { firmware } : {}) };
  let session: CardSession;
  try {
    session = await CardSession.open(reader, {}, signal);
  } catch (error) {
    problems.push(error);
    return { capabilities, reader: summary, cardDetected: false, problems };
  }
  const card = reader.details?.().card;
  const link = card ? { fsc: card.fsc, fwi: card.fwi, fwtMs: Math.round(fwtMilliseconds(card.fwi) * 10) / 10, assumed: card.assumed === true } : undefined;
  let token: ReaderCheck['token'];
  let tries: TriesLeft | undefined;
  try {
    token = await session.identify(signal);
    tries = await session.triesLeft(signal);
  } catch (error) {
    problems.push(error);
  } finally {
    await session.close();
  }
  return { capabilities, reader: summary, cardDetected: true, ...(link ? { link } : {}), token, tries, problems };
}
