import { timingSafeEqual } from 'node:crypto';
import { headerValue, type RequestHeaders } from '../request-headers.js';
import { slackSignature } from './slack-signature.js';

/**
 * Checks that a request came from Slack (v0 signing) and is fresh. Call it
 * with the RAW body bytes before parsing them: re-encoding a parsed form
 * changes the bytes and the signature with them. Pure apart from hashing:
 * the clock comes in as `nowSeconds`.
 */
export interface VerifySlackRequestInput {
  /** One secret, or several while rotating them (any one may match). */
  readonly signingSecret: string | readonly string[];
  readonly rawBody: string | Uint8Array;
  readonly headers: RequestHeaders;
  readonly nowSeconds: number;
  /** Allowed clock difference in either direction; Slack says 5 minutes. */
  readonly toleranceSeconds?: number;
}

export type SlackVerificationFailure =
  | 'not_configured'
  | 'missing_signature'
  | 'missing_timestamp'
  | 'bad_timestamp'
  | 'stale_timestamp'
  | 'bad_signature';

export type SlackVerification =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: SlackVerificationFailure; readonly message: string };

const SIGNATURE = /^v0=[0-9a-f]{64}$/;

export function verifySlackRequest(input: VerifySlackRequestInput): SlackVerification {
  const secrets = (typeof input.signingSecret === 'string' ? [input.signingSecret] : input.signingSecret).filter(
    (s) => s.length > 0,
  );
  if (secrets.length === 0) {
    return { ok: false, reason: 'not_configured', message: 'no Slack signing secret is configured' };
  }
  const signature = headerValue(input.headers, 'x-slack-signature')?.trim();
  if (!signature) {
    return { ok: false, reason: 'missing_signature', message: 'the request has no X-Slack-Signature header' };
  }
  const stamp = headerValue(input.headers, 'x-slack-request-timestamp')?.trim();
  if (!stamp) {
    return { ok: false, reason: 'missing_timestamp', message: 'the request has no X-Slack-Request-Timestamp header' };
  }
  if (!/^\d{1,12}$/.test(stamp)) {
    return { ok: false, reason: 'bad_timestamp', message: `X-Slack-Request-Timestamp "${stamp}" is not Unix seconds` };
  }
  const timestamp = Number(stamp);
  const tolerance = input.toleranceSeconds ?? 300;
  // Two-sided on purpose: a timestamp from the future is as replayable as an old one.
  if (Math.abs(input.nowSeconds - timestamp) > tolerance) {
    return {
      ok: false,
      reason: 'stale_timestamp',
      message: `the request timestamp is ${Math.round(input.nowSeconds - timestamp)} s away from now (allowed ±${tolerance} s)`,
    };
  }
  if (!SIGNATURE.test(signature)) {
    return { ok: false, reason: 'bad_signature', message: 'X-Slack-Signature is not of the form v0=<64 hex digits>' };
  }
  const given = Buffer.from(signature, 'utf8');
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(slackSignature(secret, stamp, input.rawBody), 'utf8');
    // Both are `v0=` + 64 hex, so the lengths are equal; every secret is tried.
    if (timingSafeEqual(given, expected)) matched = true;
  }
  return matched
    ? { ok: true, timestamp }
    : { ok: false, reason: 'bad_signature', message: 'X-Slack-Signature does not match the body and signing secret' };
}
