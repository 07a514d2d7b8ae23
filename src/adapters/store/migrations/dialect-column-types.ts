import type { ColumnDataType, ColumnDefinitionBuilder } from 'kysely';
import type { StoreDialect } from '../../../ports/store/store.js';

/**
 * The only column types SQLite and PostgreSQL spell differently. Everything
 * else in the migrations is one portable definition: `bigint` for integers
 * (SQLite gives it INTEGER affinity), `text`, `integer` for 0/1 booleans.
 */
export interface DialectColumnTypes {
  /** Type of an auto-numbered primary key. */
  readonly idType: ColumnDataType;
  /** Makes a column that auto-numbered primary key. */
  readonly idColumn: (col: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
  /** Raw bytes. */
  readonly bytes: ColumnDataType;
}

export function columnTypesFor(dialect: StoreDialect): DialectColumnTypes {
  if (dialect === 'postgres') {
    return {
      idType: 'bigint',
      idColumn: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
      bytes: 'bytea',
    };
  }
  // Only the exact type INTEGER PRIMARY KEY makes SQLite alias the rowid;
  // AUTOINCREMENT keeps ids of deleted rows from being reused (job numbers).
  return {
    idType: 'integer',
    idColumn: (col) => col.primaryKey().autoIncrement(),
    bytes: 'blob',
  };
}
