/**
 * What became of one chat command: the decision recorded in the audit log
 * and the label metrics count. One value per row of SPEC section 2's answer
 * table, plus the answers that are not refusals of a run.
 *
 * `deferred` is only ever the outcome of an immediate answer ("working on
 * it"); the command's real outcome is decided later and recorded then, so a
 * command is counted once.
 */
export const COMMAND_OUTCOMES = [
  'accepted',
  'refused_unlinked',
  'refused_forbidden',
  'refused_unknown_project',
  'refused_invalid_config',
  'refused_job_not_found',
  'refused_job_excluded',
  /** `play N` for a job that is not waiting in `manual`. */
  'refused_not_manual',
  /** No project named, no channel default, and more than one project. */
  'project_required',
  /** The project's repository (or its default branch) could not be read. */
  'repository_unavailable',
  'rate_limited',
  /** `run` or `play` while more jobs wait for a runner than the queue limit allows. */
  'refused_busy',
  'invalid_command',
  'help',
  'deferred',
  'duplicate',
] as const;

export type CommandOutcome = (typeof COMMAND_OUTCOMES)[number];
