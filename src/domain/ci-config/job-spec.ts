/**
 * The typed, validated shape of a `.gitlab-ci.yml` after loading: YAML 1.1,
 * include:local, extends, !reference, default:/inherit: and parallel:matrix
 * are all resolved, so nothing downstream ever sees raw YAML (`unknown`
 * stops at the validation boundary in ./load-ci-config.ts).
 *
 * This file is the contract between the loader, job selection
 * (src/domain/pipeline) and the script builder (src/domain/script).
 */

/** A job-level `when`. `never` exists only inside rules. */
export type JobWhen = 'on_success' | 'on_failure' | 'always' | 'manual' | 'delayed';
export type RuleWhen = JobWhen | 'never';

/** One variable as written in `variables:` (global or job). */
export interface VariableSpec {
  /** The value as GitLab stores it (YAML scalars turned to text Ruby's way). */
  readonly value: string;
  /** `expand: false` marks the value raw: `$X` inside it is never expanded. */
  readonly expand: boolean;
  /** Global variables only. */
  readonly description?: string;
  /** Global variables only: the allowed values (value is among them). */
  readonly options?: readonly string[];
}

export type VariableMap = Readonly<Record<string, VariableSpec>>;

/** `rules:changes` and `rules:exists` in their normalised form. */
export interface PathsClause {
  readonly paths: readonly string[];
  /** `changes:compare_to`. */
  readonly compareTo?: string;
}

/** One entry of `rules:` (job) or `workflow:rules:`. */
export interface Rule {
  readonly if?: string;
  readonly changes?: PathsClause;
  readonly exists?: PathsClause;
  readonly when?: RuleWhen;
  readonly allowFailure?: boolean;
  readonly startIn?: string;
  readonly variables?: VariableMap;
  readonly interruptible?: boolean;
}

/** `only:` / `except:` normalised to the hash form. */
export interface Policy {
  readonly refs?: readonly string[];
  readonly variables?: readonly string[];
  readonly changes?: readonly string[];
  readonly kubernetes?: 'active';
}

export type AllowFailure = boolean | { readonly exitCodes: readonly number[] };

export interface RetrySpec {
  readonly max: number;
  readonly when: readonly string[];
  readonly exitCodes: readonly number[];
}

export interface EnvironmentSpec {
  readonly name: string;
  readonly url?: string;
  readonly action?: 'start' | 'stop' | 'prepare' | 'verify' | 'access';
  readonly onStop?: string;
  readonly autoStopIn?: string;
  readonly deploymentTier?: string;
}

/** Which global things a job takes (`inherit:`). */
export interface InheritSpec {
  /** true = all `default:` keys, false = none, or the listed keys. */
  readonly default: boolean | readonly string[];
  /** true = all global variables, false = none, or the listed names. */
  readonly variables: boolean | readonly string[];
}

/** A job ready to be selected and run. */
export interface JobSpec {
  /** Final name (after parallel expansion: `test 1/3`, `deploy: [eu, prod]`). */
  readonly name: string;
  /** The comment block directly above the job's key, if any (shown by chat `help`). */
  readonly description?: string;
  readonly stage: string;
  /** Flattened command lists; `script` is never empty for a job. */
  readonly script: readonly string[];
  readonly beforeScript: readonly string[];
  readonly afterScript: readonly string[];
  /** The job's own `variables:` (not merged with globals; see `inherit`). */
  readonly variables: VariableMap;
  readonly inherit: InheritSpec;
  /** Present only when the job (or the implicit default) has them. */
  readonly only?: Policy;
  readonly except?: Policy;
  readonly rules?: readonly Rule[];
  readonly when: JobWhen;
  readonly startIn?: string;
  /** Job-level allow_failure as written; undefined = GitLab's default for `when`. */
  readonly allowFailure?: AllowFailure;
  /** `timeout:` in seconds, if set. */
  readonly timeoutSeconds?: number;
  readonly retry?: RetrySpec;
  readonly environment?: EnvironmentSpec;
  readonly resourceGroup?: string;
  readonly interruptible?: boolean;
  readonly tags: readonly string[];
  /** Extra variables from parallel/matrix expansion (CI_NODE_INDEX, matrix values). */
  readonly parallelVariables?: Readonly<Record<string, string>>;
  /**
   * Keywords validated and kept but not acted on by the shell executor
   * (image, services, cache, artifacts, needs, dependencies, coverage,
   * secrets, id_tokens, hooks, …), as they were written.
   */
  readonly inert: Readonly<Record<string, unknown>>;
}

export interface WorkflowSpec {
  readonly name?: string;
  readonly rules?: readonly Rule[];
}

/** Something the config does that the shell executor will not honour. */
export interface ConfigWarning {
  /** GitLab-style location: `jobs:deploy:image`. */
  readonly path: string;
  readonly message: string;
}

export interface CiConfig {
  /** With `.pre` first and `.post` last. */
  readonly stages: readonly string[];
  /** Global `variables:`. */
  readonly variables: VariableMap;
  readonly workflow?: WorkflowSpec;
  /** Visible jobs, in document order. */
  readonly jobs: ReadonlyMap<string, JobSpec>;
  /** Names of hidden jobs (`.name`): not runnable, but known, so chat can say why. */
  readonly hiddenJobs: readonly string[];
  readonly warnings: readonly ConfigWarning[];
}

/** One validation error, GitLab-style: `jobs:deploy:script config should be …`. */
export interface ConfigError {
  /** Location, e.g. `jobs:deploy:script`, or `` for the whole file. */
  readonly path: string;
  /** The full message as shown to the user, path included. */
  readonly message: string;
}

export type LoadCiConfigResult =
  | { readonly ok: true; readonly config: CiConfig }
  | { readonly ok: false; readonly errors: readonly ConfigError[] };
