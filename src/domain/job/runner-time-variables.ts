/**
 * The variables a runner itself sets when it runs a job (research
 * ci-yaml.md §8.1, "Runner adds at run time"): where the job runs, which
 * build slot, which runner, the job's status so far. Whoever builds a job's
 * variables before a runner has it (the server when a command arrives,
 * `chatrun exec` before its run) cannot know these values, so it must leave
 * them to the runner instead of expanding references to them as undefined.
 *
 * This is the one list: src/runner/runner-variables.ts sets exactly these
 * names (a test in test/app/commands/chat-job-payload.test.ts checks that
 * the two agree).
 */
export const RUNNER_TIME_VARIABLES = [
  'CI_BUILDS_DIR',
  'CI_PROJECT_DIR',
  'CI_CONCURRENT_ID',
  'CI_CONCURRENT_PROJECT_ID',
  'CI_SERVER',
  'CI_SHARED_ENVIRONMENT',
  'CI_JOB_STATUS',
  'CI_JOB_TIMEOUT',
  'CI_RUNNER_DESCRIPTION',
  'CI_RUNNER_VERSION',
  'CI_RUNNER_EXECUTABLE_ARCH',
] as const;

export type RunnerTimeVariable = (typeof RUNNER_TIME_VARIABLES)[number];

const NAMES: ReadonlySet<string> = new Set(RUNNER_TIME_VARIABLES);

export function isRunnerTimeVariable(name: string): name is RunnerTimeVariable {
  return NAMES.has(name);
}
