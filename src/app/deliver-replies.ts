/**
 * The reply delivery worker (SPEC 6, "Delivery"): takes due replies from
 * the outbox under a lease, posts each through the ChatDelivery port, and
 * records what happened.
 *
 * Policy:
 * - The command's response_url may be used while the command is under 30
 *   minutes old (the reply's expiresAt) and fewer than 5 posts went to it,
 *   counted over all replies of the pipeline (an ack answered in the HTTP
 *   response itself does not count; one posted to the response_url does).
 * - Network errors, 5xx and 429 are retried with backoff and jitter, never
 *   sooner than the platform's Retry-After. Once the response_url may not be
 *   used any more, the adapter falls back to the platform API where a bot
 *   token is configured; with no route left the reply is marked expired
 *   (the web UI still shows it). Permanent refusals mark it failed.
 * - Web-console replies are marked delivered without any HTTP: the console
 *   reads them from the store.
 *
 * Guarantees: the outbox hands a reply to one worker at a time, and a reply
 * marked delivered is never sent again. A worker that dies mid-send leaves
 * its lease to run out, and the reply is sent again: at-least-once towards
 * the platform (a crash at the wrong moment may post twice, at most once
 * more per lease), exactly-once in chatrun's record.
 */
import type { ChatDelivery, ChatDeliveryOutcome } from '../ports/chat-delivery.js';
import type { Clock } from '../ports/clock.js';
import type { ReplyRecord } from '../ports/store/reply-outbox.js';
import type { Store } from '../ports/store/store.js';
import { readReplyContent, readReplyDestination } from './reply-content.js';
import { replyRetryDelayMs, type ReplyBackoff } from './reply-backoff.js';

/** Slack's and Mattermost's limit per response_url. */
export const MAX_RESPONSE_URL_POSTS = 5;

export type ReplyAttemptResult = 'delivered' | 'retry' | 'rejected' | 'expired';

export interface ReplyAttemptReport {
  readonly replyId: number;
  readonly platform: string;
  readonly result: ReplyAttemptResult;
  readonly route?: 'response_url' | 'platform_api' | 'none';
  readonly error?: string;
  /** For `retry`: when the next attempt is due. */
  readonly nextAttemptAt?: number;
}

export interface ReplyDeliveryOptions {
  readonly store: Pick<Store, 'replies'>;
  readonly delivery: ChatDelivery;
  readonly clock: Clock;
  /** Unique per worker (e.g. `<host>:<pid>`): the lease holder. */
  readonly workerId: string;
  /** Replies claimed per round (default 10), posted concurrently. */
  readonly batch?: number;
  /** Lease per claim; must outlast one attempt with its fallback (default 60 s). */
  readonly lockForMs?: number;
  readonly backoff?: ReplyBackoff;
  /** After this many attempts a reply still failing is marked failed (default 30). */
  readonly maxAttempts?: number;
  readonly onAttempt?: (report: ReplyAttemptReport) => void;
  readonly onError?: (error: unknown) => void;
}

/** One round: claims what is due now and attempts each once. */
export async function deliverDueReplies(options: ReplyDeliveryOptions): Promise<ReplyAttemptReport[]> {
  const claimed = await options.store.replies.claimDue(
    options.clock.now(),
    options.batch ?? 10,
    options.lockForMs ?? 60_000,
    options.workerId,
  );
  const reports = await Promise.all(claimed.map((reply) => deliverOne(options, reply)));
  for (const report of reports) options.onAttempt?.(report);
  return reports;
}

async function deliverOne(options: ReplyDeliveryOptions, reply: ReplyRecord): Promise<ReplyAttemptReport> {
  const { replies } = options.store;
  const { workerId, clock } = options;
  const base = { replyId: reply.id, platform: reply.platform };
  const content = readReplyContent(reply.body);
  if (content === undefined) {
    const error = 'the stored reply body is unreadable';
    await replies.markFailed(reply.id, workerId, clock.now(), error);
    return { ...base, result: 'rejected', error };
  }
  if (reply.platform === 'web') {
    await replies.markDelivered(reply.id, workerId, clock.now(), false);
    return { ...base, result: 'delivered', route: 'none' };
  }
  const destination = readReplyDestination(reply.target);
  const posts =
    reply.pipelineId === null ? reply.responseUrlPosts : await replies.responseUrlPostsForPipeline(reply.pipelineId);
  const now = clock.now();
  const inWindow = reply.expiresAt === null || now < reply.expiresAt;
  const responseUrlAllowed = destination.responseUrl !== null && inWindow && posts < MAX_RESPONSE_URL_POSTS;

  let outcome: ChatDeliveryOutcome;
  try {
    outcome = await options.delivery.deliver({ reply, destination, content, responseUrlAllowed });
  } catch (error) {
    // The port promises values; a bug in an adapter is still retried rather than lost.
    outcome = { kind: 'retry', route: responseUrlAllowed ? 'response_url' : 'platform_api', error: describe(error) };
  }
  const at = clock.now();
  switch (outcome.kind) {
    case 'delivered': {
      const recorded = await replies.markDelivered(reply.id, workerId, at, outcome.route === 'response_url');
      if (recorded && outcome.followUp !== undefined) {
        await outcome.followUp().catch((error: unknown) => options.onError?.(error));
      }
      return { ...base, result: 'delivered', route: outcome.route };
    }
    case 'retry': {
      if (reply.attempts >= (options.maxAttempts ?? 30)) {
        const error = `gave up after ${reply.attempts} attempts: ${outcome.error}`;
        await replies.markFailed(reply.id, workerId, at, error);
        return { ...base, result: 'rejected', route: outcome.route, error };
      }
      const nextAttemptAt = at + replyRetryDelayMs(reply.attempts, options.backoff, outcome.afterMs);
      await replies.scheduleRetry(reply.id, workerId, nextAttemptAt, outcome.error, false);
      return { ...base, result: 'retry', route: outcome.route, error: outcome.error, nextAttemptAt };
    }
    case 'no_route':
      await replies.markExpired(reply.id, workerId, at, outcome.reason);
      return { ...base, result: 'expired', error: outcome.reason };
    case 'failed':
      await replies.markFailed(reply.id, workerId, at, outcome.error);
      return { ...base, result: 'rejected', route: outcome.route, error: outcome.error };
  }
}

export interface ReplyDeliveryWorker {
  /** A reply was just enqueued: look now instead of at the next poll. */
  notify(): void;
  /** Stops polling and waits for the round in progress. */
  stop(): Promise<void>;
}

/** Rounds back to back while replies are due, then one per `pollIntervalMs` (default 1 s) or notify(). */
export function startReplyDelivery(options: ReplyDeliveryOptions & { readonly pollIntervalMs?: number }): ReplyDeliveryWorker {
  const batch = options.batch ?? 10;
  let stopped = false;
  let again = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, options.pollIntervalMs ?? 1000);
    timer.unref();
  };
  const rounds = async (): Promise<void> => {
    do {
      again = false;
      try {
        // A full batch means more may be due: go on until a round comes back short.
        let full = true;
        while (!stopped && full) full = (await deliverDueReplies(options)).length >= batch;
      } catch (error) {
        options.onError?.(error);
      }
    } while (again && !stopped);
  };
  function run(): void {
    if (running !== undefined) {
      again = true;
      return;
    }
    running = rounds().finally(() => {
      running = undefined;
      schedule();
    });
  }

  run();
  return {
    notify: () => {
      if (!stopped) run();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
