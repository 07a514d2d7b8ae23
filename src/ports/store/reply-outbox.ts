import type { JsonObject, JsonValue } from './json-value.js';

/**
 * The durable outbox of messages owed to chats. A reply is written here
 * before anyone tries to send it, so a crash or restart loses nothing.
 *
 * Call order: a use case `enqueue`s → a delivery worker (one per replica)
 * calls `claimDue` in a loop, sends each claimed reply, then ends the lease
 * with exactly one of `markDelivered`, `scheduleRetry`, `markExpired`,
 * `markFailed`.
 *
 * Concurrency and leases:
 * - `claimDue` moves due replies to `delivering` with a lease (`lockedBy`,
 *   `lockedUntil = now + lockForMs`) and counts an attempt. Two workers
 *   calling it at the same time get disjoint sets (PostgreSQL: `FOR UPDATE
 *   SKIP LOCKED`; SQLite: one IMMEDIATE transaction).
 * - A lease that runs out (worker died mid-send) makes the reply due again,
 *   so at-least-once is the guarantee; the dedupe key of each reply lets
 *   the platform side (or the caller) drop a rare duplicate.
 * - Replies of one pipeline go out in id order: a reply is not due while an
 *   older reply of the same pipeline is still pending or delivering (the
 *   ack before the progress before the result).
 * - Lease-ending methods apply only while the caller still holds the lease
 *   (same worker, state `delivering`) and answer whether they applied; false
 *   means the lease was lost and another worker owns the reply now.
 *
 * Idempotency: `enqueue` is idempotent on `dedupeKey` (e.g. `result:job:42`):
 * the second call stores nothing and answers `duplicate` with the stored
 * reply, so "delivered once per job" holds across retries and replicas.
 *
 * `expiresAt` is when the target's response_url stops working (30 minutes
 * after the command on Slack/Mattermost); the worker decides whether to
 * fall back to a bot token or `markExpired`.
 *
 * A rejected promise means the database failed.
 */
export const REPLY_KINDS = ['ack', 'result', 'progress', 'notice'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

export const REPLY_STATES = ['pending', 'delivering', 'delivered', 'expired', 'failed'] as const;
export type ReplyState = (typeof REPLY_STATES)[number];

/** Where a reply goes: response URL, channel, thread, team — platform-specific keys. */
export type ReplyTarget = JsonObject;

export interface NewReply {
  readonly jobId?: number | null;
  readonly pipelineId?: number | null;
  readonly kind: ReplyKind;
  readonly platform: string;
  readonly target: ReplyTarget;
  /** Platform-neutral reply content. */
  readonly body: JsonValue;
  readonly dedupeKey: string;
  readonly expiresAt?: number | null;
  /** Default: now (due at once). */
  readonly nextAttemptAt?: number;
}

export interface ReplyRecord {
  readonly id: number;
  readonly jobId: number | null;
  readonly pipelineId: number | null;
  readonly kind: ReplyKind;
  readonly platform: string;
  readonly target: ReplyTarget;
  readonly body: JsonValue;
  readonly dedupeKey: string;
  readonly state: ReplyState;
  /** Claims so far (each claim is one attempt). */
  readonly attempts: number;
  /** Posts made to the target's response_url for this reply. */
  readonly responseUrlPosts: number;
  readonly nextAttemptAt: number;
  readonly expiresAt: number | null;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly deliveredAt: number | null;
  readonly lockedUntil: number | null;
  readonly lockedBy: string | null;
}

export type EnqueueReplyResult =
  | { readonly kind: 'enqueued'; readonly reply: ReplyRecord }
  | { readonly kind: 'duplicate'; readonly reply: ReplyRecord };

export interface ReplyOutbox {
  enqueue(reply: NewReply, now: number): Promise<EnqueueReplyResult>;
  /** Up to `limit` due replies, oldest due first, leased to `workerId` for `lockForMs`. */
  claimDue(now: number, limit: number, lockForMs: number, workerId: string): Promise<readonly ReplyRecord[]>;
  markDelivered(id: number, workerId: string, now: number, viaResponseUrl: boolean): Promise<boolean>;
  /** Back to `pending`, due at `nextAt`, remembering the error. */
  scheduleRetry(
    id: number,
    workerId: string,
    nextAt: number,
    error: string,
    countsAsResponseUrlPost: boolean,
  ): Promise<boolean>;
  /** Could not be delivered in time (no fallback): kept for the web UI. */
  markExpired(id: number, workerId: string, now: number, reason: string): Promise<boolean>;
  /** Gave up (permanent error). */
  markFailed(id: number, workerId: string, now: number, error: string): Promise<boolean>;
  get(id: number): Promise<ReplyRecord | undefined>;
  /** In id order. */
  listForJob(jobId: number): Promise<readonly ReplyRecord[]>;
  /** In id order. */
  listForPipeline(pipelineId: number): Promise<readonly ReplyRecord[]>;
  /** All response_url posts made for a pipeline's replies (they share one response_url and its limit of 5). */
  responseUrlPostsForPipeline(pipelineId: number): Promise<number>;
  /**
   * How many replies are still owed to a chat: state `pending` (waiting for
   * their first attempt or a retry) or `delivering` (leased to a worker,
   * including leases that ran out and will be claimed again). Delivered,
   * expired and failed replies are settled and not counted. One count
   * query over every platform and pipeline, no rows loaded (the
   * `chatrun_replies_pending` gauge reads it at every scrape). Read-only,
   * safe to call concurrently with the delivery workers.
   */
  countOpen(): Promise<number>;
}
