import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import type { DatabaseHandle } from './database-handle.js';

/**
 * Runs `work` in a transaction that will write. The dialects differ here:
 *
 * - SQLite: BEGIN IMMEDIATE takes the write lock up front. A plain BEGIN
 *   would start as a reader and could fail with SQLITE_BUSY when it later
 *   tries to write while another process writes — immediate transactions
 *   wait (busy_timeout) instead. The transaction holds the process's single
 *   connection, so nothing else of this process interleaves.
 * - PostgreSQL: an ordinary READ COMMITTED transaction; the statements
 *   inside take the row locks they need.
 *
 * `work` must use the `trx` it is given, never the outer handle (on SQLite
 * that would wait for the connection this transaction holds, forever).
 */
export async function writeTransaction<T>(
  handle: DatabaseHandle,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (handle.dialect === 'postgres') {
    return handle.db.transaction().execute(work);
  }
  return handle.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    let result: T;
    try {
      result = await work(conn);
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
    await sql`commit`.execute(conn);
    return result;
  });
}
