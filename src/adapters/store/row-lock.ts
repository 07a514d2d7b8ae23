import type { SelectQueryBuilder } from 'kysely';
import type { StoreDialect } from '../../ports/store/store.js';

/**
 * Row locks exist on PostgreSQL only; SQLite has one writer at a time and
 * rejects the syntax, and there the surrounding IMMEDIATE transaction
 * (./write-transaction.ts) already excludes other writers.
 */

/** `FOR UPDATE SKIP LOCKED`: competing claimers take different rows instead of waiting. */
export function skipLockedRows<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  dialect: StoreDialect,
): SelectQueryBuilder<DB, TB, O> {
  return dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
}
