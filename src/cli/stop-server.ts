/**
 * The server's graceful shutdown, in the order that loses nothing:
 *
 * 1. close the HTTP listener (no new commands; requests in flight finish);
 * 2. stop claiming jobs and let running ones finish, up to the grace
 *    period; then cancel what is still running (SIGTERM, SIGKILL after
 *    runner.cancel_grace; after_script runs), so those jobs end `canceled`
 *    and their chats are told, instead of waiting for recovery;
 * 3. stop the stale-job reaper;
 * 4. deliver the replies that are due (results of the jobs that just
 *    ended included), and wait for retries due within the flush window;
 *    anything left stays in the outbox for the next start;
 * 5. close the store.
 *
 * `hurry(ms)` shortens the grace period while the shutdown runs (a second
 * SIGTERM/SIGINT asks for 0: cancel now).
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { deliverDueReplies, type ReplyDeliveryOptions, type ReplyDeliveryWorker } from '../app/deliver-replies.js';
import type { StaleJobReaper } from '../app/reap-stale-jobs.js';
import type { Store } from '../ports/store/store.js';
import type { RunnerLoop } from '../runner/runner-loop.js';

export interface StopOptions {
  /** Cancel jobs still running after this many ms (default: the server's shutdown grace). */
  readonly graceMs?: number;
}

export interface ServerParts {
  readonly app: FastifyInstance;
  readonly runner: RunnerLoop | undefined;
  readonly replies: ReplyDeliveryWorker;
  readonly reaper: StaleJobReaper;
  readonly store: Store;
  readonly replyOptions: ReplyDeliveryOptions;
  readonly logger: Logger;
}

export interface Stopping {
  readonly done: Promise<void>;
  hurry(graceMs: number): void;
}

export function stopServer(parts: ServerParts, limits: { readonly graceMs: number; readonly flushMs: number }): Stopping {
  const grace = new Deadline(Date.now() + limits.graceMs);
  const done = (async () => {
    const { logger } = parts;
    logger.info('shutting down: no new commands');
    await parts.app.close();
    if (parts.runner !== undefined) await stopRunner(parts.runner, grace, logger);
    await parts.reaper.stop();
    await parts.replies.stop();
    await flushReplies(parts.replyOptions, limits.flushMs, logger);
    await parts.store.close();
    logger.info('chatrun stopped');
  })();
  return { done, hurry: (graceMs) => grace.moveTo(Date.now() + graceMs) };
}

async function stopRunner(runner: RunnerLoop, grace: Deadline, logger: Logger): Promise<void> {
  const running = runner.activeJobIds;
  if (running.length > 0) logger.info({ jobs: running }, 'waiting for running jobs to finish');
  const drained = runner.stop({ drain: true }).then(() => 'drained' as const);
  const first = await Promise.race([drained, grace.reached.then(() => 'late' as const)]);
  grace.clear();
  if (first === 'drained') return;
  logger.warn({ jobs: runner.activeJobIds }, 'grace period over: cancelling the jobs still running');
  await runner.stop({ drain: false });
}

async function flushReplies(options: ReplyDeliveryOptions, flushMs: number, logger: Logger): Promise<void> {
  const clock = options.clock;
  const until = clock.now() + flushMs;
  const realUntil = Date.now() + flushMs;
  let nextRetry: number | undefined;
  while (Date.now() < realUntil) {
    let reports: Awaited<ReturnType<typeof deliverDueReplies>>;
    try {
      reports = await deliverDueReplies(options);
    } catch (error) {
      logger.error({ err: error }, 'could not flush replies');
      return;
    }
    for (const report of reports) {
      if (report.result === 'retry' && report.nextAttemptAt !== undefined) nextRetry = Math.min(nextRetry ?? Infinity, report.nextAttemptAt);
    }
    if (reports.length > 0) continue;
    // Nothing due now; a retry falling due within the window is still worth waiting for.
    if (nextRetry === undefined || nextRetry >= until) return;
    const wait = Math.min(nextRetry - clock.now(), realUntil - Date.now());
    nextRetry = undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.max(10, wait)));
  }
}

/** A point in time that can be moved earlier, with a promise that resolves when it is reached. */
class Deadline {
  readonly reached: Promise<void>;
  private resolve: () => void = () => undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private at: number) {
    this.reached = new Promise((resolve) => {
      this.resolve = resolve;
    });
    this.arm();
  }

  moveTo(at: number): void {
    if (at >= this.at) return;
    this.at = at;
    this.arm();
  }

  clear(): void {
    clearTimeout(this.timer);
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.resolve(), Math.max(0, this.at - Date.now()));
  }
}
