import type { Updateable } from 'kysely';
import { isFinished } from '../../domain/job/job-status.js';
import type { JobStatus } from '../../domain/job/job-status.js';
import type { JobTransitionPatch } from '../../ports/store/pipeline-record.js';
import type { JobsTable } from './database-schema.js';
import { toJsonText } from './json-column.js';

/** The columns a transition to `to` writes: the status, the timestamp it implies, and the patch. */
export function jobTransitionColumns(to: JobStatus, patch: JobTransitionPatch): Updateable<JobsTable> {
  const set: Updateable<JobsTable> = { status: to };
  if (to === 'pending') set.queued_at = patch.at;
  if (to === 'running') {
    set.started_at = patch.at;
    set.heartbeat_at = patch.at;
  }
  if (isFinished(to)) set.finished_at = patch.at;
  if (patch.failureReason !== undefined) set.failure_reason = patch.failureReason;
  if (patch.exitCode !== undefined) set.exit_code = patch.exitCode;
  if (patch.runnerId !== undefined) set.runner_id = patch.runnerId;
  if (patch.payload !== undefined) set.payload = toJsonText(patch.payload);
  return set;
}
