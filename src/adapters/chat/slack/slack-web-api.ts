import { deliveryFromAnswer, type DeliveryResult } from '../delivery-result.js';
import type { HttpAnswer } from '../send-http-request.js';

/**
 * Slack's Web API answers HTTP 200 even for failures and puts the outcome
 * in `{ok, error}`. This reads such an answer: a body with `ok: true` gives
 * its parsed JSON, anything else a DeliveryResult — retry for rate limits
 * and Slack-side trouble (also when they come as `ok:false` words), rejected
 * for everything that will not change by waiting (bad token, unknown or
 * archived channel, not in channel, bad blocks).
 */
export type SlackApiAnswer =
  | { readonly ok: true; readonly json: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly result: DeliveryResult };

const RETRYABLE_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

export function readSlackApiAnswer(answer: HttpAnswer, nowMs: number = Date.now()): SlackApiAnswer {
  const generic = deliveryFromAnswer(answer, nowMs);
  if (generic.kind !== 'delivered' || answer.kind !== 'answered') {
    return { ok: false, result: generic };
  }
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    // Not Slack speaking (a proxy page?): the outcome is unknown, so try again.
    return { ok: false, result: { kind: 'retry', error: `HTTP ${answer.status}: the answer is not JSON` } };
  }
  if (typeof json !== 'object' || json === null) {
    return { ok: false, result: { kind: 'retry', error: `HTTP ${answer.status}: the answer is not a JSON object` } };
  }
  const record = json as Record<string, unknown>;
  if (record.ok === true) return { ok: true, json: record };
  const error = typeof record.error === 'string' ? record.error : 'unknown_error';
  return RETRYABLE_ERRORS.has(error)
    ? { ok: false, result: { kind: 'retry', error: `Slack: ${error}` } }
    : { ok: false, result: { kind: 'rejected', status: answer.status, error: `Slack: ${error}` } };
}

export function slackApiMethodUrl(apiUrl: string, method: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/${method}`;
}
