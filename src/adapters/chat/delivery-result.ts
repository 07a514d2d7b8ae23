import { parseRetryAfter } from './retry-after.js';
import type { HttpAnswer } from './send-http-request.js';

/**
 * What one delivery attempt achieved. The reply queue decides from it:
 * `delivered` → done; `retry` → try again later (not before `afterMs` when
 * the platform said so); `rejected` → this target will never accept it
 * (expired response_url, bad token, unknown channel): fall back or give up.
 */
export type DeliveryResult =
  | { readonly kind: 'delivered'; readonly messageId?: string }
  | { readonly kind: 'retry'; readonly afterMs?: number; readonly error: string }
  | { readonly kind: 'rejected'; readonly status: number; readonly error: string };

/** Statuses worth another try: timeouts, rate limits, server trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/** The generic reading of an HTTP answer; platform code refines 2xx bodies. */
export function deliveryFromAnswer(answer: HttpAnswer, nowMs: number = Date.now()): DeliveryResult {
  switch (answer.kind) {
    case 'bad_url':
      return { kind: 'rejected', status: 0, error: answer.error };
    case 'unreachable':
      return { kind: 'retry', error: answer.error };
    case 'answered': {
      if (answer.status >= 200 && answer.status < 300) return { kind: 'delivered' };
      const error = `HTTP ${answer.status}${describeBody(answer.body)}`;
      if (!isRetryableStatus(answer.status)) return { kind: 'rejected', status: answer.status, error };
      const afterMs = parseRetryAfter(answer.headers.get('retry-after'), nowMs);
      return afterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', afterMs, error };
    }
  }
}

/** The platform's own error words: Slack `{error}`, Mattermost `{id, message}`, or text. */
export function describeBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed === '') return '';
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      const words = [record.error, record.id, record.message].filter((v): v is string => typeof v === 'string');
      if (words.length > 0) return `: ${words.join(' — ')}`;
    }
  } catch {
    // not JSON: fall through to the text itself
  }
  return `: ${trimmed.slice(0, 200)}`;
}
