/**
 * One outbound HTTP request to a chat platform, with a deadline covering the
 * whole exchange (connect, headers and body). Never throws: a refused
 * connection, a DNS failure, a timeout or a malformed URL are values.
 */
export type HttpAnswer =
  | { readonly kind: 'answered'; readonly status: number; readonly headers: Headers; readonly body: string }
  | { readonly kind: 'unreachable'; readonly error: string }
  | { readonly kind: 'bad_url'; readonly error: string };

export interface HttpRequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | FormData | URLSearchParams;
  /** Default 10 s. */
  readonly timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

export async function sendHttpRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpAnswer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'bad_url', error: `not a URL: ${url}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { kind: 'bad_url', error: `not an http(s) URL: ${url}` };
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const response = await fetch(parsed, {
      method: options.method ?? 'POST',
      headers: options.headers,
      body: options.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    return { kind: 'answered', status: response.status, headers: response.headers, body };
  } catch (error) {
    return { kind: 'unreachable', error: describe(error, timeoutMs) };
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
