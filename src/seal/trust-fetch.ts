/**
 * Fetching a trust list from a URL: the one network edge of the seal domain. The bytes are then
 * opened (signature-checked) by `openTrustList`; nothing from the response is trusted before that.
 */
import { TrustListError } from './errors.ts';
import { MAX_TRUST_LIST_BYTES } from './trust-list.ts';

export async function fetchTrustListBytes(
  url: string,
  options: { readonly signal?: AbortSignal; readonly fetchImpl?: typeof fetch } = {},
): Promise<Uint8Array> {
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: options.signal, cache: 'no-cache', credentials: 'omit' });
  } catch (cause) {
    throw new TrustListError('trust.fetch-failed', {}, { cause });
  }
  if (!response.ok) {
    throw new TrustListError('trust.fetch-status', { status: response.status });
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  const tooLarge = () => new TrustListError('trust.too-large', { source: 'download' });
  if (declared > MAX_TRUST_LIST_BYTES) throw tooLarge();
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_TRUST_LIST_BYTES) throw tooLarge();
  return bytes;
}
