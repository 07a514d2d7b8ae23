import { constantTimeEqual } from '../constant-time-equal.js';
import { readCommandForm } from '../command-form.js';
import { headerValue, type RequestHeaders } from '../request-headers.js';

/**
 * Checks a Mattermost slash command's static token. Mattermost sends it as
 * `Authorization: Token <t>` and as the `token` form field; when an outgoing
 * OAuth connection matches the URL the header is replaced by a bearer token,
 * so the field alone must be enough. Each slash command has its own token,
 * hence a list. Every configured token is compared (constant time each), so
 * the time taken does not say which one matched.
 *
 * For a command configured with method GET, pass the query string as rawBody.
 */
export interface VerifyMattermostRequestInput {
  readonly tokens: string | readonly string[];
  readonly rawBody: string | Uint8Array;
  readonly headers: RequestHeaders;
}

export type MattermostVerificationFailure = 'not_configured' | 'missing_token' | 'bad_token';

export type MattermostVerification =
  | { readonly ok: true; readonly via: 'header' | 'field' }
  | { readonly ok: false; readonly reason: MattermostVerificationFailure; readonly message: string };

export function verifyMattermostRequest(input: VerifyMattermostRequestInput): MattermostVerification {
  const tokens = (typeof input.tokens === 'string' ? [input.tokens] : input.tokens).filter((t) => t.length > 0);
  if (tokens.length === 0) {
    return { ok: false, reason: 'not_configured', message: 'no Mattermost command token is configured' };
  }
  const authorization = headerValue(input.headers, 'authorization')?.trim();
  const headerToken = authorization?.match(/^token\s+(\S+)$/i)?.[1];
  const fieldToken = readCommandForm(input.rawBody).get('token') ?? undefined;
  if (headerToken === undefined && !fieldToken) {
    return {
      ok: false,
      reason: 'missing_token',
      message: 'the request has neither an "Authorization: Token …" header nor a token field',
    };
  }
  if (headerToken !== undefined && matchesAny(headerToken, tokens)) return { ok: true, via: 'header' };
  if (fieldToken && matchesAny(fieldToken, tokens)) return { ok: true, via: 'field' };
  return { ok: false, reason: 'bad_token', message: 'the Mattermost command token does not match' };
}

function matchesAny(given: string, tokens: readonly string[]): boolean {
  let matched = false;
  for (const token of tokens) if (constantTimeEqual(given, token)) matched = true;
  return matched;
}
