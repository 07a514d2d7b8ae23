/**
 * Hand-made `CiConfig` / `JobSpec` values for tests: GitLab's defaults
 * filled in (stage `test`, `when: on_success`, inherit everything), so a test
 * writes only what it is about. Not used by production code.
 */
import type { CiConfig, JobSpec, VariableMap } from '../ci-config/job-spec.js';

export function jobSpec(name: string, overrides: Partial<JobSpec> = {}): JobSpec {
  return {
    name,
    stage: 'test',
    script: [`echo ${name}`],
    beforeScript: [],
    afterScript: [],
    variables: {},
    inherit: { default: true, variables: true },
    when: 'on_success',
    tags: [],
    inert: {},
    ...overrides,
  };
}

export function ciConfig(jobs: readonly JobSpec[], overrides: Partial<Omit<CiConfig, 'jobs'>> = {}): CiConfig {
  return {
    stages: ['.pre', 'build', 'test', 'deploy', '.post'],
    variables: {},
    hiddenJobs: [],
    warnings: [],
    ...overrides,
    jobs: new Map(jobs.map((job) => [job.name, job])),
  };
}

/** `variables:` entries; `raw` names get `expand: false`. */
export function variableMap(values: Readonly<Record<string, string>>, raw: readonly string[] = []): VariableMap {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { value, expand: !raw.includes(name) }]),
  );
}
