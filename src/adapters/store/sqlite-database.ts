import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './database-schema.js';

/**
 * A Kysely instance over one better-sqlite3 connection. Kysely serialises
 * all queries of the process on that connection, which is what SQLite
 * wants: open ONE per database file per process. Other processes may open
 * the same file: WAL lets readers run beside the writer, and busy_timeout
 * makes a writer wait for another process's write instead of failing.
 * (Two handles on one file in the same process can deadlock: a waiting
 * writer blocks the event loop the other needs to commit.)
 */
export function openSqliteDatabase(filename: string, busyTimeoutMs: number): Kysely<Database> {
  const connection = new BetterSqlite3(filename);
  connection.pragma('journal_mode = WAL');
  connection.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  connection.pragma('foreign_keys = ON');
  // Safe with WAL: a power loss may lose the last commits, never corrupt.
  connection.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
}
