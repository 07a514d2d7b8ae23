import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationResult, StoreDialect } from '../../ports/store/store.js';
import type { Database } from './database-schema.js';
import { migrationProvider } from './migrations/migration-list.js';

/**
 * Applies every migration not yet applied, in name order, and turns Kysely's
 * result into ours. Kysely records applied migrations in
 * `kysely_migration` and takes a lock while migrating (an advisory lock on
 * PostgreSQL), so replicas starting together apply each migration once.
 *
 * `migrationSchema` pins where that bookkeeping lives on PostgreSQL: Kysely
 * looks for its table in every schema unless told which, and would take
 * another schema's table for ours.
 */
export async function runMigrations(
  db: Kysely<Database>,
  dialect: StoreDialect,
  migrationSchema: string | undefined,
): Promise<MigrationResult> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(dialect),
    ...(migrationSchema === undefined ? {} : { migrationTableSchema: migrationSchema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (error === undefined) return { ok: true, applied };
  const failed = results.find((r) => r.status === 'Error')?.migrationName;
  return { ok: false, applied, failed, error: error instanceof Error ? error.message : String(error) };
}
