/**
 * When to try a reply again: exponential backoff with jitter, so that many
 * replies failing together (a platform outage) do not come back together.
 * The delay doubles per attempt from `baseMs` up to `maxMs`, and a random
 * point in its upper half is taken ("equal jitter": never less than half
 * the step, so the backoff still grows). A platform's Retry-After is a
 * floor: chatrun never comes back sooner than it was asked to.
 */
export interface ReplyBackoff {
  /** Delay after the first failed attempt (default 1 s). */
  readonly baseMs?: number;
  /** Largest delay (default 5 minutes). */
  readonly maxMs?: number;
  /** [0, 1); default Math.random. Tests pass a constant. */
  readonly random?: () => number;
}

/** Longest Retry-After honoured as given: a platform asking for more is asked again after this. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** `attempts`: attempts made so far, the failed one included (1 after the first). */
export function replyRetryDelayMs(attempts: number, backoff: ReplyBackoff = {}, retryAfterMs?: number): number {
  const base = backoff.baseMs ?? 1000;
  const max = backoff.maxMs ?? 5 * 60 * 1000;
  const random = backoff.random ?? Math.random;
  const step = Math.min(max, base * 2 ** Math.min(30, Math.max(0, attempts - 1)));
  const jittered = Math.round(step / 2 + random() * (step / 2));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}
