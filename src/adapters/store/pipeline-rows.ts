import type { Selectable } from 'kysely';
import type { JobWhen } from '../../domain/ci-config/job-spec.js';
import { FAILURE_REASONS } from '../../domain/job/failure-reason.js';
import type { FailureReason } from '../../domain/job/failure-reason.js';
import { JOB_STATUSES } from '../../domain/job/job-status.js';
import type { JobStatus } from '../../domain/job/job-status.js';
import { PIPELINE_SOURCES } from '../../ports/store/pipeline-record.js';
import type { ChatContext, JobRecord, PipelineRecord, PipelineSource } from '../../ports/store/pipeline-record.js';
import type { JobsTable, PipelinesTable } from './database-schema.js';
import { fromJsonText } from './json-column.js';

/**
 * Rows of `pipelines` and `jobs` to records. Text columns holding GitLab
 * vocabulary are checked on the way out: a word this version does not know
 * (written by a newer version during a rolling upgrade) reads as the
 * closest safe meaning instead of leaking an unchecked string.
 */

const STATUSES: ReadonlySet<string> = new Set(JOB_STATUSES);
const REASONS: ReadonlySet<string> = new Set(FAILURE_REASONS);
const SOURCES: ReadonlySet<string> = new Set(PIPELINE_SOURCES);
const WHENS: ReadonlySet<string> = new Set(['on_success', 'on_failure', 'always', 'manual', 'delayed']);

export function toJobStatus(text: string): JobStatus {
  return STATUSES.has(text) ? (text as JobStatus) : 'failed';
}

/** GitLab maps a reason it does not know to unknown_failure; so do we. */
function toFailureReason(text: string | null): FailureReason | null {
  if (text === null) return null;
  return REASONS.has(text) ? (text as FailureReason) : 'unknown_failure';
}

function toSource(text: string): PipelineSource {
  return SOURCES.has(text) ? (text as PipelineSource) : 'api';
}

function toWhen(text: string): JobWhen {
  return WHENS.has(text) ? (text as JobWhen) : 'on_success';
}

export function toPipelineRecord(row: Selectable<PipelinesTable>): PipelineRecord {
  const chat: ChatContext | null =
    row.platform === null
      ? null
      : {
          platform: row.platform,
          teamId: row.team_id,
          channelId: row.channel_id,
          channelName: row.channel_name,
          chatUserId: row.chat_user_id,
          chatUserName: row.chat_user_name,
          responseUrl: row.response_url,
          thread: row.thread,
          commandText: row.command_text,
        };
  return {
    id: row.id,
    projectId: row.project_id,
    source: toSource(row.source),
    ref: row.ref,
    sha: row.sha,
    userId: row.user_id,
    status: toJobStatus(row.status),
    chat,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export function toJobRecord(row: Selectable<JobsTable>): JobRecord {
  return {
    id: row.id,
    pipelineId: row.pipeline_id,
    projectId: row.project_id,
    name: row.name,
    stage: row.stage,
    status: toJobStatus(row.status),
    failureReason: toFailureReason(row.failure_reason),
    when: toWhen(row.when),
    allowFailure: row.allow_failure !== 0,
    timeoutSeconds: row.timeout_seconds,
    payload: fromJsonText(row.payload),
    exitCode: row.exit_code,
    runnerId: row.runner_id,
    traceSize: row.trace_size,
    createdAt: row.created_at,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    heartbeatAt: row.heartbeat_at,
    cancelRequested: row.cancel_requested !== 0,
  };
}
