/**
 * The RunnableJob of a chat job: what a runner, here or on another machine,
 * needs to run it. The server stores it with the job; `chatrun exec` builds
 * its rehearsal with this same function, so both give a job the same
 * variables. Variables are final (expanded once, here, and marked raw so the
 * runner does not expand them a second time), with two exceptions whose
 * values cannot be known when the command arrives:
 *
 * - Masked project variables. Their values are never stored (the jobs table
 *   and its backups hold no secrets, see src/ports/store/pipeline-record.ts):
 *   the job holds `{ key, value: '', masked: true }` for each, placed first;
 *   ./job-payload.ts stores it by name and the claim fills in the value from
 *   AppSettings.projectVariables when a runner takes the job.
 * - The runner's own variables (RUNNER_TIME_VARIABLES: CI_PROJECT_DIR,
 *   CI_BUILDS_DIR, CI_CONCURRENT_ID, …), which only the runner that takes the
 *   job knows. They are left out, so the runner's values stand; like the
 *   predefined variables, no config or project variable can replace them.
 *
 * A variable whose value refers to one of those (`URL: https://$TOKEN@host`,
 * `WORK: $CI_BUILDS_DIR/work`) keeps that reference as `${NAME}`, with every
 * other `$` escaped as `$$`, and is marked not raw: the runner's single
 * expansion pass then resolves exactly those references against the values
 * defined before it (masked variables come first; the runner sets its own
 * variables before any job variable, see src/runner/job-environment.ts). To
 * find the references after expansion, the deferred values are stand-ins
 * carrying a random nonce, so no text a user or a config writes can imitate
 * one.
 */
import { randomBytes } from 'node:crypto';
import type { CiConfig } from '../domain/ci-config/job-spec.js';
import type { RunnableJob, RunnableJobGitSource, RunnableJobVariable } from '../domain/job/runnable-job.js';
import { isRunnerTimeVariable, RUNNER_TIME_VARIABLES } from '../domain/job/runner-time-variables.js';
import { buildJobVariables } from '../domain/pipeline/job-variables.js';
import type { ProjectVariables } from '../domain/pipeline/pipeline-context.js';
import type { PipelinePredefinedInput } from '../domain/pipeline/predefined-variables.js';
import { buildPredefinedVariables } from '../domain/pipeline/predefined-variables.js';
import type { SelectedJob } from '../domain/pipeline/select-chat-job.js';

export interface ChatJobPayloadInput {
  readonly config: CiConfig;
  readonly selected: SelectedJob;
  readonly facts: PipelinePredefinedInput;
  /** With their values; masked ones are kept out of the result. */
  readonly projectVariables: ProjectVariables;
  readonly jobId: number;
  readonly pipelineId: number;
  readonly jobUrl: string;
  readonly pipelineUrl: string;
  readonly timeoutSeconds: number;
  /** Absent for `chatrun exec`, which runs in a directory as it is. */
  readonly git?: RunnableJobGitSource;
}

export type ChatJobPayloadResult =
  | { readonly kind: 'built'; readonly job: RunnableJob }
  | { readonly kind: 'circular_reference'; readonly message: string };

export function buildChatJobPayload(input: ChatJobPayloadInput): ChatJobPayloadResult {
  const { selected } = input;
  const { spec } = selected;
  const nonce = randomBytes(12).toString('hex');
  const standIn = (name: string): string => `\u{E000}${nonce}:${name}\u{E001}`;
  const standInPattern = new RegExp(`\\u{E000}${nonce}:([A-Za-z_][A-Za-z0-9_]*)\\u{E001}`, 'gu');

  const secret = new Map<string, { readonly raw: boolean }>();
  const projectVariables: Record<string, { value: string; masked?: boolean; raw?: boolean }> = {};
  for (const [name, variable] of Object.entries(input.projectVariables)) {
    if (variable.masked === true) {
      secret.set(name, { raw: variable.raw === true });
      projectVariables[name] = { value: standIn(name), masked: true, raw: true };
    } else {
      projectVariables[name] = { ...variable };
    }
  }
  const manual = selected.when === 'manual' || selected.when === 'delayed';
  const predefined = buildPredefinedVariables({
    ...input.facts,
    jobId: input.jobId,
    jobName: spec.name,
    stage: spec.stage,
    jobUrl: input.jobUrl,
    pipelineId: input.pipelineId,
    pipelineUrl: input.pipelineUrl,
    jobManual: manual,
    jobTimeoutSeconds: input.timeoutSeconds,
  });
  for (const name of RUNNER_TIME_VARIABLES) predefined[name] = standIn(name);
  const built = buildJobVariables({ config: input.config, job: selected, predefined, projectVariables });
  if (built.kind === 'circular_reference') return { kind: 'circular_reference', message: built.message };

  const secrets: RunnableJobVariable[] = [];
  const others: RunnableJobVariable[] = [];
  for (const variable of built.variables) {
    // Predefined values win over every other layer, so a runner-time name is always the stand-in here.
    if (isRunnerTimeVariable(variable.name)) continue;
    const masked = variable.origin === 'project' ? secret.get(variable.name) : undefined;
    if (masked !== undefined) {
      secrets.push({ key: variable.name, value: '', masked: true, raw: masked.raw });
    } else if (variable.origin !== 'predefined' && variable.value.includes(`\u{E000}${nonce}:`)) {
      const value = variable.value.replace(/\$/g, '$$$$').replace(standInPattern, (_whole, name: string) => `\${${name}}`);
      others.push({ key: variable.name, value, masked: variable.masked, raw: false });
    } else {
      others.push({ key: variable.name, value: variable.value, masked: variable.masked, raw: true });
    }
  }
  const allow = selected.allowFailure;
  return {
    kind: 'built',
    job: {
      id: input.jobId,
      name: spec.name,
      stage: spec.stage,
      beforeScript: [...spec.beforeScript],
      script: [...spec.script],
      afterScript: [...spec.afterScript],
      variables: [...secrets, ...others],
      timeoutSeconds: input.timeoutSeconds,
      allowFailure: typeof allow === 'boolean' ? allow : { exitCodes: [...allow.exitCodes] },
      ...(input.git === undefined ? {} : { git: { ...input.git } }),
    },
  };
}
