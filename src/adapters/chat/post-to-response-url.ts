import { deliveryFromAnswer, describeBody, type DeliveryResult } from './delivery-result.js';
import { postJson } from './post-json.js';

/**
 * Posts a rendered message (Slack or Mattermost payload) to the
 * command's response_url. Each call spends one of the URL's five uses
 * (30 minutes) when it succeeds; an expired or used-up URL comes back as
 * `rejected` (Slack 404, Mattermost 404/400), the cue to fall back to the
 * platform API. Never throws.
 */
export async function postToResponseUrl(
  url: string,
  body: unknown,
  options: { readonly timeoutMs?: number; readonly nowMs?: number } = {},
): Promise<DeliveryResult> {
  const answer = await postJson(url, body, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
  const result = deliveryFromAnswer(answer, options.nowMs);
  // A 2xx that still reports `{ok: false}` did not post anything.
  if (result.kind === 'delivered' && answer.kind === 'answered' && /"ok"\s*:\s*false/.test(answer.body)) {
    return { kind: 'rejected', status: answer.status, error: `HTTP ${answer.status}${describeBody(answer.body)}` };
  }
  return result;
}
