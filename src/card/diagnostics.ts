/**
 * The staff reader check (admin mode): what the browser allows, which reader and interface are
 * in use, whether a card answers, what kind of token it is and how many PIN tries it has —
 * without ever sending a VERIFY. Every step reports instead of throwing, so one screen shows all.
 */
import type { CardReader } from './reader.ts';
import { CardSession, type TriesLeft } from './session.ts';
import { browserCapabilities, type BrowserCapabilities } from './transport/detect.ts';

export interface ReaderCheck {
  readonly capabilities: BrowserCapabilities;
  readonly reader: { readonly kind: string; readonly label: string; readonly path: string } | null;
  readonly cardDetected: boolean;
  readonly token?: { readonly label: string; readonly kind: string };
  readonly tries?: TriesLeft;
  /** What went wrong, as thrown (typed errors): the readers panel words them for staff. */
  readonly problems: unknown[];
}

export async function checkReader(reader: CardReader | null, signal?: AbortSignal): Promise<ReaderCheck> {
  const capabilities = browserCapabilities();
  const problems: unknown[] = [];
  if (!reader) return { capabilities, reader: null, cardDetected: false, problems };
  const summary = { kind: reader.kind, label: reader.label, path: reader.path };
  let session: CardSession;
  try {
    session = await CardSession.open(reader, {}, signal);
  } catch (error) {
    problems.push(error);
    return { capabilities, reader: summary, cardDetected: false, problems };
  }
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
  return { capabilities, reader: summary, cardDetected: true, token, tries, problems };
}
