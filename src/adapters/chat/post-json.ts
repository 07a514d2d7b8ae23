import { sendHttpRequest, type HttpAnswer } from './send-http-request.js';

/** POSTs a JSON body (with extra headers, e.g. a bearer token). Never throws. */
export function postJson(
  url: string,
  body: unknown,
  options: { readonly headers?: Readonly<Record<string, string>>; readonly timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  return sendHttpRequest(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', ...options.headers },
    body: JSON.stringify(body),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}
