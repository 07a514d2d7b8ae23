/**
 * The per-chat-user command rate limit as a pure decision over a sliding
 * 60-second window. The store (shared by every replica) supplies what it
 * recorded; this only decides. Recommended use: record a command only when
 * it was allowed, so that a user hammering the command is let in again as
 * soon as the window frees a slot.
 *
 * The window at `now` is the half-open interval (now - 60 s, now]: a command
 * exactly 60 s old no longer counts. Timestamps are epoch milliseconds.
 */
export const RATE_WINDOW_MS = 60_000;

/** The earliest timestamp still inside the window (exclusive bound: count `at > windowStart`). */
export function rateWindowStart(now: number): number {
  return now - RATE_WINDOW_MS;
}

export type RateHistory =
  /** Timestamps of recorded commands (any order; old ones are ignored). */
  | { readonly recentTimestamps: readonly number[] }
  /**
   * What a store can count cheaply: the commands inside the window and the
   * oldest of them. The retry time is then exact when the count is at the
   * limit, and a lower bound when concurrent replicas pushed it past.
   */
  | { readonly countInWindow: number; readonly oldestInWindow: number | undefined };

export type RateDecisionInput = RateHistory & {
  /** 0 (or less) turns the limit off. */
  readonly limitPerMinute: number;
  readonly now: number;
};

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export function decideRate(input: RateDecisionInput): RateDecision {
  const { limitPerMinute, now } = input;
  if (limitPerMinute <= 0) return { allowed: true };
  const start = rateWindowStart(now);

  let count: number;
  let freesAt: number | undefined;
  if ('recentTimestamps' in input) {
    const inWindow = input.recentTimestamps.filter((at) => at > start).sort((a, b) => a - b);
    count = inWindow.length;
    // One slot is free once (count - limit + 1) of them have left the window.
    const blocking = inWindow[count - limitPerMinute];
    freesAt = blocking === undefined ? undefined : blocking + RATE_WINDOW_MS;
  } else {
    count = input.countInWindow;
    freesAt = input.oldestInWindow === undefined ? undefined : input.oldestInWindow + RATE_WINDOW_MS;
  }
  if (count < limitPerMinute) return { allowed: true };

  const waitMs = freesAt === undefined ? RATE_WINDOW_MS : freesAt - now;
  // Whole seconds, never 0 (a user told "try again in 0 seconds" would be refused again),
  // never past one window (a clock-skewed replica must not lock a user out for longer).
  const retryAfterSeconds = Math.min(RATE_WINDOW_MS / 1000, Math.max(1, Math.ceil(waitMs / 1000)));
  return { allowed: false, retryAfterSeconds };
}
