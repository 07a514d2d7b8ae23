import type { JobWhen } from '../../domain/ci-config/job-spec.js';
import type { FailureReason } from '../../domain/job/failure-reason.js';
import type { JobStatus } from '../../domain/job/job-status.js';
import type { JsonValue } from './json-value.js';

/**
 * The rows PipelineStore reads and writes. Times are epoch milliseconds
 * chosen by the caller (the store never reads the clock).
 */

export const PIPELINE_SOURCES = ['chat', 'web', 'api', 'cli'] as const;
export type PipelineSource = (typeof PIPELINE_SOURCES)[number];

/** Where a chat pipeline came from and where its replies go. */
export interface ChatContext {
  readonly platform: string;
  readonly teamId: string | null;
  readonly channelId: string | null;
  readonly channelName: string | null;
  readonly chatUserId: string | null;
  readonly chatUserName: string | null;
  readonly responseUrl: string | null;
  /** Thread id/timestamp to answer in, where the platform has threads. */
  readonly thread: string | null;
  /** The command text as typed (`run deploy production`). */
  readonly commandText: string | null;
}

export interface PipelineRecord {
  readonly id: number;
  readonly projectId: number;
  readonly source: PipelineSource;
  readonly ref: string;
  readonly sha: string;
  readonly userId: number | null;
  /** GitLab's pipeline statuses are the job statuses. */
  readonly status: JobStatus;
  /** null for pipelines not started from a chat. */
  readonly chat: ChatContext | null;
  readonly createdAt: number;
  readonly finishedAt: number | null;
}

/**
 * A pipeline as createPipeline takes it: the store sets the id, createdAt
 * (its `now`) and finishedAt (`now` for a pipeline created finished, else null).
 */
export type NewPipeline = Omit<PipelineRecord, 'id' | 'createdAt' | 'finishedAt'>;

export interface JobRecord {
  readonly id: number;
  readonly pipelineId: number;
  readonly projectId: number;
  readonly name: string;
  readonly stage: string;
  readonly status: JobStatus;
  readonly failureReason: FailureReason | null;
  readonly when: JobWhen;
  /** Whether a failure may be allowed at all; the exit-code form lives in the payload. */
  readonly allowFailure: boolean;
  readonly timeoutSeconds: number;
  /**
   * What the runner needs to run the job (the RunnableJob), as JSON.
   * Masked variable VALUES must never be in it: it holds their names, and
   * the server resolves the values when the job is claimed, so secrets are
   * not at rest in the jobs table (nor in backups of it).
   */
  readonly payload: JsonValue;
  readonly exitCode: number | null;
  readonly runnerId: number | null;
  /** Bytes of trace stored so far (TraceStore keeps it). */
  readonly traceSize: number;
  readonly createdAt: number;
  /** When it last became `pending` (the queue order). */
  readonly queuedAt: number | null;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  /** Last sign of life from its runner while running. */
  readonly heartbeatAt: number | null;
  readonly cancelRequested: boolean;
}

export interface NewJob {
  readonly name: string;
  readonly stage: string;
  /** Usually `pending` (queued at once), `manual` or `created`. */
  readonly status: JobStatus;
  readonly when: JobWhen;
  readonly allowFailure: boolean;
  readonly timeoutSeconds: number;
  readonly payload: JsonValue;
}

/**
 * What a transition writes besides the status. `at` is the moment of the
 * transition: the store puts it in queued_at (→ pending), started_at and
 * heartbeat_at (→ running) or finished_at (→ success/failed/canceled/skipped).
 */
export interface JobTransitionPatch {
  readonly at: number;
  readonly failureReason?: FailureReason | null;
  readonly exitCode?: number | null;
  readonly runnerId?: number | null;
  /** Replace the payload (e.g. a `manual` job played with new variables). */
  readonly payload?: JsonValue;
  /**
   * Also set the pipeline's status in the same transaction, only if the job
   * transition applied (its finishedAt is `at` when the status is finished).
   */
  readonly pipelineStatus?: JobStatus;
}

/** Extra conditions a transition needs besides the current status. */
export interface JobTransitionGuard {
  /** Only the runner that holds the job may move it. */
  readonly runnerId?: number;
  /** Only if its last heartbeat is older than this (the reaper's guard against a late heartbeat). */
  readonly heartbeatBefore?: number;
}

export type JobTransitionResult =
  | { readonly kind: 'applied'; readonly job: JobRecord }
  /** The job is not in an expected status (or the guard failed); `job` is how it is now. */
  | { readonly kind: 'conflict'; readonly job: JobRecord }
  | { readonly kind: 'not_found' };

export type HeartbeatResult =
  | { readonly kind: 'alive'; readonly cancelRequested: boolean }
  /** Not running, or held by another runner: the runner must stop. */
  | { readonly kind: 'not_running'; readonly status: JobStatus }
  | { readonly kind: 'not_found' };

export type CancelResult =
  /** It had not started (created/pending/manual): it is now `canceled`. */
  | { readonly kind: 'canceled'; readonly job: JobRecord }
  /** It is running: cancel_requested is set; its runner learns on its next heartbeat. */
  | { readonly kind: 'cancel_requested'; readonly job: JobRecord }
  | { readonly kind: 'already_finished'; readonly job: JobRecord }
  | { readonly kind: 'not_found' };
