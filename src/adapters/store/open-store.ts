import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Store, StoreDialect } from '../../ports/store/store.js';
import type { DatabaseHandle } from './database-handle.js';
import type { Database } from './database-schema.js';
import { createKyselyAuditLog } from './kysely-audit-log.js';
import { createKyselyChatIdentityStore } from './kysely-chat-identity-store.js';
import { createKyselyCommandReceipts } from './kysely-command-receipts.js';
import { createKyselyMembershipStore } from './kysely-membership-store.js';
import { createKyselyPipelineStore } from './kysely-pipeline-store.js';
import { createKyselyProjectStore } from './kysely-project-store.js';
import { createKyselyReplyOutbox } from './kysely-reply-outbox.js';
import { createKyselyRunnerStore } from './kysely-runner-store.js';
import { createKyselyTraceStore } from './kysely-trace-store.js';
import { createKyselyUserStore } from './kysely-user-store.js';
import { openPostgresDatabase, quoteIdentifier } from './postgres-database.js';
import { runMigrations } from './run-migrations.js';
import { openSqliteDatabase } from './sqlite-database.js';
import { parseStoreUrl } from './store-url.js';

export interface OpenStoreOptions {
  /** `sqlite:/path/file.db`, `:memory:`, or `postgres://…` (see ./store-url.ts). */
  readonly url: string;
  /**
   * PostgreSQL only: keep every table in this schema (created by `migrate`
   * if missing). Tests use a fresh one per run. Letters, digits, `_`.
   */
  readonly schema?: string;
  /** PostgreSQL pool size; default 10. */
  readonly poolSize?: number;
  /** SQLite: how long a writer waits for another process's write; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** PostgreSQL: an idle pooled connection failed (it is dropped and replaced). */
  readonly onIdleConnectionError?: (error: Error) => void;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Opens the store a URL names. Connecting is lazy on PostgreSQL: a wrong
 * host shows up at the first query (`migrate()`), as a rejected promise.
 * An unusable URL or schema name is a configuration error and throws here,
 * before anything is opened (`parseStoreUrl` lets config validation find it
 * first).
 */
export function openStore(options: OpenStoreOptions): Store {
  const location = parseStoreUrl(options.url);
  if (!location.ok) throw new Error(location.error);
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`schema name ${JSON.stringify(options.schema)} must be letters, digits and _`);
  }
  if (location.dialect === 'sqlite') {
    if (options.schema !== undefined) throw new Error('the schema option is for PostgreSQL only');
    const db = openSqliteDatabase(location.filename, options.busyTimeoutMs ?? 5000);
    return assembleStore(db, 'sqlite', undefined);
  }
  const db = openPostgresDatabase({
    connectionString: location.connectionString,
    poolSize: options.poolSize ?? 10,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.onIdleConnectionError === undefined ? {} : { onIdleConnectionError: options.onIdleConnectionError }),
  });
  return assembleStore(db, 'postgres', options.schema ?? 'public');
}

function assembleStore(db: Kysely<Database>, dialect: StoreDialect, schema: string | undefined): Store {
  const handle: DatabaseHandle = { db, dialect };
  return {
    dialect,
    projects: createKyselyProjectStore(handle),
    users: createKyselyUserStore(handle),
    memberships: createKyselyMembershipStore(handle),
    chatIdentities: createKyselyChatIdentityStore(handle),
    pipelines: createKyselyPipelineStore(handle),
    traces: createKyselyTraceStore(handle),
    replies: createKyselyReplyOutbox(handle),
    audit: createKyselyAuditLog(handle),
    commandReceipts: createKyselyCommandReceipts(handle),
    runners: createKyselyRunnerStore(handle),
    async migrate() {
      if (schema !== undefined && schema !== 'public') {
        try {
          await sql`create schema if not exists ${sql.raw(quoteIdentifier(schema))}`.execute(db);
        } catch (error) {
          // Same shape as a failure inside the migrator (which never throws).
          const message = error instanceof Error ? error.message : String(error);
          return { ok: false, applied: [], failed: undefined, error: message };
        }
      }
      return runMigrations(db, dialect, schema);
    },
    close: () => db.destroy(),
  };
}
