/**
 * Job and pipeline statuses, in GitLab's words. No synonyms anywhere in
 * chatrun: the database, the API, the web UI and chat all say these.
 */
export const JOB_STATUSES = [
  'created',
  'pending',
  'running',
  'success',
  'failed',
  'canceled',
  'skipped',
  'manual',
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses a job never leaves. */
export const FINISHED_STATUSES: ReadonlySet<JobStatus> = new Set(['success', 'failed', 'canceled', 'skipped']);

export function isFinished(status: JobStatus): boolean {
  return FINISHED_STATUSES.has(status);
}
