/**
 * The environment a job's shell gets: the base environment (a clean one
 * from the server, the caller's own from `chatrun exec`), then the runner's
 * own variables (CI_PROJECT_DIR, CI_JOB_STATUS, …), then the job's
 * variables in order, each expanded against what is defined before it
 * (so `PATH: "$CI_PROJECT_DIR/bin:$PATH"` works) unless it is raw.
 * `CHAT_INPUT` is user text and always raw.
 */
import type { RunnableJob } from '../domain/job/runnable-job.js';
import { expandVariableValue } from './variable-expansion.js';

const ALWAYS_RAW = new Set(['CHAT_INPUT']);

export interface JobEnvironment {
  env: Record<string, string>;
  /** Values to mask: each masked variable as written and as expanded. */
  maskedValues: string[];
}

export function buildJobEnvironment(
  baseEnv: Readonly<Record<string, string>>,
  runnerVariables: Readonly<Record<string, string>>,
  job: Pick<RunnableJob, 'variables'>,
): JobEnvironment {
  const env: Record<string, string> = { ...baseEnv, ...runnerVariables };
  const maskedValues: string[] = [];
  for (const variable of job.variables) {
    const raw = variable.raw === true || ALWAYS_RAW.has(variable.key);
    const value = raw ? variable.value : expandVariableValue(variable.value, (name) => env[name]);
    env[variable.key] = value;
    if (variable.masked) maskedValues.push(variable.value, value);
  }
  return { env, maskedValues: [...new Set(maskedValues)].filter((v) => v !== '') };
}

/** What after_script sees in CI_JOB_STATUS. */
export type CiJobStatus = 'running' | 'success' | 'failed' | 'canceled';
