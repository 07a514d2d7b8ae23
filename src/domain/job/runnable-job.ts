/**
 * What a runner needs to run one job, in the spirit of GitLab's job payload
 * (`POST /jobs/request` answer): the command lists, the variables to export,
 * the timeout and where the sources come from. Plain data only, so that it
 * survives `JSON.stringify`/`JSON.parse` unchanged: remote runners receive
 * it over HTTP.
 *
 * The outcome a runner reports back (`JobOutcome`) lives here too, because
 * the use cases that record it (src/app) and the runner that produces it
 * (src/runner) must agree on it without importing each other.
 */
import type { FailureReason } from './failure-reason.js';

export interface RunnableJobVariable {
  key: string;
  value: string;
  /** The value is replaced by `[MASKED]` in the trace. */
  masked: boolean;
  /**
   * `$NAME` references inside the value are left alone by the runner.
   * `CHAT_INPUT` is always treated as raw, whatever this says: it is user
   * text and must reach the job verbatim.
   */
  raw?: boolean;
}

export interface RunnableJobGitSource {
  /** Local path or clone URL. */
  repository: string;
  /** Full commit SHA to check out. */
  sha: string;
  /** Branch or tag the pipeline runs for (shown as "ref is …"). */
  ref: string;
  /** Project path (`ops/infra`): where the working copy lives under the builds dir. */
  projectPath: string;
}

export type RunnableJobAllowFailure = boolean | { exitCodes: number[] };

export interface RunnableJob {
  id: number;
  name: string;
  stage: string;
  beforeScript: string[];
  script: string[];
  afterScript: string[];
  /** In definition order; a later entry with the same key wins. */
  variables: RunnableJobVariable[];
  timeoutSeconds: number;
  allowFailure: RunnableJobAllowFailure;
  /** Absent when the job runs in a directory as it is (`chatrun exec`). */
  git?: RunnableJobGitSource;
}

/** How a run ended, as the runner reports it. */
export interface JobOutcome {
  status: 'success' | 'failed' | 'canceled';
  /** Set exactly when status is `failed`. */
  failureReason?: FailureReason;
  /** The script's exit code; null when it did not exit by itself (timeout, cancel, system failure). */
  exitCode: number | null;
  /** Bytes of trace produced (what the caller received through onTrace). */
  traceBytes: number;
}

/**
 * Whether a failed outcome counts as allowed (the pipeline goes on and the
 * job shows a warning). Only script failures can be allowed by `exit_codes`;
 * `allow_failure: true` allows every failure, as in GitLab.
 */
export function isFailureAllowed(job: Pick<RunnableJob, 'allowFailure'>, outcome: JobOutcome): boolean {
  if (outcome.status !== 'failed') return false;
  const allow = job.allowFailure;
  if (typeof allow === 'boolean') return allow;
  return outcome.exitCode !== null && allow.exitCodes.includes(outcome.exitCode);
}
