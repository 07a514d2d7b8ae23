import { readDefaults } from './default-entry.js';
import { entryError, type Findings } from './entry-error.js';
import { readJob } from './job-entry.js';
import { checkJobReferences, type JobGroup } from './job-references-check.js';
import type { CiConfig, ConfigWarning, JobSpec, LoadCiConfigResult, Rule } from './job-spec.js';
import { sharedEntryMemo } from './shared-entry-memo.js';
import { readStages } from './stages-entry.js';
import { readVariables } from './variables-entry.js';
import { readWorkflow } from './workflow-entry.js';
import { isBlank, isYamlMap, type YamlMap } from './yaml-value.js';

/**
 * The last step of loading: a config whose includes, extends and
 * !references are resolved becomes a CiConfig. Top-level keys that are not
 * global keywords are jobs; keys starting with `.` are hidden jobs. Entry
 * errors are all collected; the cross-job checks (stages, needs) run only
 * when the entries are valid, as in GitLab.
 */
const GLOBAL_KEYS = new Set([
  'default', 'include', 'before_script', 'image', 'services', 'after_script', 'variables', 'stages', 'cache', 'workflow',
]);

export function buildCiConfig(input: {
  readonly config: YamlMap;
  readonly descriptions: ReadonlyMap<string, string>;
  readonly warnings: readonly ConfigWarning[];
}): LoadCiConfigResult {
  const { config } = input;
  const findings: Findings = { errors: [], warnings: [...input.warnings] };
  const stages = readStages(config.get('stages') ?? null, findings);
  const variables = readVariables(config.get('variables') ?? null, 'variables', 'global', findings);
  const workflow = readWorkflow(config.get('workflow') ?? null, findings);
  const defaults = readDefaults(config, findings);
  const rawWorkflow = config.get('workflow') ?? null;
  const hasWorkflowRules = isYamlMap(rawWorkflow) && (rawWorkflow.get('rules') ?? null) !== null;

  const sharedRules = sharedEntryMemo<Rule[]>();
  const groups: JobGroup[] = [];
  const hiddenJobs: string[] = [];
  let visible = 0;
  for (const [name, value] of config) {
    if (GLOBAL_KEYS.has(name)) continue;
    const path = `jobs:${name}`;
    if (name.startsWith('.')) {
      if (isBlank(value)) findings.errors.push(entryError(path, "config can't be blank"));
      hiddenJobs.push(name);
      continue;
    }
    if (isYamlMap(value) && value.has('script')) {
      visible += 1;
      const description = input.descriptions.get(name);
      const specs = readJob(name, value, {
        defaults,
        hasWorkflowRules,
        findings,
        sharedRules,
        ...(description !== undefined ? { description } : {}),
      });
      if (specs) groups.push({ name, specs });
      continue;
    }
    const kind = isYamlMap(value) ? (value.has('run') ? 'run' : value.has('trigger') ? 'trigger' : undefined) : undefined;
    if (kind) {
      visible += 1;
      findings.warnings.push({
        path,
        message: `${path}: \`${kind}:\` jobs are not run by chatrun (${kind === 'run' ? 'CI/CD steps' : 'downstream pipelines'}); the job is left out`,
      });
      continue;
    }
    findings.errors.push({
      path,
      message: `jobs ${name} config should implement the script:, run:, or trigger: keyword`.toLowerCase(),
    });
  }
  if (visible === 0 && findings.errors.length === 0) findings.errors.push(entryError('jobs', 'config should contain at least one visible job'));
  if (findings.errors.length === 0) checkJobReferences(groups, stages, findings);
  if (findings.errors.length > 0 || !variables) return { ok: false, errors: findings.errors };

  const jobs = new Map<string, JobSpec>();
  for (const group of groups) for (const spec of group.specs) jobs.set(spec.name, spec);
  const result: CiConfig = {
    stages,
    variables,
    ...(workflow ? { workflow } : {}),
    jobs,
    hiddenJobs,
    warnings: findings.warnings,
  };
  return { ok: true, config: result };
}
