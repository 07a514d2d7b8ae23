/**
 * Everything a pipeline's job selection depends on besides the CI config:
 * where the pipeline comes from, which ref it is for, the variables visible to
 * `rules:if` / `only:variables`, the files of the commit (`rules:exists`) and
 * the paths the pipeline changed (`changes`).
 *
 * The caller builds it (the server from the database and git, `chatrun exec`
 * from a working directory); nothing here reads the clock, env or disk.
 */
import type { SourceTree } from '../ci-config/source-tree.js';

/**
 * GitLab's pipeline sources (`CI_PIPELINE_SOURCE`), plus chatrun's own `cli`.
 * `only`/`except` refs compare against these names with `_event` removed,
 * singular or plural (`merge_request_event` → `merge_requests`).
 */
export const PIPELINE_SOURCES = [
  'chat',
  'web',
  'api',
  'cli',
  'push',
  'schedule',
  'trigger',
  'pipeline',
  'parent_pipeline',
  'merge_request_event',
  'external',
  'external_pull_request_event',
  'webide',
] as const;

export type PipelineSource = (typeof PIPELINE_SOURCES)[number];

/**
 * A branch or tag pipeline can match `only: [branches]`/`[tags]`, regex refs
 * and plain ref names; a merge request pipeline matches none of those.
 */
export type RefKind = 'branch' | 'tag' | 'merge_request';

/** A project CI/CD variable, as a maintainer configured it. */
export interface ProjectVariable {
  readonly value: string;
  /** Shown as `[MASKED]` in traces and replies. */
  readonly masked?: boolean;
  /** Never `$`-expanded (GitLab's "Expand variable reference" turned off). */
  readonly raw?: boolean;
}

export type ProjectVariables = Readonly<Record<string, ProjectVariable>>;

export interface PipelineContext {
  readonly source: PipelineSource;
  /** Branch or tag name, without `refs/heads/`. */
  readonly ref: string;
  readonly refKind: RefKind;
  /** `group/project`, for `only: [main@group/project]`. */
  readonly projectPath: string;
  /**
   * Predefined variables set by chatrun (see ./predefined-variables.ts):
   * CI, CI_PIPELINE_SOURCE, CI_COMMIT_*, CI_PROJECT_*, GITLAB_USER_*, CHAT_*…
   * Job-level ones (CI_JOB_*) may be present; selection ignores them and adds
   * each job's own CI_JOB_NAME / CI_JOB_STAGE.
   */
  readonly predefinedVariables: Readonly<Record<string, string>>;
  /** Project CI/CD variables (visible to rules, as in GitLab). */
  readonly projectVariables?: ProjectVariables;
  /** Variables given for this pipeline only (web/API "run with variables"). */
  readonly pipelineVariables?: Readonly<Record<string, string>>;
  /** The commit's files, for `rules:exists`; without it no `exists` clause matches. */
  readonly tree?: SourceTree;
  /** Paths changed by the pipeline's push; null = no diff information, so every `changes` clause holds. */
  readonly changedPaths: readonly string[] | null;
  /** `only/except: kubernetes: active`; chatrun has no clusters, so usually false. */
  readonly kubernetesActive?: boolean;
}
