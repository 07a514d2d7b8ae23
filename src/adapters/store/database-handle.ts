import type { Kysely } from 'kysely';
import type { StoreDialect } from '../../ports/store/store.js';
import type { Database } from './database-schema.js';

/** What every Kysely-backed store is built from. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
}
