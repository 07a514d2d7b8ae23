import type { Migration, MigrationProvider } from 'kysely';
import type { StoreDialect } from '../../../ports/store/store.js';
import { initialMigration } from './0001-initial.js';

/**
 * Every migration, in order, listed statically: the build ships no
 * migration folder to scan, and bundling cannot lose one. Names sort in
 * application order (Kysely runs them sorted by name); append, never edit.
 */
export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-initial': initialMigration(dialect),
  };
  return { getMigrations: async () => migrations };
}
