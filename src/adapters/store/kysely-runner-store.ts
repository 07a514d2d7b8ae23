import type { Selectable } from 'kysely';
import type { CreateRunnerResult, RunnerRecord, RunnerStore } from '../../ports/store/runner-store.js';
import type { DatabaseHandle } from './database-handle.js';
import type { RunnersTable } from './database-schema.js';

function toRecord(row: Selectable<RunnersTable>): RunnerRecord {
  return {
    id: row.id,
    name: row.name,
    tokenHash: row.token_hash,
    lastContactAt: row.last_contact_at,
    createdAt: row.created_at,
  };
}

export function createKyselyRunnerStore({ db }: DatabaseHandle): RunnerStore {
  return {
    async create(input, now): Promise<CreateRunnerResult> {
      const row = await db
        .insertInto('runners')
        .values({ name: input.name, token_hash: input.tokenHash, created_at: now })
        .onConflict((oc) => oc.column('token_hash').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? { kind: 'token_taken' } : { kind: 'created', runner: toRecord(row) };
    },

    async getById(id) {
      const row = await db.selectFrom('runners').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async findByTokenHash(tokenHash) {
      const row = await db.selectFrom('runners').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toRecord(row);
    },

    async list() {
      const rows = await db.selectFrom('runners').selectAll().orderBy('id').execute();
      return rows.map(toRecord);
    },

    async touchContact(id, now, minIntervalMs) {
      const result = await db
        .updateTable('runners')
        .set({ last_contact_at: now })
        .where('id', '=', id)
        .where((eb) => eb.or([eb('last_contact_at', 'is', null), eb('last_contact_at', '<=', now - minIntervalMs)]))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async delete(id) {
      const result = await db.deleteFrom('runners').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
