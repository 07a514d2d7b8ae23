import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema.js';

const INT8_OID = 20;

/**
 * int8 (bigint) comes back from pg as a string, because it may exceed
 * 2^53. Every bigint chatrun stores — epoch milliseconds, ids, byte counts
 * — is far below that, so it is read as a number. The parser is set on this
 * pool only; the process-wide pg.types stays untouched.
 */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PostgresOptions {
  readonly connectionString: string;
  /** Every connection uses this schema first (search_path). */
  readonly schema?: string;
  readonly poolSize: number;
  /** An idle pooled connection failed (server restart, network); the pool drops it. */
  readonly onIdleConnectionError?: (error: Error) => void;
}

/** Quotes an identifier for use in a `-c search_path=` option and DDL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function openPostgresDatabase(options: PostgresOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize,
    types: typeParsers,
    // Set at connection start-up, so no query can run before it applies.
    ...(options.schema === undefined ? {} : { options: `-c search_path=${quoteIdentifier(options.schema)}` }),
  });
  // Without a listener, an idle connection's error would crash the process;
  // the pool already discards that connection and the next query reconnects.
  pool.on('error', (error) => options.onIdleConnectionError?.(error));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
