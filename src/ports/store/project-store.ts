import type { JsonObject } from './json-value.js';

/**
 * Projects: a path (`ops/infra`), the git repository the CI config is read
 * from, and per-project settings kept as a JSON object (chat settings, CI
 * variable definitions — never secret values, which are named by env/file in
 * the config and resolved by the server).
 *
 * Contract:
 * - Any method may run concurrently with any other; each is one statement.
 * - `upsertByPath` is idempotent: calling it twice with the same input leaves
 *   one row. It is how the server syncs `projects:` from the config file at
 *   start-up, so concurrent replicas starting together is safe.
 * - Expected outcomes (not found, path taken) are values. A rejected promise
 *   means the database failed (connection lost, disk full).
 */
export interface ProjectRecord {
  readonly id: number;
  readonly path: string;
  /** Local path or clone URL. */
  readonly repository: string;
  /** null: detect from the repository's HEAD. */
  readonly defaultBranch: string | null;
  readonly ciConfigPath: string;
  readonly settings: JsonObject;
  readonly createdAt: number;
}

export interface ProjectInput {
  readonly path: string;
  readonly repository: string;
  readonly defaultBranch?: string | null;
  /** Default `.gitlab-ci.yml`. */
  readonly ciConfigPath?: string;
  /** On upsert, undefined keeps the stored settings; on create it means `{}`. */
  readonly settings?: JsonObject;
}

export type CreateProjectResult =
  | { readonly kind: 'created'; readonly project: ProjectRecord }
  | { readonly kind: 'path_taken' };

export interface ProjectStore {
  create(input: ProjectInput, now: number): Promise<CreateProjectResult>;
  /** Insert, or update repository/default branch/config path (and settings when given) of the row with that path. */
  upsertByPath(input: ProjectInput, now: number): Promise<ProjectRecord>;
  getById(id: number): Promise<ProjectRecord | undefined>;
  getByPath(path: string): Promise<ProjectRecord | undefined>;
  /** Ordered by path. */
  list(): Promise<readonly ProjectRecord[]>;
  /** Replaces the whole settings object. False when there is no such project. */
  updateSettings(id: number, settings: JsonObject): Promise<boolean>;
  /** Deletes the project with its members, pipelines, jobs, traces. False when absent. */
  delete(id: number): Promise<boolean>;
}
