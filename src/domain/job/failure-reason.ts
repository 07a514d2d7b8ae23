/**
 * Why a job failed, in GitLab's words (the subset a shell executor and a
 * ChatOps server can produce).
 */
export const FAILURE_REASONS = [
  'script_failure',
  'job_execution_timeout',
  'runner_system_failure',
  'stuck_or_timeout_failure',
  'unknown_failure',
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];
