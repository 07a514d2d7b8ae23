import { plainError, type Findings } from './entry-error.js';
import type { JobSpec } from './job-spec.js';
import { isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/**
 * GitLab's logical checks across jobs, run once every job is valid: the
 * chosen stage exists, `needs`/`dependencies` name jobs in the same or an
 * earlier stage, and `environment:on_stop` names a job. Names are the
 * jobs' names before `parallel` expansion (a need on `test` means all
 * `test n/N` jobs).
 */
export interface JobGroup {
  /** The name as written (before parallel expansion). */
  readonly name: string;
  readonly specs: readonly JobSpec[];
}

export function checkJobReferences(groups: readonly JobGroup[], stages: readonly string[], findings: Findings): void {
  const stageOf = new Map<string, number>();
  for (const group of groups) {
    for (const spec of group.specs) {
      stageOf.set(spec.name, stages.indexOf(spec.stage));
      stageOf.set(group.name, stages.indexOf(spec.stage));
    }
  }
  for (const group of groups) {
    const spec = group.specs[0];
    if (!spec) continue;
    const at = `jobs:${group.name}`;
    const stageIndex = stages.indexOf(spec.stage);
    if (stageIndex < 0) {
      findings.errors.push(
        plainError(`${at}:stage`, `${group.name} job: chosen stage ${spec.stage} does not exist; available stages are ${stages.join(', ')}`),
      );
      continue;
    }
    for (const need of neededJobs(spec.inert['needs'] as YamlValue | undefined)) {
      const index = stageOf.get(need);
      if (index === undefined) findings.errors.push(plainError(`${at}:needs`, `${group.name} job: undefined need: ${need}`));
      else if (index > stageIndex) {
        findings.errors.push(plainError(`${at}:needs`, `${group.name} job: need ${need} is not defined in current or prior stages`));
      }
    }
    const dependencies = spec.inert['dependencies'] as YamlValue | undefined;
    for (const dependency of isYamlSeq(dependencies) ? dependencies : []) {
      if (typeof dependency !== 'string') continue;
      const index = stageOf.get(dependency);
      if (index === undefined) findings.errors.push(plainError(`${at}:dependencies`, `${group.name} job: undefined dependency: ${dependency}`));
      else if (index > stageIndex) {
        findings.errors.push(
          plainError(`${at}:dependencies`, `${group.name} job: dependency ${dependency} is not defined in current or prior stages`),
        );
      }
    }
    const onStop = spec.environment?.onStop;
    if (onStop !== undefined && !stageOf.has(onStop)) {
      findings.errors.push(plainError(`${at}:environment`, `${group.name} job: on_stop job ${onStop} is not defined`));
    }
  }
}

/** Job names a job needs from this pipeline (optional and cross-pipeline needs excluded). */
function neededJobs(needs: YamlValue | undefined): string[] {
  const items = isYamlSeq(needs) ? needs : [];
  const names: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') names.push(item);
    else if (isYamlMap(item)) {
      const job = item.get('job');
      const external = item.has('pipeline') || item.has('project');
      if (typeof job === 'string' && !external && item.get('optional') !== true) names.push(job);
    }
  }
  return names;
}
