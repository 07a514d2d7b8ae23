import type { Selectable } from 'kysely';
import type { JsonObject } from '../../ports/store/json-value.js';
import type {
  CreateProjectResult,
  ProjectInput,
  ProjectRecord,
  ProjectStore,
} from '../../ports/store/project-store.js';
import type { DatabaseHandle } from './database-handle.js';
import type { ProjectsTable } from './database-schema.js';
import { fromJsonObjectText, toJsonText } from './json-column.js';

const DEFAULT_CI_CONFIG_PATH = '.gitlab-ci.yml';

function toRecord(row: Selectable<ProjectsTable>): ProjectRecord {
  return {
    id: row.id,
    path: row.path,
    repository: row.repository,
    defaultBranch: row.default_branch,
    ciConfigPath: row.ci_config_path,
    settings: fromJsonObjectText(row.settings),
    createdAt: row.created_at,
  };
}

export function createKyselyProjectStore({ db }: DatabaseHandle): ProjectStore {
  const insertValues = (input: ProjectInput, now: number) => ({
    path: input.path,
    repository: input.repository,
    default_branch: input.defaultBranch ?? null,
    ci_config_path: input.ciConfigPath ?? DEFAULT_CI_CONFIG_PATH,
    settings: toJsonText(input.settings ?? {}),
    created_at: now,
  });

  return {
    async create(input, now): Promise<CreateProjectResult> {
      const row = await db
        .insertInto('projects')
        .values(insertValues(input, now))
        .onConflict((oc) => oc.column('path').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? { kind: 'path_taken' } : { kind: 'created', project: toRecord(row) };
    },

    async upsertByPath(input, now) {
      const row = await db
        .insertInto('projects')
        .values(insertValues(input, now))
        .onConflict((oc) =>
          oc.column('path').doUpdateSet((eb) => ({
            repository: eb.ref('excluded.repository'),
            default_branch: eb.ref('excluded.default_branch'),
            ci_config_path: eb.ref('excluded.ci_config_path'),
            ...(input.settings === undefined ? {} : { settings: eb.ref('excluded.settings') }),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async getById(id) {
      const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async getByPath(path) {
      const row = await db.selectFrom('projects').selectAll().where('path', '=', path).executeTakeFirst();
      return row && toRecord(row);
    },

    async list() {
      const rows = await db.selectFrom('projects').selectAll().orderBy('path').execute();
      return rows.map(toRecord);
    },

    async updateSettings(id, settings: JsonObject) {
      const result = await db
        .updateTable('projects')
        .set({ settings: toJsonText(settings) })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async delete(id) {
      const result = await db.deleteFrom('projects').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
