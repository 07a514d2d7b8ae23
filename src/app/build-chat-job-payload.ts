/**
 * The RunnableJob stored with a chat job: what a runner, here or on another
 * machine, needs to run it. Variables are final (expanded once, here, as
 * `chatrun exec` does, and marked raw so the runner does not expand them a
 * second time), with two exceptions whose values the server must not or
 * cannot know when the command arrives:
 *
 * - Masked project variables. Their values are never stored (the jobs table
 *   and its backups hold no secrets, see src/ports/store/pipeline-record.ts):
 *   the job holds `{ key, value: '', masked: true }` for each, placed first;
 *   ./job-payload.ts stores it by name and the claim fills in the value from
 *   AppSettings.projectVariables when a runner takes the job.
 * - CI_PROJECT_DIR, which only the runner knows. It is left out, so the
 *   runner's own value stands.
 *
 * A variable whose value refers to one of those (`URL: https://$TOKEN@host`,
 * `BIN: $CI_PROJECT_DIR/bin`) keeps that reference as `${NAME}`, with every
 * other `$` escaped as `$$`, and is marked not raw: the runner's single
 * expansion pass then resolves exactly those references against the values
 * defined before it (masked variables come first; the runner sets
 * CI_PROJECT_DIR before any job variable). To find the references after
 * expansion, the deferred values are stand-ins carrying a random nonce, so no
 * text a user or a config writes can imitate one.
 */
import { randomBytes } from 'node:crypto';
import type { CiConfig } from '../domain/ci-config/job-spec.js';
import type { RunnableJob, RunnableJobGitSource, RunnableJobVariable } from '../domain/job/runnable-job.js';
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
  readonly git: RunnableJobGitSource;
}

export type ChatJobPayloadResult =
  | { readonly kind: 'built'; readonly job: RunnableJob }
  | { readonly kind: 'circular_reference'; readonly message: string };

const RUNNER_PROJECT_DIR = 'CI_PROJECT_DIR';

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
    project: { ...input.facts.project, dir: standIn(RUNNER_PROJECT_DIR) },
    jobId: input.jobId,
    jobName: spec.name,
    stage: spec.stage,
    jobUrl: input.jobUrl,
    pipelineId: input.pipelineId,
    pipelineUrl: input.pipelineUrl,
    jobManual: manual,
    jobTimeoutSeconds: input.timeoutSeconds,
  });
  const built = buildJobVariables({ config: input.config, job: selected, predefined, projectVariables });
  if (built.kind === 'circular_reference') return { kind: 'circular_reference', message: built.message };

  const secrets: RunnableJobVariable[] = [];
  const others: RunnableJobVariable[] = [];
  for (const variable of built.variables) {
    if (variable.name === RUNNER_PROJECT_DIR && variable.origin === 'predefined') continue;
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
      git: { ...input.git },
    },
  };
}
